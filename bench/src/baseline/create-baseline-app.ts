// The hand-written baseline: Hono routes for exactly the five bench operations on
// t_<tenant>.opportunity, Kysely for SQL, named statements through one pg Pool, `c.json(rows)`.
// Same URLs, status codes and JSON shapes as the Tessera contract (docs/api-contract.md).
import { Hono } from 'hono';
import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import { requireBearer } from './bearer-auth.ts';
import { errorDetail, expectedVersion } from './if-match.ts';
import { parseListQuery } from './parse-list-query.ts';
import { problem } from './problem.ts';
import { runNamed } from './run-named.ts';
import { ACCOUNT_SELECT, type BaselineDatabase, OPPORTUNITY_SELECT } from './tables.ts';
import { isUuid, validateBody } from './validate-body.ts';

export interface BaselineDeps {
  db: Kysely<BaselineDatabase>;
  pool: pg.Pool;
  /** The bearer token clients must send (the bench passes the tenant's token). */
  token: string;
}

type Opportunity = Record<string, unknown> & { id: string; version: number; account: unknown };

export function createBaselineApp({ db, pool, token }: BaselineDeps): Hono {
  const app = new Hono();
  const base = '/api/v1/objects/opportunity/records';

  app.get('/api/v1/health', (c) => c.json({ status: 'ok' }));

  app.use('/api/v1/objects/*', requireBearer(token));

  app.get(base, async (c) => {
    const parsed = parseListQuery(c.req.query());
    if (!parsed.ok) return problem(c, 400, parsed.code, 'Invalid query', parsed.message);
    const { filter, sort, limit, expandAccount } = parsed.value;
    let query = db.selectFrom('opportunity').select(OPPORTUNITY_SELECT).where('deleted_at', 'is', null);
    if (filter?.kind === 'equals') {
      query = filter.value === null ? query.where(filter.field, 'is', null) : query.where(filter.field, '=', filter.value as never);
    } else if (filter?.kind === 'contains') {
      query = query.where(filter.field, 'like', `%${filter.text.replace(/[\\%_]/g, '\\$&')}%`);
    }
    for (const { field, descending } of sort) {
      query = query.orderBy(field, (order) => (descending ? order.desc().nullsLast() : order.asc().nullsLast()));
    }
    query = query.orderBy('id').limit(limit + 1);
    const rows = (await runNamed(pool, query)) as Opportunity[];
    const more = rows.length > limit;
    if (more) rows.pop();
    if (expandAccount) await expandAccounts(rows);
    const last = rows.at(-1);
    const nextCursor = more && last ? Buffer.from(JSON.stringify([...sort.map(({ field }) => last[field]), last.id])).toString('base64url') : null;
    return c.json({ data: rows, nextCursor });
  });

  app.get(`${base}/:id`, async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return problem(c, 400, 'TSR114', 'Invalid record id');
    const [row] = await runNamed(pool, db.selectFrom('opportunity').select(OPPORTUNITY_SELECT).where('id', '=', id).where('deleted_at', 'is', null));
    if (!row) return problem(c, 404, 'TSR111', 'Record not found');
    c.header('ETag', `"${row.version}"`);
    return c.json(row);
  });

  app.post(base, async (c) => {
    const body = await c.req.json().catch(() => undefined);
    if (body === undefined) return problem(c, 400, 'TSR101', 'Body is not valid JSON');
    const { values, errors } = validateBody(body, 'create');
    if (errors.length > 0) return problem(c, 400, 'TSR400', 'Record is invalid', errorDetail(errors));
    try {
      const [row] = await runNamed(
        pool,
        db
          .insertInto('opportunity')
          .values(values as never)
          .returning(OPPORTUNITY_SELECT),
      );
      if (!row) throw new Error('insert returned no row');
      c.header('Location', `${base}/${row.id}`);
      c.header('ETag', `"${row.version}"`);
      return c.json(row, 201);
    } catch (error) {
      if ((error as { code?: string }).code === '23503') return problem(c, 400, 'TSR411', 'Referenced record does not exist');
      throw error;
    }
  });

  app.patch(`${base}/:id`, async (c) => {
    const id = c.req.param('id');
    if (!isUuid(id)) return problem(c, 400, 'TSR114', 'Invalid record id');
    const body = (await c.req.json().catch(() => undefined)) as Record<string, unknown> | undefined;
    if (body === undefined) return problem(c, 400, 'TSR101', 'Body is not valid JSON');
    const expected = expectedVersion(c.req.header('if-match'), body);
    if (expected !== undefined && !Number.isInteger(expected)) return problem(c, 400, 'TSR113', 'Invalid If-Match header');
    const { values, errors } = validateBody(body, 'patch');
    if (errors.length > 0) return problem(c, 400, 'TSR400', 'Record is invalid', errorDetail(errors));
    let update = db
      .updateTable('opportunity')
      .set({ ...(values as object), version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .where('deleted_at', 'is', null);
    if (expected !== undefined) update = update.where('version', '=', expected as number);
    try {
      const [row] = await runNamed(pool, update.returning(OPPORTUNITY_SELECT));
      if (row) {
        c.header('ETag', `"${row.version}"`);
        return c.json(row);
      }
    } catch (error) {
      if ((error as { code?: string }).code === '23503') return problem(c, 400, 'TSR411', 'Referenced record does not exist');
      throw error;
    }
    const [current] = await runNamed(pool, db.selectFrom('opportunity').select('version').where('id', '=', id).where('deleted_at', 'is', null));
    if (!current) return problem(c, 404, 'TSR111', 'Record not found');
    return problem(c, 409, 'TSR112', 'Version conflict', `current version is ${current.version}`);
  });

  app.notFound((c) => problem(c, 404, 'TSR107', 'Route not found'));
  app.onError((error, c) => {
    console.error(error);
    return problem(c, 500, 'TSR900', 'Internal error');
  });

  /** Replaces each row's account id by the account record (null when missing or deleted): one query per page. */
  async function expandAccounts(rows: Opportunity[]): Promise<void> {
    const ids = [...new Set(rows.map((row) => row.account).filter((id): id is string => typeof id === 'string'))];
    const accounts =
      ids.length === 0
        ? []
        : await runNamed(
            pool,
            db.selectFrom('account').select(ACCOUNT_SELECT).where('id', '=', sql<string>`any(${ids}::uuid[])`).where('deleted_at', 'is', null),
          );
    const byId = new Map(accounts.map((account) => [account.id, account]));
    for (const row of rows) row.account = typeof row.account === 'string' ? (byId.get(row.account) ?? null) : null;
  }

  return app;
}
