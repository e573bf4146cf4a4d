// A record's related lists: for each relation the reader may see (related-relations.ts), how many
// child records they may read point at the record, and the first few of those, newest first. The
// records come through the record list's own plan (a filter on the lookup), so row access, field
// security and rendering are the list's; the count ANDs the same row access into its WHERE.
import { type Result, fail } from '@tessera/metadata';
import { type SqlBool, sql } from 'kysely';
import { linksAnySql } from '../links/link-sql.ts';
import type { Catalog } from '../catalog/catalog-types.ts';
import type { StageTimer } from '../core/stage-timer.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';
import { readableRows } from '../records/read/readable-rows.ts';
import { parseListPlan } from '../records/read/parse-list.ts';
import type { ListPlan } from '../records/read/read-plan.ts';
import { readList } from '../records/read/read-service.ts';
import { type JunctionColumns, relationJunction, withJunctionRecords } from './junction-records.ts';
import { type Relation, summaryColumns } from './related-relations.ts';

export interface RelatedList {
  object: string;
  field: string;
  /** `lookup`: the child's lookup names this record; `manytomany`: the child links to it (link and unlink through …/links/:field). */
  via: Relation['via'];
  count: number;
  columns: string[];
  records: unknown[];
  /** The child's first pipeline, for stage totals (GET /objects/:object/board?filter=…), or null. */
  pipeline: string | null;
  /** A many-to-many through a junction object the reader may read: its fields shown beside each record (`$junction`). */
  junction?: JunctionColumns;
}

/** The record list's plan for one relation's children: `query` plus the lookup (or has_any links) filter. */
export function relatedListPlan(relation: Relation, parentId: string, query: Record<string, string | undefined>): Result<ListPlan> {
  if (query.filter !== undefined)
    return fail([{ path: 'filter', code: 'TSR102', message: 'a related list is filtered by its lookup; use the record list for other filters' }]);
  const filter = JSON.stringify(
    relation.via === 'manytomany' ? { has_any: [{ var: relation.field }, [parentId.toLowerCase()]] } : { '==': [{ var: relation.field }, parentId] },
  );
  return parseListPlan({ sort: '-created_at', ...query, filter }, relation.child);
}

export async function relatedLists(
  db: ObjectDb,
  catalog: Catalog,
  timer: StageTimer,
  relations: Relation[],
  parentId: string,
  limit: number,
): Promise<RelatedList[]> {
  const lists: RelatedList[] = [];
  for (const relation of relations) {
    const columns = summaryColumns(relation);
    const plan = relatedListPlan(relation, parentId, { fields: columns.join(','), limit: String(limit) });
    if (!plan.ok) throw new Error(`related list plan for ${relation.child.apiName}.${relation.field}: ${plan.errors[0]?.message}`);
    const page = await readList(db, catalog, timer, plan.value);
    const junction = relationJunction(catalog, relation)?.info;
    const rows = await timer.time('db', () => withJunctionRecords(db, catalog, relation, parentId, page.rows));
    lists.push({
      object: relation.child.apiName,
      field: relation.field,
      via: relation.via,
      count: await timer.time('db', () => countRelated(db, relation, parentId)),
      columns,
      records: rows.map((row) => JSON.parse(row) as unknown),
      pipeline: relation.child.definition.pipelines?.[0]?.apiName ?? null,
      ...(junction ? { junction } : {}),
    });
  }
  return lists;
}

async function countRelated(db: ObjectDb, relation: Relation, parentId: string): Promise<number> {
  const { child, field } = relation;
  const column = child.columns.get(field);
  if (!column) return 0;
  const points = column.links ? linksAnySql(column.links, 't', [parentId.toLowerCase()]) : sql<SqlBool>`${column.ref} = ${parentId}::uuid`;
  const conditions = readableRows(child, 'exclude', points);
  const result = await sql<{
    count: string;
  }>`select count(*)::text as count from ${sql.id(child.schema, child.table)} as t where ${sql.join(conditions, sql` and `)}`.execute(db);
  return Number(result.rows[0]?.count ?? 0);
}
