// A many-to-many related list through a junction object shows each link's own fields (role, since…):
// the reverse list's records (records linking to the parent) each get `$junction`, the junction
// record joining that record and the parent, read through the reader's view of the junction object
// (row access, hidden fields), so the list tells no more than the junction's own record list does.
// A reader who may not read the junction object gets the records without `$junction`.
import { type SqlBool, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';
import { readableRows } from '../records/read/readable-rows.ts';
import type { Relation } from './related-relations.ts';

export interface JunctionColumns {
  /** The junction object. */
  object: string;
  /** Its lookup to the linking (child) record, and to the parent. */
  source: string;
  target: string;
  /** Its own fields the list shows beside each record (never the two lookups). */
  columns: string[];
}

const JUNCTION_COLUMNS = 3;
const SKIPPED_TYPES = new Set(['textarea', 'multipicklist', 'lookup', 'manytomany', 'richtext', 'file', 'image']);

/** The junction object of a relation as the reader sees it, or undefined (managed links, or no read access). */
export function relationJunction(catalog: Catalog, relation: Relation): { object: CompiledObject; info: JunctionColumns } | undefined {
  if (relation.via !== 'manytomany') return undefined;
  const ends = relation.child.columns.get(relation.field)?.links?.junction;
  const object = ends ? catalog.objects.get(ends.object) : undefined;
  if (!ends || !object) return undefined;
  const columns = object.definition.fields
    .filter((field) => !SKIPPED_TYPES.has(field.type) && field.apiName !== object.definition.nameField && object.columns.has(field.apiName))
    .map((field) => field.apiName)
    .slice(0, JUNCTION_COLUMNS);
  return { object, info: { object: ends.object, source: ends.source, target: ends.target, columns } };
}

/** The records (JSON texts) with `$junction` added, when the relation has a junction the reader may read. */
export async function withJunctionRecords(db: ObjectDb, catalog: Catalog, relation: Relation, parentId: string, rows: readonly string[]): Promise<string[]> {
  const junction = relationJunction(catalog, relation);
  if (!junction || rows.length === 0) return [...rows];
  const records = rows.map((row) => JSON.parse(row) as Record<string, unknown>);
  const { object, info } = junction;
  const ids = records.map((record) => String(record.id));
  const pair = sql<SqlBool>`${sql.ref(`t.${info.target}`)} = ${parentId.toLowerCase()}::uuid and ${sql.ref(`t.${info.source}`)} = any(cast(${ids} as uuid[]))`;
  const conditions = readableRows(object, 'exclude', pair);
  const { rows: found } = await sql<{ s: string; j: string }>`
    select ${sql.ref(`t.${info.source}`)}::text as s, ${object.recordJson('t')}::text as j
    from ${sql.id(object.schema, object.table)} as t where ${sql.join(conditions, sql` and `)}`.execute(db);
  const bySource = new Map(found.map((row) => [row.s, JSON.parse(row.j) as unknown]));
  return records.map((record) => JSON.stringify(bySource.has(String(record.id)) ? { ...record, $junction: bySource.get(String(record.id)) } : record));
}
