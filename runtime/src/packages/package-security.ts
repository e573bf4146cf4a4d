// A package's roles, permission sets and org-wide defaults → rows of the tenant's security tables,
// in the package operation's transaction, checked like the security API checks them (names,
// grants against the catalog the package operation produces). Roles and sets are matched by name:
// the package's own (from its previous version) are updated, anyone else's is a collision.
import type { ProblemDetail } from '@tessera/metadata';
import type { PackageBundle } from '@tessera/metadata/packages';
import { type Kysely, sql } from 'kysely';
import type { Catalog } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import { checkGrants, DEFAULT_ACCESS_VALUES, InputChecker, MANAGER_ACCESS_VALUES } from '../security/check-security-input.ts';
import { DEFAULT_OBJECT_ACCESS, type Labels } from '../security/security-types.ts';
import type { OwnedSecurity } from './package-store.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

interface RoleSpec {
  name: string;
  label: string;
  labels: Labels;
  parent: string | null;
}
interface SetSpec {
  name: string;
  label: string;
  labels: Labels;
  objects: Record<string, unknown>;
}

export interface CheckedSecurity {
  roles: RoleSpec[];
  permissionSets: SetSpec[];
  objectAccess: { object: string; defaultAccess: string; managerAccess: string }[];
}

/** Existing role and permission set names, for collision checks before anything is written. */
export async function securityNames(db: Db, schema: string): Promise<{ roles: Set<string>; permissionSets: Set<string> }> {
  const roles = await sql<{ name: string }>`select name from ${sql.id(schema, '_roles')}`.execute(db);
  const sets = await sql<{ name: string }>`select name from ${sql.id(schema, '_permission_sets')}`.execute(db);
  return { roles: new Set(roles.rows.map((row) => row.name)), permissionSets: new Set(sets.rows.map((row) => row.name)) };
}

/** Names another owner (the tenant or another package) already uses: TSR607 each. */
export function securityCollisions(
  bundle: PackageBundle,
  existing: { roles: Set<string>; permissionSets: Set<string> },
  owned: OwnedSecurity,
): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  bundle.security.roles.forEach((role, index) => {
    if (existing.roles.has(String(role.name)) && !owned.roles.includes(String(role.name)))
      problems.push({
        path: `/security/roles/${index}/name`,
        code: 'TSR607',
        message: `role ${String(role.name)} exists and is not this package's (owner: the tenant or another package)`,
      });
  });
  bundle.security.permissionSets.forEach((set, index) => {
    if (existing.permissionSets.has(String(set.name)) && !owned.permissionSets.includes(String(set.name)))
      problems.push({
        path: `/security/permissionSets/${index}/name`,
        code: 'TSR607',
        message: `permission set ${String(set.name)} exists and is not this package's (owner: the tenant or another package)`,
      });
  });
  return problems;
}

/** Checks the package's security against the catalog it will run under; every problem at once. */
export function checkPackageSecurity(bundle: PackageBundle, catalog: Catalog): CheckedSecurity {
  const problems: ProblemDetail[] = [];
  const collect = (prefix: string, checker: InputChecker) => problems.push(...checker.problems.map((found) => ({ ...found, path: `${prefix}${found.path}` })));
  const names = new Set(bundle.security.roles.map((role) => role.name));
  const roles = bundle.security.roles.map((raw, index): RoleSpec => {
    const checker = new InputChecker(raw).only(['name', 'label', 'labels', 'parent']);
    const name = checker.name('name', true) ?? '';
    const { label = name, labels = {} } = checker.labelAndLabels(name);
    const parent = checker.name('parent', false) ?? null;
    if (parent !== null && !names.has(parent)) checker.add('/parent', `names no role of the package: ${parent}`);
    collect(`/security/roles/${index}`, checker);
    return { name, label, labels, parent };
  });
  const permissionSets = bundle.security.permissionSets.map((raw, index): SetSpec => {
    const checker = new InputChecker(raw).only(['name', 'label', 'labels', 'objects']);
    const name = checker.name('name', true) ?? '';
    const { label = name, labels = {} } = checker.labelAndLabels(name);
    const objects = checkGrants(checker, 'objects', catalog, false) ?? {};
    collect(`/security/permissionSets/${index}`, checker);
    return { name, label, labels, objects };
  });
  const objectAccess = Object.entries(bundle.security.objectAccess ?? {}).map(([object, raw]) => {
    const checker = new InputChecker(raw).only(['defaultAccess', 'managerAccess']);
    if (!catalog.objects.has(object)) checker.add('', `there is no object '${object}'`);
    const defaultAccess = checker.oneOf('defaultAccess', DEFAULT_ACCESS_VALUES, true) ?? 'private';
    const managerAccess = checker.oneOf('managerAccess', MANAGER_ACCESS_VALUES, false) ?? DEFAULT_OBJECT_ACCESS.managerAccess;
    collect(`/security/objectAccess/${object}`, checker);
    return { object, defaultAccess, managerAccess };
  });
  if (problems.length > 0)
    throw new ApiError(
      'TSR600',
      'The package security is invalid; nothing was installed.',
      problems.map((found) => ({ ...found, code: 'TSR600' as const })),
    );
  return { roles, permissionSets, objectAccess };
}

/** Writes the checked security; parents before children (a role's parent is looked up by name). */
export async function writePackageSecurity(trx: Db, schema: string, security: CheckedSecurity): Promise<OwnedSecurity> {
  const pending = [...security.roles];
  const written = new Set<string>();
  while (pending.length > 0) {
    const index = pending.findIndex((role) => role.parent === null || written.has(role.parent));
    const role = pending.splice(index < 0 ? 0 : index, 1)[0] as RoleSpec;
    const parent =
      role.parent === null
        ? undefined
        : (await sql<{ id: string; path: string }>`select id, path from ${sql.id(schema, '_roles')} where name = ${role.parent}`.execute(trx)).rows[0];
    const existing = (await sql<{ id: string }>`select id from ${sql.id(schema, '_roles')} where name = ${role.name}`.execute(trx)).rows[0];
    if (existing) {
      await sql`update ${sql.id(schema, '_roles')} set label = ${role.label}, labels = ${JSON.stringify(role.labels)}::jsonb, version = version + 1 where id = ${existing.id}::uuid`.execute(
        trx,
      );
    } else {
      const id = (await sql<{ id: string }>`select tessera.uuid_v7() as id`.execute(trx)).rows[0]?.id as string;
      await sql`
        insert into ${sql.id(schema, '_roles')} (id, name, label, labels, parent_id, path)
        values (${id}::uuid, ${role.name}, ${role.label}, ${JSON.stringify(role.labels)}::jsonb, ${parent?.id ?? null}::uuid, ${`${parent?.path ?? '/'}${id}/`})`.execute(
        trx,
      );
    }
    written.add(role.name);
  }
  for (const set of security.permissionSets) {
    await sql`
      insert into ${sql.id(schema, '_permission_sets')} (name, label, labels, objects) values (${set.name}, ${set.label}, ${JSON.stringify(set.labels)}::jsonb, ${JSON.stringify(set.objects)}::jsonb)
      on conflict (name) do update set label = excluded.label, labels = excluded.labels, objects = excluded.objects, version = ${sql.id(schema, '_permission_sets')}.version + 1, updated_at = now()`.execute(
      trx,
    );
  }
  for (const access of security.objectAccess) {
    await sql`
      insert into ${sql.id(schema, '_object_access')} (object, default_access, manager_access) values (${access.object}, ${access.defaultAccess}, ${access.managerAccess})
      on conflict (object) do update set default_access = excluded.default_access, manager_access = excluded.manager_access`.execute(trx);
  }
  return { roles: security.roles.map((role) => role.name), permissionSets: security.permissionSets.map((set) => set.name) };
}

/** Uninstall: the package's permission sets go (with their assignments); its roles go unless users still hold them. */
export async function removePackageSecurity(trx: Db, schema: string, owned: OwnedSecurity, objects: readonly string[]): Promise<void> {
  if (owned.permissionSets.length > 0)
    await sql`delete from ${sql.id(schema, '_permission_sets')} where name in (${sql.join(owned.permissionSets)})`.execute(trx);
  for (const name of [...owned.roles].reverse()) {
    await sql`
      delete from ${sql.id(schema, '_roles')} r where r.name = ${name}
        and not exists (select 1 from ${sql.id(schema, '_users')} u where u.role_id = r.id)
        and not exists (select 1 from ${sql.id(schema, '_roles')} c where c.parent_id = r.id)
        and not exists (select 1 from ${sql.id(schema, '_sharing_rules')} s where s.role_id = r.id)`.execute(trx);
  }
  if (objects.length > 0) await sql`delete from ${sql.id(schema, '_object_access')} where object in (${sql.join(objects)})`.execute(trx);
}
