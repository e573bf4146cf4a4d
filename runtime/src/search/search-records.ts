// A search plan → one statement (a UNION ALL of one sub-select per object) → hits grouped by
// object. Each sub-select ANDs the reader's row access into its WHERE and reads only the columns
// of the reader's view of the object, so a record they may not read, or a match in a field they
// may not read, never leaves the database.
//
// Matching is a case-insensitive substring test, `strpos(lower(value), lower(q)) > 0`, not
// `ILIKE` and not pg_trgm: strpos takes the text as data (no `%`/`_` escaping to get wrong), works
// character by character for Chinese (华为 is found inside 华为技术有限公司, which has no word
// breaks), and runs the same on PostgreSQL and PGlite. pg_trgm would need the extension in every
// tenant database and PGlite's contrib loaded at start, its trigram index cannot serve a query of
// fewer than three characters (most Chinese names searched are two: 华为, 腾讯), and whether it
// counts CJK characters as word characters depends on the database's locale. So searches scan;
// a GIN trigram index per searchable field is the upgrade when tables outgrow that (see README).
import { type RawBuilder, sql } from 'kysely';
import type { CompiledColumn, CompiledObject } from '../catalog/catalog-types.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';
import { plainTextSql } from '../richtext/plain-text-sql.ts';
import type { SearchPlan } from './parse-search.ts';
import { nameColumn, searchableColumns } from './searchable-fields.ts';

/** exact (0) > prefix (1) > substring (2), compared case-insensitively. */
export type MatchRank = 0 | 1 | 2;

export interface SearchHit {
  id: string;
  name: string | null;
  /** The field that matched best (the name field wins a tie). */
  matchedField: string;
  /** Its value, cut to 200 characters. */
  matchedValue: string;
  rank: MatchRank;
}

export interface SearchGroup {
  object: string;
  records: SearchHit[];
  /** More records of this object match than `limit`. */
  hasMore: boolean;
}

interface HitRow {
  object: string;
  id: string;
  name: string | null;
  field: string;
  value: string;
  rank: number;
}

export async function searchRecords(db: ObjectDb, plan: SearchPlan): Promise<SearchGroup[]> {
  const statement = searchSql(plan);
  if (!statement) return [];
  const result = await statement.execute(db);
  return groupHits(result.rows, plan);
}

/** The one statement of a plan, or undefined when no object has a field to search. */
export function searchSql(plan: SearchPlan): RawBuilder<HitRow> | undefined {
  const selects = plan.objects.map((object) => objectHits(object, plan)).filter((select) => select !== undefined);
  return selects.length === 0 ? undefined : sql<HitRow>`${sql.join(selects, sql` union all `)}`;
}

/** One object's best `limit + 1` hits (the extra one says there are more), or nothing to search. */
function objectHits(object: CompiledObject, plan: SearchPlan): RawBuilder<unknown> | undefined {
  const columns = searchableColumns(object);
  if (columns.length === 0) return undefined;
  const needle = sql`lower(${plan.q}::text)`;
  const candidates = columns.map((column, order) => sql`(${order}::int, ${column.apiName}::text, (${searchedText(column)})::text)`);
  const name = nameColumn(object);
  const visible = object.rowAccess?.read('t');
  return sql`(select ${object.apiName}::text as object, t.id::text as id, ${name ? sql`(${name.render('t')})::text` : sql`null::text`} as name,
      m.field, left(m.value, 200) as value, m.rank
    from ${sql.id(object.schema, object.table)} as t
    cross join lateral (
      select v.field, v.value,
        case when lower(v.value) = ${needle} then 0 when strpos(lower(v.value), ${needle}) = 1 then 1 else 2 end as rank
      from (values ${sql.join(candidates)}) as v(ord, field, value)
      where strpos(lower(v.value), ${needle}) > 0
      order by 3, v.ord
      limit 1
    ) as m
    where t.deleted_at is null ${visible ? sql`and ${visible}` : sql``}
    order by m.rank, 3 nulls last, t.id
    limit ${plan.limit + 1})`;
}

/** Rows → groups in the plan's object order, each cut to `limit`; groups with a better best hit first. */
function groupHits(rows: readonly HitRow[], plan: SearchPlan): SearchGroup[] {
  const byObject = new Map<string, SearchHit[]>();
  for (const row of rows) {
    const hits = byObject.get(row.object) ?? [];
    hits.push({ id: row.id, name: row.name, matchedField: row.field, matchedValue: row.value, rank: Number(row.rank) as MatchRank });
    byObject.set(row.object, hits);
  }
  const groups: SearchGroup[] = [];
  for (const object of plan.objects) {
    const hits = byObject.get(object.apiName);
    if (hits) groups.push({ object: object.apiName, records: hits.slice(0, plan.limit), hasMore: hits.length > plan.limit });
  }
  // Array.sort is stable: objects with equally good hits keep the catalog's order.
  return groups.sort((a, b) => (a.records[0]?.rank ?? 2) - (b.records[0]?.rank ?? 2));
}

/** The text a column is searched by: its rendered value, rich text by its words (not its tags). */
function searchedText(column: CompiledColumn): RawBuilder<unknown> {
  return column.field?.type === 'richtext' ? plainTextSql(column.render('t')) : column.render('t');
}
