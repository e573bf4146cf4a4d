// A user row + the tenant's permission sets → the user's permission summary: per object the
// union of every assigned set (permission sets only ever add). modifyAll implies viewAll, edit
// and delete; viewAll and edit imply read; anything at all on an object needs read.
import type { TenantSecurity } from './security-types.ts';
import type { FieldAccess, ObjectGrant, ObjectPermission, UserAccess } from './security-types.ts';

export type UserRow = Omit<UserAccess, 'objects'>;

export function compileUserAccess(security: Pick<TenantSecurity, 'permissionSets'>, user: UserRow): UserAccess {
  const objects = new Map<string, ObjectPermission>();
  for (const setId of user.permissionSetIds) {
    const set = security.permissionSets.get(setId);
    if (!set) continue;
    for (const [object, grant] of Object.entries(set.objects)) {
      const normal = normaliseGrant(grant);
      if (!normal.read) continue;
      const current = objects.get(object);
      objects.set(object, {
        create: (current?.create ?? false) || normal.create,
        read: true,
        edit: (current?.edit ?? false) || normal.edit,
        delete: (current?.delete ?? false) || normal.delete,
        viewAll: (current?.viewAll ?? false) || normal.viewAll,
        modifyAll: (current?.modifyAll ?? false) || normal.modifyAll,
        grants: [...(current?.grants ?? []), normal],
      });
    }
  }
  return Object.freeze({ ...user, objects });
}

type NormalGrant = Required<Omit<ObjectGrant, 'fields'>> & Pick<ObjectGrant, 'fields'>;

export function normaliseGrant(grant: ObjectGrant): NormalGrant {
  const modifyAll = grant.modifyAll === true;
  const viewAll = modifyAll || grant.viewAll === true;
  const edit = modifyAll || grant.edit === true;
  const del = modifyAll || grant.delete === true;
  const create = grant.create === true;
  const read = viewAll || edit || del || create || grant.read === true;
  return { create, read, edit, delete: del, viewAll, modifyAll, fields: grant.fields };
}

const RANK: Record<FieldAccess, number> = { none: 0, read: 1, edit: 2 };

/** A field's access: the best any granting set gives, capped by that set's object level. */
export function fieldAccess(permission: ObjectPermission, field: string): FieldAccess {
  let best: FieldAccess = 'none';
  for (const grant of permission.grants) {
    const normal = normaliseGrant(grant);
    // Creating a record writes its fields too, so create alone makes fields writable (patch still needs edit).
    const objectLevel: FieldAccess = normal.edit || normal.create ? 'edit' : 'read';
    const listed = grant.fields?.[field] ?? objectLevel;
    const access = RANK[listed] <= RANK[objectLevel] ? listed : objectLevel;
    if (RANK[access] > RANK[best]) best = access;
  }
  return best;
}
