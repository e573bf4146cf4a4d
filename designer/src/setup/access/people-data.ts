// What People shows: users, roles and permission sets, read together so names resolve everywhere.
import type { PermissionSet, Role, SecurityUser, SecurityApi } from './security-api.ts';

export interface PeopleData {
  users: SecurityUser[];
  roles: Role[];
  sets: PermissionSet[];
}

export async function loadPeople(securityApi: SecurityApi): Promise<PeopleData> {
  const [users, roles, sets] = await Promise.all([securityApi.users(), securityApi.roles(), securityApi.permissionSets()]);
  return { users: users.data, roles: roles.data, sets: sets.data };
}

/** Roles in hierarchy order (parents before children, siblings by label), each with its depth. */
export function rolesInTreeOrder(roles: readonly Role[]): { role: Role; depth: number }[] {
  const children = new Map<string | null, Role[]>();
  const ids = new Set(roles.map((role) => role.id));
  for (const role of roles) {
    const parent = role.parentId && ids.has(role.parentId) ? role.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), role]);
  }
  const ordered: { role: Role; depth: number }[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const role of (children.get(parent) ?? []).sort((a, b) => a.label.localeCompare(b.label))) {
      ordered.push({ role, depth });
      visit(role.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** A role and every role under it: a role cannot move below itself. */
export function roleAndDescendants(roles: readonly Role[], id: string): Set<string> {
  const found = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const role of roles) {
      if (role.parentId && found.has(role.parentId) && !found.has(role.id)) {
        found.add(role.id);
        grew = true;
      }
    }
  }
  return found;
}
