// A user's reach into one object's rows as SQL conditions over a row alias: owner, the role
// hierarchy (owners whose role path lies under the user's: a prefix match on an indexed column),
// manual shares (a primary-key probe) and sharing rules (their JsonLogic criteria compiled by the
// same compiler as list filters). Built once per user and security revision.
import { polylookupPart } from '../catalog/polylookup-part.ts';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CompiledObject, RowAccess } from '../catalog/catalog-types.ts';
import { columnRef } from '../catalog/column-kinds.ts';
import { compileFilter, type FilterScope } from '../filter/index.ts';
import type { ObjectAccessSetting, ObjectPermission, ShareAccess, SharingRuleRow, UserAccess } from './security-types.ts';
import type { TenantSecurity } from './security-types.ts';

export interface RowAccessInput {
  object: CompiledObject;
  permission: ObjectPermission;
  setting: ObjectAccessSetting;
  user: UserAccess;
  security: TenantSecurity;
}

type Condition = RawBuilder<SqlBool>;
const FALSE = sql<SqlBool>`false`;

export function buildRowAccess({ object, permission, setting, user, security }: RowAccessInput): RowAccess {
  const owner = (alias: string) => sql<SqlBool>`${sql.ref(`${alias}.owner_id`)} = ${user.userId}::uuid`;
  const subordinates = (alias: string): Condition | undefined =>
    user.rolePath === null
      ? undefined
      : sql<SqlBool>`${sql.ref(`${alias}.owner_id`)} in (select _su.id from ${sql.id(security.schema, '_users')} as _su
          where _su.role_path like ${`${user.rolePath}%`} and _su.role_path <> ${user.rolePath})`;
  const shared = (alias: string, access: ShareAccess) =>
    sql<SqlBool>`exists (select 1 from ${sql.id(security.schema, '_record_shares')} as _ss
      where _ss.object = ${object.apiName} and _ss.record_id = ${sql.ref(`${alias}.id`)} and _ss.user_id = ${user.userId}::uuid
      ${access === 'edit' ? sql`and _ss.access = 'edit'` : sql``})`;
  const rules = applicableRules(security, object.apiName, user);

  const reach = (alias: string, access: ShareAccess): Condition => {
    const branches: Condition[] = [owner(alias)];
    const managers = access === 'read' ? setting.managerAccess !== 'none' : setting.managerAccess === 'edit';
    const hierarchy = managers ? subordinates(alias) : undefined;
    if (hierarchy) branches.push(hierarchy);
    branches.push(shared(alias, access));
    for (const rule of rules) {
      if (access === 'edit' && rule.access !== 'edit') continue;
      const criterion = compileFilter(rule.criteria, aliasScope(object, alias));
      // A rule whose criteria no longer compile (a field was removed) grants nothing.
      branches.push(criterion.ok ? criterion.value : FALSE);
    }
    return sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
  };

  const read = memo((alias) => (permission.viewAll || setting.defaultAccess !== 'private' ? undefined : reach(alias, 'read')));
  const edit = memo((alias) => {
    if (!permission.edit) return FALSE;
    if (permission.modifyAll || setting.defaultAccess === 'read_write') return undefined;
    return reach(alias, 'edit');
  });
  const manage = memo((alias) => {
    if (permission.modifyAll) return undefined;
    const hierarchy = setting.managerAccess === 'edit' ? subordinates(alias) : undefined;
    return hierarchy ? sql<SqlBool>`(${owner(alias)} or ${hierarchy})` : owner(alias);
  });
  return Object.freeze({
    userId: user.userId,
    canCreate: permission.create,
    canEdit: permission.edit,
    canDelete: permission.delete,
    canAssignOwner: permission.modifyAll,
    read,
    edit,
    delete: (alias: string) => (permission.delete ? manage(alias) : FALSE),
    share: manage,
  });
}

/** Rules shared with the user's role, or with a role above it that includes subordinates. */
function applicableRules(security: TenantSecurity, object: string, user: UserAccess): SharingRuleRow[] {
  if (!user.roleId || !user.rolePath) return [];
  const rolePath = user.rolePath;
  return security.sharingRules.filter((rule) => {
    if (rule.object !== object) return false;
    if (rule.roleId === user.roleId) return true;
    const role = security.roles.get(rule.roleId);
    return rule.includeSubordinates && role !== undefined && rolePath.startsWith(role.path);
  });
}

/** The object's columns under another row alias (sharing rules also run inside expand subqueries). */
export function aliasScope(object: CompiledObject, alias: string): FilterScope {
  // Formula and roll-up values are computed when read, not stored: `alias.name` names no column
  // (every read by the rule's role was a 500). Refused when the rule is saved; a stored rule that
  // reads one no longer compiles and grants nothing.
  const computed = (name: string) => {
    const type = object.columns.get(name)?.field?.type;
    return type === 'formula' || type === 'rollup' ? type : undefined;
  };
  return {
    resolve(name: string) {
      const column = object.columns.get(name);
      if (!column) return polylookupPart(object.columns, alias, name);
      return !computed(name) && column.field?.type !== 'polylookup'
        ? { ref: columnRef(column.asText ? { asText: true } : {}, alias, name), type: column.filterType }
        : undefined;
    },
    unavailable(name: string) {
      const type = computed(name);
      return type ? `'${name}' is a ${type} field, computed when read: sharing rules can only test stored fields` : undefined;
    },
  };
}

function memo<T>(build: (alias: string) => T): (alias: string) => T {
  const built = new Map<string, T>();
  return (alias) => {
    if (!built.has(alias)) built.set(alias, build(alias));
    return built.get(alias) as T;
  };
}
