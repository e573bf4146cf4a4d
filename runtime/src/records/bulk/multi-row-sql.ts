// Set-based UPDATE and soft DELETE of many records in one statement each (issue #20: a bulk write
// is multi-row statements, not a loop). The rows travel as one jsonb parameter expanded by
// jsonb_populate_recordset over the table's own row type, so every value arrives with its column's
// type (numeric, date, jsonb multipicklist…) without per-column casts in the text. Rows that miss
// (deleted, hidden, not editable, stale version) simply do not come back; the caller explains them.
import { sql } from 'kysely';
import type { CompiledObject } from '../../catalog/catalog-types.ts';
import { editable, type ReturnedRow, returning, type StoredJson } from '../write-query.ts';

export interface MultiRowItem {
  id: string;
  values: Readonly<Record<string, unknown>>;
  expectedVersion?: number;
}

/** Items with the same written columns share one UPDATE; the key is that column list. */
export function groupByColumns(items: readonly MultiRowItem[]): MultiRowItem[][] {
  const groups = new Map<string, MultiRowItem[]>();
  for (const item of items) {
    const key = Object.keys(item.values).sort().join(',');
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

const rowsParameter = (items: readonly MultiRowItem[], object?: CompiledObject) =>
  JSON.stringify(
    items.map((item) => ({ ...(object ? asRecordsetValues(object, item.values) : item.values), id: item.id, version: item.expectedVersion ?? null })),
  );

/**
 * Values as jsonb_populate_recordset reads them into the row type: a geolocation as its point's
 * text `(longitude,latitude)` (a JSON object is no point), everything else as is.
 */
function asRecordsetValues(object: CompiledObject, values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const [name, value] of Object.entries(values)) {
    if (value === null || object.columns.get(name)?.cast !== 'point') continue;
    const { latitude, longitude } = value as { latitude: number; longitude: number };
    out[name] = `(${longitude},${latitude})`;
  }
  return out;
}

/** One UPDATE for items that all write the same columns. */
export function multiRowUpdateSql(object: CompiledObject, items: readonly MultiRowItem[], full?: StoredJson) {
  const names = Object.keys(items[0]?.values ?? {});
  const sets = names.map((name) => sql`${sql.id(name)} = v.${sql.id(name)}`);
  return sql<ReturnedRow>`
    update ${sql.id(object.schema, object.table)} as t
    set ${sql.join([...sets, sql`version = t.version + 1`, sql`updated_at = now()`])}
    from jsonb_populate_recordset(null::${sql.id(object.schema, object.table)}, ${rowsParameter(items, object)}::jsonb) as v
    where t.id = v.id and t.deleted_at is null and (v.version is null or t.version = v.version)
    ${editable(object, 'edit')}
    ${returning(object, full)}`;
}

/** One soft DELETE for many live records the caller may delete. */
export function multiRowDeleteSql(object: CompiledObject, items: readonly MultiRowItem[]) {
  return sql<{ id: string }>`
    update ${sql.id(object.schema, object.table)} as t
    set deleted_at = now(), version = t.version + 1, updated_at = now()
    from jsonb_to_recordset(${rowsParameter(items.map((item) => ({ ...item, values: {} })))}::jsonb) as v(id uuid, version integer)
    where t.id = v.id and t.deleted_at is null and (v.version is null or t.version = v.version)
    ${editable(object, 'delete')}
    returning t.id`;
}
