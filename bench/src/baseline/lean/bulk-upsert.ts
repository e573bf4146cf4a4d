// The lean baseline's bulk upsert: POST …/opportunity/records/bulk with
// {"operation": "upsert", "externalIdField": "ext", "records": [...]}, at most 2,000 records, each
// checked by hand (validate-body.ts) and all written by ONE multi-row
// `INSERT … SELECT FROM unnest(arrays) ON CONFLICT (ext) WHERE deleted_at IS NULL DO UPDATE`: one
// prepared statement whatever the count, one column array per field. It is what a careful developer
// writes for a sync endpoint; the bench's data part (src/data/) compares Tessera's bulk API with it.
import type { Hono } from 'hono';
import type pg from 'pg';
import { errorDetail } from '../if-match.ts';
import { problem } from '../problem.ts';
import { OPPORTUNITY_FIELDS } from '../tables.ts';
import { type FieldError, validateBody } from '../validate-body.ts';
import { CASTS, type Statement } from './statements.ts';

export const BULK_LIMIT = 2000;
/** The bulk body limit, Tessera's for /records/bulk. */
export const BULK_MAX_BODY = 16 * 1024 * 1024;
const EXT = 'ext';
const EXT_MAX = 40;

/** The statement: $1 the ext values, $2… one array per field in OPPORTUNITY_FIELDS order. */
export function bulkUpsertStatement(schema: string): Statement {
  const columns = [EXT, ...OPPORTUNITY_FIELDS];
  const arrays = [`$1::varchar[]`, ...OPPORTUNITY_FIELDS.map((field, i) => `$${i + 2}::${CASTS[field]}[]`)];
  const updates = OPPORTUNITY_FIELDS.map((field) => `${field} = excluded.${field}`).join(', ');
  return {
    name: 'lean_bulk_upsert',
    // xmax = 0 only on a row this statement inserted: created or updated, per record.
    text: `insert into "${schema}".opportunity as t (${columns.join(', ')}) select * from unnest(${arrays.join(', ')})
      on conflict (${EXT}) where deleted_at is null do update set ${updates}, version = t.version + 1, updated_at = now()
      returning t.id, (t.xmax = 0) as inserted`,
  };
}

type ReadBody = (
  request: Request,
  contentLength: string | undefined,
  limit: number,
) => Promise<{ value: unknown } | { refused: (c: Parameters<typeof problem>[0]) => Response }>;

export function registerBulkUpsert(app: Hono, base: string, pool: pg.Pool, statement: Statement, readJson: ReadBody): void {
  app.post(`${base}/bulk`, async (c) => {
    const read = await readJson(c.req.raw, c.req.header('content-length'), BULK_MAX_BODY);
    if ('refused' in read) return read.refused(c);
    const body = read.value as { operation?: unknown; externalIdField?: unknown; records?: unknown } | null;
    if (body?.operation !== 'upsert' || (body.externalIdField ?? EXT) !== EXT || !Array.isArray(body.records)) {
      return problem(c, 400, 'TSR100', 'Invalid bulk request', `this server upserts by ${EXT} only: {"operation": "upsert", "records": [...]}`);
    }
    const records = body.records as unknown[];
    if (records.length > BULK_LIMIT) return problem(c, 413, 'TSR140', 'Too many records', `at most ${BULK_LIMIT} per request`);
    const columns: unknown[][] = [[], ...OPPORTUNITY_FIELDS.map(() => [])];
    const errors: FieldError[] = [];
    records.forEach((record, index) => {
      const { [EXT]: ext, ...rest } = (typeof record === 'object' && record !== null ? record : {}) as Record<string, unknown>;
      if (typeof ext !== 'string' || ext === '' || ext.length > EXT_MAX) errors.push({ path: `/records/${index}/${EXT}`, message: 'required text ≤ 40' });
      const { values, errors: own } = validateBody(rest, 'create');
      for (const error of own) errors.push({ path: `/records/${index}${error.path}`, message: error.message });
      columns[0]?.push(ext);
      for (const [i, field] of OPPORTUNITY_FIELDS.entries()) columns[i + 1]?.push(values[field] ?? null);
    });
    if (errors.length > 0) return problem(c, 400, 'TSR400', 'Records are invalid', errorDetail(errors));
    const seen = new Set(columns[0]);
    if (seen.size !== records.length) return problem(c, 400, 'TSR400', 'Records are invalid', `/records: an ${EXT} appears twice`);
    try {
      const result = await pool.query<[string, boolean]>({ ...statement, values: columns, rowMode: 'array' });
      const results = result.rows.map(([id, inserted], index) => ({ index, id, status: inserted ? 'created' : 'updated', errors: [] }));
      const created = results.filter((row) => row.status === 'created').length;
      return c.json({ results, counts: { created, updated: results.length - created, deleted: 0, failed: 0 } });
    } catch (error) {
      // A missing account (foreign key): refused as a whole, nothing written (one statement).
      if ((error as { code?: string }).code !== '23503') throw error;
      return problem(c, 400, 'TSR411', 'Referenced record does not exist');
    }
  });
}
