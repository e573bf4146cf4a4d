// The names a filter may use on an object: its fields and standard columns, as typed columns of
// the row alias `t`. Built once per compiled object and revision.
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { canonicalFieldName } from '../catalog/compile-catalog.ts';
import type { FilterScope } from '../filter/index.ts';
import { contextField, DATABASE_CLOCK } from '../catalog/rule-context-sql.ts';

const scopes = new WeakMap<CompiledObject, FilterScope>();

export function filterScope(object: CompiledObject): FilterScope {
  let scope = scopes.get(object);
  if (!scope) {
    scope = {
      resolve(name: string) {
        const column = object.columns.get(canonicalFieldName(object, name));
        // Besides columns: $today, $now and $user.id (the request's, once bound; see rules/bind-rule-context.ts).
        return column ? { ref: column.ref, type: column.filterType } : contextField(object.ruleContext ?? DATABASE_CLOCK, name);
      },
    };
    scopes.set(object, scope);
  }
  return scope;
}
