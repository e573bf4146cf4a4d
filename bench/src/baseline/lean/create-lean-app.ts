// The lean hand-written baseline: the bench's list, get, create and patch on t_<tenant>.opportunity
// with nothing per request but picking a prepared statement, binding values and sending the JSON
// text PostgreSQL made. Same URLs, status codes and JSON as Tessera (docs/api-contract.md). It is the
// reference for the bench's targets: what a careful developer writes for exactly these screens.
import { Hono } from 'hono';
import type pg from 'pg';
import { requireBearer } from '../bearer-auth.ts';
import { errorDetail, expectedVersion } from '../if-match.ts';
import { parseListQuery } from '../parse-list-query.ts';
import { problem } from '../problem.ts';
import { OPPORTUNITY_FIELDS, type OpportunityField } from '../tables.ts';
import { isUuid, validateBody } from '../validate-body.ts';
import { bulkUpsertStatement, registerBulkUpsert } from './bulk-upsert.ts';
import { LIST_FILTERS, LIST_SORTS, type ListFilter, type ListSort, listKey, type Statement, type Statements } from './statements.ts';

export interface LeanDeps {
  pool: pg.Pool;
  statements: Statements;
  /** The tenant schema, for the bulk upsert's statement (built on first use: it needs the `ext` column). */
  schema: string;
  /** The bearer token clients must send (the bench passes the tenant's token). */
  token: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const LIST_PARAMS = new Set(['filter', 'sort', 'limit', 'expand']);
const MAX_BODY = 1024 * 1024;

export function createLeanApp({ pool, statements, schema, token }: LeanDeps): Hono {
  const app = new Hono();
  const base = '/api/v1/objects/opportunity/records';
  // Rows as arrays: no per-row object with named keys, the columns are known by position.
  const run = (statement: Statement, values: unknown[]) => pool.query<unknown[]>({ ...statement, values, rowMode: 'array' }).then((result) => result.rows);

  app.get('/api/v1/health', (c) => c.json({ status: 'ok' }));

  app.use('/api/v1/objects/*', requireBearer(token));

  app.get(base, async (c) => {
    const params = c.req.query();
    const unknown = Object.keys(params).filter((key) => !LIST_PARAMS.has(key));
    if (unknown.length > 0) return problem(c, 400, 'TSR102', 'Invalid query', `unsupported parameter(s): ${unknown.join(', ')}`);
    const parsed = parseListQuery(params);
    if (!parsed.ok) return problem(c, 400, parsed.code, 'Invalid query', parsed.message);
    const { filter, sort, limit, expandAccount } = parsed.value;
    const filterName = (filter ? (filter.kind === 'contains' ? `${filter.field}~` : filter.field) : 'none') as ListFilter;
    const sortName = (sort.length === 0 ? 'none' : sort.length === 1 ? `${sort[0]?.descending ? '-' : ''}${sort[0]?.field}` : '') as ListSort;
    const filterValue = filter?.kind === 'contains' ? filter.text : filter?.value;
    if (!LIST_FILTERS.includes(filterName) || (filter && typeof filterValue !== 'string')) {
      return problem(c, 400, 'TSR116', 'Invalid query', `this server filters on ${LIST_FILTERS.join(', ')} with a text value only`);
    }
    if (!LIST_SORTS.includes(sortName)) return problem(c, 400, 'TSR104', 'Invalid query', `this server sorts by ${LIST_SORTS.join(', ')} only`);
    const statement = statements.list.get(listKey(filterName, sortName, expandAccount)) as Statement;
    const rows = await run(statement, filter ? [limit + 1, filterValue] : [limit + 1]);
    const more = rows.length > limit;
    if (more) rows.pop();
    const last = rows.at(-1);
    const nextCursor = more && last ? Buffer.from(last[1] as string).toString('base64url') : null;
    return c.body(`{"data":[${rows.map((row) => row[0]).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`, 200, { 'content-type': JSON_TYPE });
  });

  app.get(`${base}/:id`, async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return problem(c, 400, 'TSR114', 'Invalid record id');
    const [row] = await run(statements.get, [id]);
    if (!row) return problem(c, 404, 'TSR111', 'Record not found');
    return c.body(row[0] as string, 200, { 'content-type': JSON_TYPE, etag: `"${row[1]}"` });
  });

  app.post(base, async (c) => {
    const body = await readJson(c.req.raw, c.req.header('content-length'), MAX_BODY);
    if ('refused' in body) return body.refused(c);
    const { values, errors } = validateBody(body.value, 'create');
    if (errors.length > 0) return problem(c, 400, 'TSR400', 'Record is invalid', errorDetail(errors));
    const rows = await write(
      statements.insert,
      OPPORTUNITY_FIELDS.map((field) => values[field] ?? null),
    );
    if (!Array.isArray(rows)) return rows(c);
    const [row] = rows;
    if (!row) throw new Error('insert returned no row');
    return c.body(row[0] as string, 201, { 'content-type': JSON_TYPE, location: `${base}/${row[1]}`, etag: `"${row[2]}"` });
  });

  app.patch(`${base}/:id`, async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return problem(c, 400, 'TSR114', 'Invalid record id');
    const read = await readJson(c.req.raw, c.req.header('content-length'), MAX_BODY);
    if ('refused' in read) return read.refused(c);
    const body = read.value;
    const expected = expectedVersion(c.req.header('if-match'), (body ?? {}) as Record<string, unknown>);
    if (expected !== undefined && !Number.isInteger(expected)) return problem(c, 400, 'TSR113', 'Invalid If-Match header');
    const { values, errors } = validateBody(body, 'patch');
    if (errors.length > 0) return problem(c, 400, 'TSR400', 'Record is invalid', errorDetail(errors));
    const given = Object.keys(values) as OpportunityField[];
    const [only] = given;
    const rows =
      given.length === 1 && only
        ? await write(statements.patchOne.get(only) as Statement, [id, expected ?? null, values[only]])
        : await write(statements.patchMany, [id, expected ?? null, mask(given), ...OPPORTUNITY_FIELDS.map((field) => values[field] ?? null)]);
    if (!Array.isArray(rows)) return rows(c);
    const [row] = rows;
    if (row) return c.body(row[0] as string, 200, { 'content-type': JSON_TYPE, etag: `"${row[2]}"` });
    const [current] = await run(statements.currentVersion, [id]);
    if (!current) return problem(c, 404, 'TSR111', 'Record not found');
    return problem(c, 409, 'TSR112', 'Version conflict', `current version is ${current[0]}`);
  });

  registerBulkUpsert(app, base, pool, bulkUpsertStatement(schema), readJson);

  app.notFound((c) => problem(c, 404, 'TSR107', 'Route not found'));
  app.onError((error, c) => {
    console.error(error);
    return problem(c, 500, 'TSR900', 'Internal error');
  });

  /** Runs a write; a missing account (foreign key, 23503) becomes a 400 responder instead of rows. */
  async function write(statement: Statement, values: unknown[]) {
    try {
      return await run(statement, values);
    } catch (error) {
      if ((error as { code?: string }).code !== '23503') throw error;
      const refused: Refusal = (c) => problem(c, 400, 'TSR411', 'Referenced record does not exist');
      return refused;
    }
  }

  return app;
}

/** Bit i set ⇔ OPPORTUNITY_FIELDS[i] is in the patch (statements.ts, patchMany). */
function mask(fields: readonly OpportunityField[]): number {
  return fields.reduce((bits, field) => bits | (1 << OPPORTUNITY_FIELDS.indexOf(field)), 0);
}

type Refusal = (c: Parameters<typeof problem>[0]) => Response;

/** The parsed JSON body, or the problem to answer: over the limit (413 TSR108) or not JSON (400 TSR101). */
async function readJson(request: Request, contentLength: string | undefined, limit: number): Promise<{ value: unknown } | { refused: Refusal }> {
  const tooLarge: Refusal = (c) => problem(c, 413, 'TSR108', 'Body too large', `the limit is ${limit} bytes`);
  if (contentLength !== undefined && Number(contentLength) > limit) return { refused: tooLarge };
  const text = await request.text();
  if (Buffer.byteLength(text) > limit) return { refused: tooLarge };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return { refused: (c) => problem(c, 400, 'TSR101', 'Body is not valid JSON') };
  }
}
