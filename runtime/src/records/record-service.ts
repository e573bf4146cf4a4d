// Record operations for one request: checked input in, JSON text out. Each write is one
// statement or one transaction; database errors become typed API errors naming fields.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError, errorsToApiError, unwrap } from '../http/api-error.ts';
import type { StageTimer } from '../http/server-timing.ts';
import { translateDatabaseError } from '../http/translate-database-error.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { applyDeleteRules, restoreCascaded } from './delete-records.ts';
import type { ListRequest } from './list-request.ts';
import { getSql, listSql } from './read-query.ts';
import { isRecordId } from './record-id.ts';
import { currentStateSql, insertSql, updateSql } from './write-query.ts';

export interface RecordJson {
  json: string;
  version: number;
}

export class RecordService {
  constructor(
    // biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
    private readonly db: Kysely<any>,
    private readonly catalog: Catalog,
    private readonly timer: StageTimer,
  ) {}

  object(name: string): CompiledObject {
    const object = this.catalog.objects.get(name);
    if (!object) throw new ApiError('TSR110', `Object '${name}' does not exist.`);
    return object;
  }

  async list(object: CompiledObject, request: ListRequest): Promise<{ rows: string[]; nextCursor: string | null }> {
    const cursor = request.cursor
      ? unwrap(decodeCursor(request.cursor, request.sortSignature, request.sort.length), 'TSR105', 'The cursor is invalid.')
      : undefined;
    const query = listSql(this.catalog, object, request, cursor?.values);
    const result = await this.timer.time('db', async () => {
      try {
        return await this.run(object, () => query.execute(this.db));
      } catch (error) {
        // A hand-made cursor can carry the right sort signature but values that do not cast to the
        // sort columns' types; PostgreSQL then fails the cast (22P02, 22007, …). That is a bad
        // cursor (400 TSR105), not an internal error. Checked only on failure, so pages cost nothing extra.
        if (cursor && isDataException(error) && !(await this.cursorValuesCast(object, request, cursor.values))) {
          throw new ApiError('TSR105', 'The cursor is invalid.', [{ path: 'cursor', code: 'TSR105', message: 'cursor is not a value this API returned' }]);
        }
        throw error;
      }
    });
    const rows = result.rows;
    const hasMore = rows.length > request.limit;
    const page = hasMore ? rows.slice(0, request.limit) : rows;
    const last = page[page.length - 1];
    const nextCursor = hasMore && last ? encodeCursor({ sort: request.sortSignature, values: JSON.parse(last.k) as (string | null)[] }) : null;
    return { rows: page.map((row) => row.j), nextCursor };
  }

  async get(object: CompiledObject, id: string, options: { fields?: string[]; expand?: string[] } = {}): Promise<RecordJson> {
    if (!isRecordId(id)) throw notFound(object, id);
    const result = await this.timer.time('db', () => getSql(this.catalog, object, id, options).execute(this.db));
    const row = result.rows[0];
    if (!row) throw notFound(object, id);
    return { json: row.j, version: row.version };
  }

  async create(object: CompiledObject, body: unknown): Promise<RecordJson> {
    const errors = this.timer.timeSync('plan', () => object.validateCreate(body));
    if (errors.length > 0) throw errorsToApiError('TSR400', `The ${object.apiName} record is invalid; nothing was saved.`, errors);
    const query = insertSql(object, body as Record<string, unknown>);
    const result = await this.timer.time('db', () => this.run(object, () => query.execute(this.db)));
    const row = result.rows[0] as { j: string; version: number };
    return { json: row.j, version: row.version };
  }

  async patch(object: CompiledObject, id: string, body: unknown, ifMatch: number | undefined): Promise<RecordJson> {
    if (!isRecordId(id)) throw notFound(object, id);
    const errors = this.timer.timeSync('plan', () => object.validatePatch(body));
    if (errors.length > 0) throw errorsToApiError('TSR400', `The ${object.apiName} record is invalid; nothing was saved.`, errors);
    const { version: bodyVersion, ...changes } = body as Record<string, unknown> & { version?: number };
    if (ifMatch !== undefined && bodyVersion !== undefined && ifMatch !== bodyVersion) {
      throw new ApiError('TSR113', `If-Match says version ${ifMatch} but the body says ${bodyVersion}.`, [{ path: '/version', code: 'TSR113', message: 'disagrees with If-Match' }]);
    }
    const expected = ifMatch ?? bodyVersion;
    const query = updateSql(object, id, changes, expected);
    const result = await this.timer.time('db', () => this.run(object, () => query.execute(this.db)));
    const row = result.rows[0];
    if (row) return { json: row.j, version: row.version };
    throw await this.explainMissedWrite(object, id, expected);
  }

  async delete(object: CompiledObject, id: string, ifMatch: number | undefined): Promise<void> {
    if (!isRecordId(id)) throw notFound(object, id);
    await this.timer.time('db', () =>
      this.run(object, () =>
        this.db.transaction().execute(async (trx) => {
          const deleted = await sql<{ id: string }>`
            update ${sql.id(object.schema, object.table)}
            set deleted_at = now(), version = version + 1, updated_at = now()
            where id = ${id}::uuid and deleted_at is null ${ifMatch === undefined ? sql`` : sql`and version = ${ifMatch}`}
            returning id`.execute(trx);
          if (deleted.rows.length === 0) throw await this.explainMissedWrite(object, id, ifMatch, trx);
          await applyDeleteRules(trx, this.catalog, object, [id]);
        }),
      ),
    );
  }

  async restore(object: CompiledObject, id: string): Promise<RecordJson> {
    if (!isRecordId(id)) throw notFound(object, id);
    return this.timer.time('db', () =>
      this.run(object, () =>
        this.db.transaction().execute(async (trx) => {
          const before = await sql<{ deleted_at: string | null }>`
            select deleted_at::text from ${sql.id(object.schema, object.table)} where id = ${id}::uuid for update`.execute(trx);
          const state = before.rows[0];
          if (!state) throw notFound(object, id);
          if (state.deleted_at === null) throw new ApiError('TSR100', `${object.apiName} ${id} is not deleted.`, [], 409);
          await sql`
            update ${sql.id(object.schema, object.table)} set deleted_at = null, version = version + 1, updated_at = now()
            where id = ${id}::uuid`.execute(trx);
          await restoreCascaded(trx, this.catalog, object, [id], state.deleted_at);
          const row = (await getSql(this.catalog, object, id).execute(trx)).rows[0] as { j: string; version: number };
          return { json: row.j, version: row.version };
        }),
      ),
    );
  }

  /** Whether every cursor value casts to its sort column's type. */
  private async cursorValuesCast(object: CompiledObject, request: ListRequest, values: readonly (string | null)[]): Promise<boolean> {
    const casts = request.sort.map((key, i) => {
      const column = object.columns.get(key.column);
      const value = values[i] ?? null;
      return value === null || !column ? sql`null` : sql`cast(${value} as ${sql.raw(column.cast)})`;
    });
    try {
      await sql`select ${sql.join(casts)}`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  /** A write matched no row: the record is gone (404) or its version moved on (409). */
  // biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
  private async explainMissedWrite(object: CompiledObject, id: string, expected: number | undefined, trx?: Kysely<any>): Promise<ApiError> {
    const state = (await currentStateSql(object, id).execute(trx ?? this.db)).rows[0];
    if (!state || state.deleted) return notFound(object, id);
    return new ApiError('TSR112', `${object.apiName} ${id} is at version ${state.version}, not ${expected}; reload it and apply your change again.`, [
      { path: '/version', code: 'TSR112', message: `current version is ${state.version}` },
    ]);
  }

  private async run<T>(object: CompiledObject, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw translateDatabaseError(error, (name) => fieldOfConstraint(object, name)) ?? error;
    }
  }
}

function isDataException(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

function notFound(object: CompiledObject, id: string): ApiError {
  return new ApiError('TSR111', `${object.apiName} record '${id.slice(0, 64)}' does not exist.`);
}

function fieldOfConstraint(object: CompiledObject, name: string): string | undefined {
  return object.constraintFields.get(name);
}
