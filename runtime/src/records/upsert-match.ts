// Upsert by external id: which of the given key values already name a live record. One statement
// for all of a request's values, over every live row (not only the caller's): a match the caller
// may not see or edit then answers like any other update of it (404/403 from the write pipeline)
// instead of trying a create that the unique index would refuse.
import { sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import type { ObjectDb } from './write/write-context.ts';

/** Key value (as text) → record id, for the values that exist. Locks the rows so a concurrent upsert waits. */
export async function matchExternalIds(
  db: ObjectDb,
  object: CompiledObject,
  field: string,
  values: readonly (string | number)[],
): Promise<Map<string, string>> {
  if (values.length === 0) return new Map();
  const texts = [...new Set(values.map(String))];
  const rows = await sql<{ id: string; k: string }>`
    select t.id, t.${sql.id(field)}::text as k from ${sql.id(object.schema, object.table)} as t
    where t.${sql.id(field)}::text in (select unnest(${texts}::text[])) and t.deleted_at is null
    for update of t`.execute(db);
  return new Map(rows.rows.map((row) => [row.k, row.id]));
}

/** A path or body value of an external id field as the column's type expects it (number fields take numbers). */
export function externalIdValue(object: CompiledObject, field: string, raw: unknown): string | number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string' || raw === '') return undefined;
  if (object.columns.get(field)?.field?.type === 'number') {
    const parsed = Number(raw);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return raw;
}
