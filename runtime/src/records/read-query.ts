// Read plans → SQL whose rows are already JSON text: PostgreSQL renders each record, the runtime
// joins them into the response. Knowing the query shape lets us skip parse-and-re-serialise in Node.
import { CompiledQuery, type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { compileOnce } from '../sql/precompile.ts';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { jsonObject } from '../catalog/compile-catalog.ts';
import type { DeletedMode, ListRequest, SortKey } from './list-request.ts';

const ALIAS = 't';

/** JSON of a row of `object` under alias `t`, projected and with lookups expanded. */
export function recordJsonSql(catalog: Catalog, object: CompiledObject, fields: string[] | undefined, expand: readonly string[]): RawBuilder<unknown> {
  if (!fields && expand.length === 0) return object.recordJson(ALIAS);
  const names = fields ?? object.columnOrder;
  return jsonObject(
    names.map((name) => {
      const lookup = expand.includes(name) ? object.lookups.get(name) : undefined;
      const target = lookup ? catalog.objects.get(lookup.target) : undefined;
      if (target) return [name, expandedLookup(target, name)] as const;
      const column = object.columns.get(name);
      if (!column) throw new Error(`unknown column ${name} passed validation`);
      return [name, column.render(ALIAS)] as const;
    }),
  );
}

function expandedLookup(target: CompiledObject, field: string): RawBuilder<unknown> {
  const alias = `x_${field}`;
  const visible = target.rowAccess?.read(alias);
  const expanded = sql`(select ${target.recordJson(alias)} from ${sql.id(target.schema, target.table)} as ${sql.id(alias)}
    where ${sql.ref(`${alias}.id`)} = ${sql.ref(`${ALIAS}.${field}`)} and ${sql.ref(`${alias}.deleted_at`)} is null)`;
  if (!visible) return expanded;
  // A target the reader may not see comes back as its id, as if not expanded (a deleted one as null).
  return sql`coalesce(
    (select ${target.recordJson(alias)} from ${sql.id(target.schema, target.table)} as ${sql.id(alias)}
      where ${sql.ref(`${alias}.id`)} = ${sql.ref(`${ALIAS}.${field}`)} and ${sql.ref(`${alias}.deleted_at`)} is null and ${visible}),
    (select to_json(${sql.ref(`${alias}.id`)}) from ${sql.id(target.schema, target.table)} as ${sql.id(alias)}
      where ${sql.ref(`${alias}.id`)} = ${sql.ref(`${ALIAS}.${field}`)} and ${sql.ref(`${alias}.deleted_at`)} is null))`;
}

export function deletedCondition(mode: DeletedMode): RawBuilder<SqlBool> | undefined {
  if (mode === 'exclude') return sql<SqlBool>`t.deleted_at is null`;
  if (mode === 'only') return sql<SqlBool>`t.deleted_at is not null`;
  return undefined;
}

/**
 * Rows after the cursor under "nulls last" ordering: for keys k1..kn the row must tie on
 * k1..k(i-1) and come after on ki, for some i. id is last and never null, so the order is total.
 * Keys listed in `fromRow` (long texts) compare with the value the id key's row holds now.
 */
export function keysetCondition(
  object: CompiledObject,
  sort: readonly SortKey[],
  values: readonly (string | null)[],
  fromRow: readonly number[] = [],
): RawBuilder<SqlBool> {
  const idValue = values[sort.findIndex((key) => key.column === 'id')] ?? null;
  // The inner alias `t` shadows the outer one, so the column's expression reads the cursor's row.
  const bound = (i: number, column: { ref: RawBuilder<unknown>; cast: string }, value: string | null): RawBuilder<unknown> | null => {
    if (!fromRow.includes(i)) return value === null ? null : castCursorValue(value, column.cast);
    if (idValue === null) return null;
    return sql`(select ${column.ref} from ${sql.id(object.schema, object.table)} as t where t.id = ${castCursorValue(idValue, 'uuid')})`;
  };
  const branches: RawBuilder<SqlBool>[] = [];
  for (let i = 0; i < sort.length; i++) {
    const key = sort[i] as SortKey;
    const column = object.columns.get(key.column);
    if (!column) continue;
    const limit = bound(i, column, values[i] ?? null);
    if (limit === null) continue; // nothing sorts after NULL on this key
    const after = key.descending
      ? sql<SqlBool>`(${column.ref} < ${limit} or ${column.ref} is null)`
      : sql<SqlBool>`(${column.ref} > ${limit} or ${column.ref} is null)`;
    const ties = sort.slice(0, i).map((earlier, j) => {
      const earlierColumn = object.columns.get(earlier.column);
      if (!earlierColumn) return sql<SqlBool>`false`;
      const earlierLimit = bound(j, earlierColumn, values[j] ?? null);
      return earlierLimit === null ? sql<SqlBool>`${earlierColumn.ref} is null` : sql<SqlBool>`${earlierColumn.ref} = ${earlierLimit}`;
    });
    branches.push(ties.length === 0 ? after : sql<SqlBool>`(${sql.join([...ties, after], sql` and `)})`);
  }
  return branches.length === 0 ? sql<SqlBool>`false` : sql<SqlBool>`(${sql.join(branches, sql` or `)})`;
}

/**
 * A cursor value (the column's text form) cast back to the column type. The parameter is cast to
 * text first: PGlite otherwise infers the parameter's type from the outer cast and refuses the
 * string 'true' for a boolean ("Invalid input for boolean type"), so boolean sorts broke on page 2.
 */
export function castCursorValue(value: string, cast: string): RawBuilder<unknown> {
  return sql`cast(cast(${value} as text) as ${sql.raw(cast)})`;
}

/**
 * A page of a list, limit + 1 rows in order: each record's JSON text (`j`) and its cursor key
 * (`k`, the sort values as a JSON array of text). The route joins the texts into the body.
 */
export function listSql(catalog: Catalog, object: CompiledObject, request: ListRequest, cursor: { values: (string | null)[]; fromRow: number[] } | undefined) {
  const conditions: RawBuilder<SqlBool>[] = [];
  const deleted = deletedCondition(request.deleted);
  if (deleted) conditions.push(deleted);
  if (request.filter) conditions.push(request.filter);
  const visible = object.rowAccess?.read('t');
  if (visible) conditions.push(visible);
  if (cursor) conditions.push(keysetCondition(object, request.sort, cursor.values, cursor.fromRow));
  const order = request.sort.map((key) => {
    const column = object.columns.get(key.column);
    return sql`${column?.ref} ${sql.raw(key.descending ? 'desc' : 'asc')} nulls last`;
  });
  const keyValues = request.sort.map((key) => sql`${object.columns.get(key.column)?.ref}::text`);
  return sql<{ j: string; k: string }>`
    select ${recordJsonSql(catalog, object, request.fields, request.expand)}::text as j,
           json_build_array(${sql.join(keyValues)})::text as k
    from ${sql.id(object.schema, object.table)} as t
    ${conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``}
    order by ${sql.join(order)}
    limit ${sql.lit(request.limit + 1)}`;
}

// The plain get (whole record, live rows, no row-level predicate) has one text per object and
// revision: compile it once and only bind the id per request.
// Only when the id is the sole bound value: formulas bind the request's clock and user, so an
// object with formulas is compiled per request.
// Keyed by the object's record renderer, not the object: each request binds its own copy of the
// object (rules/bind-rule-context.ts) but keeps the renderer unless formulas read the context.
const plainGets = new WeakMap<CompiledObject['recordJson'], string | null>();

export function getSql(catalog: Catalog, object: CompiledObject, id: string, options: { fields?: string[]; expand?: string[]; deleted?: DeletedMode } = {}) {
  const plain = !options.fields && !options.expand?.length && (options.deleted ?? 'exclude') === 'exclude' && !object.rowAccess;
  if (plain) {
    let text = plainGets.get(object.recordJson);
    if (text === undefined) {
      const template = compileOnce(buildGetSql(catalog, object, '00000000-0000-0000-0000-000000000000', options));
      text = template.parameters.length === 1 ? template.sql : null;
      plainGets.set(object.recordJson, text);
    }
    if (text !== null) {
      const compiled = CompiledQuery.raw(text, [id]);
      // biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
      return { execute: (db: Kysely<any>) => db.executeQuery<{ j: string; version: number }>(compiled) };
    }
  }
  return buildGetSql(catalog, object, id, options);
}

function buildGetSql(catalog: Catalog, object: CompiledObject, id: string, options: { fields?: string[]; expand?: string[]; deleted?: DeletedMode }) {
  const deleted = deletedCondition(options.deleted ?? 'exclude');
  const visible = object.rowAccess?.read('t');
  return sql<{ j: string; version: number }>`
    select ${recordJsonSql(catalog, object, options.fields, options.expand ?? [])}::text as j, t.version
    from ${sql.id(object.schema, object.table)} as t
    where t.id = ${id}::uuid ${deleted ? sql`and ${deleted}` : sql``} ${visible ? sql`and ${visible}` : sql``}`;
}
