// Every SQL text the lean baseline runs, built once at start from constant column lists and run as
// named prepared statements: PostgreSQL parses and plans each one once per connection, and a request
// only picks a statement and binds values. Records come back as JSON text made by PostgreSQL
// (row_to_json over a one-row subselect, timestamps as `…sssZ` via to_char), the way Tessera renders
// them, so neither server parses rows into objects and serialises them again.
import { ACCOUNT_SELECT, OPPORTUNITY_FIELDS, OPPORTUNITY_SELECT, type OpportunityField } from '../tables.ts';

/** A prepared statement for pg: `{ name, text }`, values bound per call. */
export interface Statement {
  name: string;
  text: string;
}

const INSTANTS = new Set(['created_at', 'updated_at', 'deleted_at', 'last_activity_at']);
/** Parameter casts, so one text serves every value (and a patch's CASE branches get their types). */
export const CASTS: Record<OpportunityField, string> = {
  name: 'varchar',
  account: 'uuid',
  stage: 'varchar',
  amount: 'numeric',
  probability: 'numeric',
  quantity: 'numeric',
  discount: 'numeric',
  expected_revenue: 'numeric',
  close_date: 'date',
  last_activity_at: 'timestamptz',
  is_private: 'boolean',
  contact_email: 'varchar',
  lead_source: 'varchar',
  next_step: 'varchar',
  description: 'varchar',
};

/** The list screens this server serves: filter × sort × expand. Anything else is a 400. */
export const LIST_FILTERS = ['none', 'stage', 'lead_source', 'name~'] as const;
export const LIST_SORTS = ['none', 'amount', '-amount', 'close_date', '-close_date', 'name', '-name'] as const;
export type ListFilter = (typeof LIST_FILTERS)[number];
export type ListSort = (typeof LIST_SORTS)[number];

const render = (alias: string, column: string) =>
  INSTANTS.has(column) ? `to_char(${alias}.${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ${column}` : `${alias}.${column} as ${column}`;
const recordJson = (alias: string, columns: readonly string[], overrides: Record<string, string> = {}) =>
  `(select row_to_json(r) from (select ${columns.map((column) => overrides[column] ?? render(alias, column)).join(', ')}) as r)`;

export function buildStatements(schema: string) {
  const opportunity = `"${schema}".opportunity`;
  const account = `"${schema}".account`;
  const json = recordJson('t', OPPORTUNITY_SELECT);
  const expandedJson = recordJson('t', OPPORTUNITY_SELECT, {
    account: `(select ${recordJson('a', ACCOUNT_SELECT)} from ${account} as a where a.id = t.account and a.deleted_at is null) as account`,
  });
  const returning = `returning ${json}::text as j, t.id, t.version`;
  const live = `where t.id = $1 and t.deleted_at is null`;

  const list = new Map<string, Statement>();
  for (const filter of LIST_FILTERS) {
    for (const sort of LIST_SORTS) {
      for (const expand of [false, true]) {
        const where = ['t.deleted_at is null'];
        // $1 is the limit (limit + 1 rows: the extra one says whether there is a next page).
        if (filter === 'name~') where.push('strpos(t.name, $2) > 0');
        else if (filter !== 'none') where.push(`t.${filter} = $2`);
        const column = sort.replace('-', '');
        const order = sort === 'none' ? 't.id' : `t.${column} ${sort.startsWith('-') ? 'desc' : 'asc'} nulls last, t.id`;
        const key = sort === 'none' ? 'json_build_array(t.id)' : `json_build_array(t.${column}::text, t.id)`;
        list.set(listKey(filter, sort, expand), {
          name: `lean_list_${list.size}`,
          text: `select ${expand ? expandedJson : json}::text as j, ${key}::text as k from ${opportunity} as t where ${where.join(' and ')} order by ${order} limit $1`,
        });
      }
    }
  }

  const fields = OPPORTUNITY_FIELDS;
  const insert: Statement = {
    name: 'lean_insert',
    text: `insert into ${opportunity} as t (${fields.join(', ')}) values (${fields.map((field, i) => `$${i + 1}::${CASTS[field]}`).join(', ')}) ${returning}`,
  };
  // $2 is the expected version or null (no If-Match): `$2 is null or …` keeps it one statement.
  const update = (assignments: string): Statement['text'] =>
    `update ${opportunity} as t set ${assignments}, version = t.version + 1, updated_at = now() ${live} and ($2::int is null or t.version = $2) ${returning}`;
  // The common patch sets one field: one statement per field. Several fields: one statement with a
  // bit mask ($3) saying which of the values ($4…) to take, so no text is built per request either.
  const patchOne = new Map<OpportunityField, Statement>(
    fields.map((field) => [field, { name: `lean_patch_${field}`, text: update(`${field} = $3::${CASTS[field]}`) }]),
  );
  const patchMany: Statement = {
    name: 'lean_patch_many',
    text: update(fields.map((field, i) => `${field} = case when $3::int & ${1 << i} <> 0 then $${i + 4}::${CASTS[field]} else t.${field} end`).join(', ')),
  };
  return {
    list,
    get: { name: 'lean_get', text: `select ${json}::text as j, t.version from ${opportunity} as t ${live}` } satisfies Statement,
    insert,
    patchOne,
    patchMany,
    currentVersion: { name: 'lean_version', text: `select t.version from ${opportunity} as t ${live}` } satisfies Statement,
  };
}

export type Statements = ReturnType<typeof buildStatements>;

export const listKey = (filter: ListFilter, sort: ListSort, expand: boolean): string => `${filter}|${sort}|${expand ? 'expand' : ''}`;
