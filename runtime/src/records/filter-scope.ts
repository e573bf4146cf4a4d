// The names a filter may use on an object: its fields and standard columns, as typed columns of
// the row alias `t`. Built once per compiled object and revision.
import type { CompiledColumn, CompiledObject } from '../catalog/catalog-types.ts';
import { canonicalFieldName } from '../catalog/compile-catalog.ts';
import type { FilterField, FilterScope } from '../filter/index.ts';
import { plainTextSql } from '../richtext/plain-text-sql.ts';
import { polylookupPart, polylookupWhole } from '../catalog/polylookup-part.ts';
import { contextField, DATABASE_CLOCK } from '../catalog/rule-context-sql.ts';
import { linkConditions } from '../links/link-sql.ts';
import { calendarNamed } from '../catalog/formula-columns.ts';

const scopes = new WeakMap<CompiledObject, FilterScope>();

export function filterScope(object: CompiledObject): FilterScope {
  let scope = scopes.get(object);
  if (!scope) {
    scope = {
      resolve(name: string) {
        const column = object.columns.get(canonicalFieldName(object, name));
        if (column?.field?.type === 'polylookup' || isFileColumn(column)) return undefined;
        if (!column && name.includes('.')) {
          const part = polylookupPart(object.columns, 't', name);
          if (part) return part;
        }
        // Besides columns: $today, $now and $user.id (the request's, once bound; see rules/bind-rule-context.ts).
        if (!column) return contextField(object.ruleContext ?? DATABASE_CLOCK, name);
        return filterField(column, object);
      },
      unavailable: (name: string) =>
        isFileColumn(object.columns.get(name)) ? `'${name}' is a file field: records are not filtered by their files` : polylookupWhole(object.columns, name),
      calendar: (name: string) => calendarNamed(object.formulaLookups?.calendars, name),
    };
    scopes.set(object, scope);
  }
  return scope;
}

const isFileColumn = (column: CompiledColumn | undefined): boolean => column?.field?.type === 'file' || column?.field?.type === 'image';

/** A column as a filter operand. Picklists name their values, so a comparison with a value they do not have is refused. */
export function filterField(column: CompiledColumn, object?: Pick<CompiledObject, 'schema'>): FilterField {
  const field = column.field;
  const values = field && (field.type === 'picklist' || field.type === 'multipicklist') ? field.values.map((value) => value.apiName) : undefined;
  // Rich text is filtered on its words: `contains` finds text, not markup (plain-text-sql.ts).
  const ref = field?.type === 'richtext' ? plainTextSql(column.ref) : column.ref;
  // Many-to-many: has_any / has_all as EXISTS on the junction table rather than over the id list.
  const links = column.links && object ? linkConditions(column.links, 't') : undefined;
  return { ref, type: column.filterType, ...(values ? { values } : {}), ...(links ? { links } : {}) };
}
