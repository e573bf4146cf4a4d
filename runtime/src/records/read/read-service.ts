// Runs read plans: plan in, JSON text out. readList/readRecord execute a plan's statement against
// the request's catalog; ReadService is the record routes' handle, which first binds the request's
// clock and user into the catalog (so `$today` and `$user.id` in filters and formulas are theirs).
import { ruleContextAt } from '@tessera/metadata';
import { type CompiledQuery, type Kysely, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import { ApiError } from '../../core/api-error.ts';
import type { StageTimer } from '../../core/stage-timer.ts';
import { translateDatabaseError } from '../../core/translate-database-error.ts';
import { bindRuleContext } from '../../rules/bind-rule-context.ts';
import { encodeCursor } from '../cursor.ts';
import { isRecordId } from '../record-id.ts';
import { castCursorValue } from './keyset-condition.ts';
import { type GetPlan, type ListPlan, withPaths } from './read-plan.ts';
import { readPlanSql } from './read-plan-sql.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type TenantDb = Kysely<any>;

export interface ReadContext {
  /** The app's clock (tests inject one); default: now. */
  clock?: () => Date;
  /** The acting user, or null for the tenant's integration token. */
  userId: string | null;
}

export class ReadService {
  /** The catalog as this request sees it: the reader's security and the request's clock bound in. */
  readonly catalog: Catalog;

  constructor(
    private readonly db: TenantDb,
    catalog: Catalog,
    private readonly timer: StageTimer,
    context: ReadContext,
  ) {
    this.catalog = bindRuleContext(catalog, ruleContextAt((context.clock ?? (() => new Date()))(), context.userId));
  }

  /** The object as this request sees it; one the user may not read does not exist for them. */
  object(name: string): CompiledObject {
    const object = this.catalog.objects.get(name);
    if (!object) throw new ApiError('TSR110', `Object '${name}' does not exist.`);
    return object;
  }

  list(plan: ListPlan): Promise<{ rows: string[]; nextCursor: string | null }> {
    return readList(this.db, this.catalog, this.timer, plan);
  }

  get(plan: GetPlan): Promise<{ json: string; version: number }> {
    return readRecord(this.db, this.catalog, this.timer, plan);
  }
}

/** One page: each record's JSON text, in order, and the cursor of the page after it. */
export async function readList(db: TenantDb, catalog: Catalog, timer: StageTimer, plan: ListPlan): Promise<{ rows: string[]; nextCursor: string | null }> {
  const query = readPlanSql(catalog, plan);
  const result = await timer.time('db', async () => {
    try {
      return await execute(db, catalog, plan.object, query);
    } catch (error) {
      // A hand-made cursor can carry the right sort signature but values that do not cast to the
      // sort columns' types; PostgreSQL then fails the cast (22P02, 22007, …). That is a bad
      // cursor (400 TSR105), not an internal error. Checked only on failure, so pages cost nothing extra.
      if (plan.page.after && isDataException(error) && !(await cursorValuesCast(db, catalog, plan))) {
        throw new ApiError('TSR105', 'The cursor is invalid.', [{ path: 'cursor', code: 'TSR105', message: 'cursor is not a value this API returned' }]);
      }
      throw error;
    }
  });
  const rows = result.rows;
  const hasMore = rows.length > plan.page.limit;
  const page = hasMore ? rows.slice(0, plan.page.limit) : rows;
  const last = page[page.length - 1];
  const nextCursor = hasMore && last ? encodeCursor({ sort: plan.orderSignature, values: JSON.parse(last.k) as (string | null)[] }) : null;
  return { rows: page.map((row) => row.j), nextCursor };
}

/** One record's JSON text and version; a missing, hidden or malformed id is 404 alike. */
export async function readRecord(db: TenantDb, catalog: Catalog, timer: StageTimer, plan: GetPlan): Promise<{ json: string; version: number }> {
  // Record ids are UUIDs: anything else cannot exist, so it is answered without a query.
  const row = isRecordId(plan.id) ? (await timer.time('db', () => execute(db, catalog, plan.object, readPlanSql(catalog, plan)))).rows[0] : undefined;
  if (!row) throw new ApiError('TSR111', `${plan.object} record '${plan.id.slice(0, 64)}' does not exist.`);
  return { json: row.j, version: row.version };
}

async function execute<R>(db: TenantDb, catalog: Catalog, objectName: string, query: CompiledQuery<R>) {
  try {
    return await db.executeQuery(query);
  } catch (error) {
    const object = catalog.objects.get(objectName);
    throw translateDatabaseError(error, (name) => object?.constraintFields.get(name)) ?? error;
  }
}

/** Whether every cursor value casts to its sort column's type. */
async function cursorValuesCast(db: TenantDb, catalog: Catalog, plan: ListPlan): Promise<boolean> {
  const listed = catalog.objects.get(plan.object);
  const object = listed && withPaths(listed, plan.paths);
  const values = plan.page.after?.values ?? [];
  const casts = plan.order.map((key, i) => {
    const column = object?.columns.get(key.column);
    const value = values[i] ?? null;
    return value === null || !column ? sql`null` : castCursorValue(value, column.cast);
  });
  try {
    await sql`select ${sql.join(casts)}`.execute(db);
    return true;
  } catch {
    return false;
  }
}

function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}
