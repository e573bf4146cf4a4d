// The names a filter may use on an object: its fields and standard columns, as typed columns of
// the row alias `t`. Built once per compiled object and revision.
import type { CompiledObject } from '../catalog/catalog-types.ts';
import type { FilterScope } from '../filter/index.ts';

const scopes = new WeakMap<CompiledObject, FilterScope>();

export function filterScope(object: CompiledObject): FilterScope {
  let scope = scopes.get(object);
  if (!scope) {
    scope = {
      resolve(name: string) {
        const column = object.columns.get(name);
        return column ? { ref: column.ref, type: column.filterType } : undefined;
      },
    };
    scopes.set(object, scope);
  }
  return scope;
}
