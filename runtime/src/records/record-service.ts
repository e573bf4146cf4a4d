// Record operations for one request: checked input in, JSON text out. Each write is one
// statement or one transaction; database errors become typed API errors naming fields.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { canonicalBody } from '../catalog/compile-catalog.ts';
import { ApiError, errorsToApiError, unwrap } from '../http/api-error.ts';
import type { StageTimer } from '../http/server-timing.ts';
import { translateDatabaseError } from '../http/translate-database-error.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { applyDeleteRules, restoreCascaded } from './delete-records.ts';
import type { ListRequest } from './list-request.ts';
import { castCursorValue, getSql, listSql } from './read-query.ts';
import { isRecordId } from './record-id.ts';
import { checkStoredRecordType, withDefaultRecordType } from './record-type.ts';
import { currentStateSql, editable, insertSql, updateSql } from './write-query.ts';
import type { AuditActor } from '../audit/audit-log.ts';
import { runTracked } from '../audit/field-history.ts';
import { ruleContextAt } from '@tessera/metadata';
import { bindRuleContext } from '../rules/bind-rule-context.ts';
import { type RecordRuleOptions, withExpressionDefaults, writeWithRules } from '../rules/record-rules.ts';
import { ensurePipelineTables } from '../pipelines/pipeline-tables.ts';
import { type StageMoveOptions, touchesStage, writeWithStageMove } from '../pipelines/stage-move.ts';
import { assertNotLocked } from '../approvals/record-lock.ts';

export interface RecordJson {
  json: string;
  version: number;
}

/** Who acts, for ownership, field history and audit; defaults suit the tenant's integration token. */
export interface RecordContext {
  actor?: AuditActor;
  requestId?: string;
  /** Tracked field names per object (field history). */
  trackedFields?: ReadonlyMap<string, readonly string[]>;
  /** Clock, language and duplicate confirmation for rules (rules/record-rules.ts); default: now, en, unconfirmed. */
  rules?: Partial<Omit<RecordRuleOptions, 'context'>> & { clock?: () => Date };
  /** Set by POST …/records/:id/stage: the move's comment and reason, and that it must change the stage. */
  stage?: Pick<StageMoveOptions, 'comment' | 'reason' | 'requireMove'>;
}

export class RecordService {
  constructor(
    // biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
    private readonly db: Kysely<any>,
    private readonly catalog: Catalog,
    private readonly timer: StageTimer,
    private readonly context: RecordContext = {},
  ) {
    // $today, $now and $user.id of this request, for formulas, filters and rules.
    const userId = context.actor?.id ?? null;
    this.rules = {
      context: ruleContextAt((context.rules?.clock ?? (() => new Date()))(), userId),
      language: context.rules?.language ?? 'en',
      confirmDuplicates: context.rules?.confirmDuplicates ?? false,
    };
    this.catalog = bindRuleContext(catalog, this.rules.context);
  }

  private readonly rules: RecordRuleOptions;

  object(name: string): CompiledObject {
    const object = this.catalog.objects.get(name);
    if (!object) throw new ApiError('TSR110', `Object '${name}' does not exist.`);
    return object;
  }

  /** One page: each record's JSON text, in order, and the cursor of the page after it. */
  async list(object: CompiledObject, request: ListRequest): Promise<{ rows: string[]; nextCursor: string | null }> {
    const cursor = request.cursor
      ? unwrap(decodeCursor(request.cursor, request.sortSignature, request.sort.length), 'TSR105', 'The cursor is invalid.')
      : undefined;
    const query = listSql(this.catalog, object, request, cursor);
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
    body = canonicalBody(object, body); // a field renamed by this revision still answers to its old name
    if (object.rowAccess && !object.rowAccess.canCreate) throw forbidden(object, 'create');
    body = withExpressionDefaults(object, body, this.rules);
    body = withDefaultRecordType(object, body);
    const errors = this.timer.timeSync('plan', () => object.validateCreate(body));
    if (errors.length > 0) throw errorsToApiError('TSR400', `The ${object.apiName} record is invalid; nothing was saved.`, errors);
    // A user owns what they create (unless they may assign owners and named one) and is its creator.
    const userId = object.rowAccess?.userId;
    const values = userId ? { owner_id: userId, ...(body as Record<string, unknown>), created_by: userId } : (body as Record<string, unknown>);
    await this.refuseHiddenLookupTargets(object, values);
    const query = insertSql(object, values);
    const row = await this.timer.time('db', () =>
      this.run(object, () =>
        this.tracked(
          object,
          undefined,
          'create',
          this.staged(object, undefined, values, (db) =>
            writeWithRules(db, this.catalog, object, undefined, this.rules, async (trx) => (await query.execute(trx)).rows[0]),
          ),
        ),
      ),
    );
    if (!row) throw new Error('insert returned no row');
    return { json: row.j, version: row.version };
  }

  async patch(object: CompiledObject, id: string, body: unknown, ifMatch: number | undefined): Promise<RecordJson> {
    body = canonicalBody(object, body);
    if (!isRecordId(id)) throw notFound(object, id);
    if (object.rowAccess && !object.rowAccess.canEdit) throw await this.explainMissedWrite(object, id, undefined);
    const errors = this.timer.timeSync('plan', () => object.validatePatch(body));
    if (errors.length > 0) throw errorsToApiError('TSR400', `The ${object.apiName} record is invalid; nothing was saved.`, errors);
    await this.timer.time('db', () => checkStoredRecordType(this.db, object, id, body as Record<string, unknown>));
    const { version: bodyVersion, ...changes } = body as Record<string, unknown> & { version?: number };
    if (ifMatch !== undefined && bodyVersion !== undefined && ifMatch !== bodyVersion) {
      throw new ApiError('TSR113', `If-Match says version ${ifMatch} but the body says ${bodyVersion}.`, [
        { path: '/version', code: 'TSR113', message: 'disagrees with If-Match' },
      ]);
    }
    const expected = ifMatch ?? bodyVersion;
    // A pending approval locks the record: only its current approvers (their step's fields) and admins write.
    await this.timer.time('db', () => assertNotLocked(this.db, object, id, changes, this.lockingUser(object)));
    await this.refuseHiddenLookupTargets(object, changes);
    const query = updateSql(object, id, changes, expected);
    const touched = (this.context.trackedFields?.get(object.apiName) ?? []).filter((name) => name in changes);
    const row = await this.timer.time('db', () =>
      this.run(object, () =>
        this.tracked(
          object,
          id,
          'update',
          this.staged(object, id, changes, (db) => writeWithRules(db, this.catalog, object, id, this.rules, async (trx) => (await query.execute(trx)).rows[0])),
          touched,
        ),
      ),
    );
    if (row) return { json: row.j, version: row.version };
    throw await this.explainMissedWrite(object, id, expected);
  }

  async delete(object: CompiledObject, id: string, ifMatch: number | undefined): Promise<void> {
    if (!isRecordId(id)) throw notFound(object, id);
    if (object.rowAccess && !object.rowAccess.canDelete) throw await this.explainMissedWrite(object, id, undefined, undefined, 'delete');
    await this.timer.time('db', () => assertNotLocked(this.db, object, id, 'delete', this.lockingUser(object)));
    await this.timer.time('db', () =>
      this.run(object, () =>
        this.db.transaction().execute(async (trx) => {
          const deleted = await sql<{ id: string }>`
            update ${sql.id(object.schema, object.table)} as t
            set deleted_at = now(), version = t.version + 1, updated_at = now()
            where t.id = ${id}::uuid and t.deleted_at is null ${ifMatch === undefined ? sql`` : sql`and t.version = ${ifMatch}`}
            ${editable(object, 'delete')}
            returning id`.execute(trx);
          if (deleted.rows.length === 0) throw await this.explainMissedWrite(object, id, ifMatch, trx, 'delete');
          // Delete rules follow every lookup, including those on objects this user cannot read.
          await applyDeleteRules(trx, this.catalog.unrestricted ?? this.catalog, object, [id]);
        }),
      ),
    );
  }

  async restore(object: CompiledObject, id: string): Promise<RecordJson> {
    if (!isRecordId(id)) throw notFound(object, id);
    return this.timer.time('db', () =>
      this.run(object, () =>
        this.db.transaction().execute(async (trx) => {
          const visible = object.rowAccess?.read('t') ?? sql`true`;
          const allowed = object.rowAccess?.delete('t') ?? sql`true`;
          const before = await sql<{ deleted_at: string | null; visible: boolean; allowed: boolean }>`
            select t.deleted_at::text, ${visible} as visible, ${allowed} as allowed
            from ${sql.id(object.schema, object.table)} as t where t.id = ${id}::uuid for update`.execute(trx);
          const state = before.rows[0];
          if (!state?.visible) throw notFound(object, id);
          if (!state.allowed) throw forbidden(object, 'restore');
          if (state.deleted_at === null) throw new ApiError('TSR100', `${object.apiName} ${id} is not deleted.`, [], 409);
          await sql`
            update ${sql.id(object.schema, object.table)} set deleted_at = null, version = version + 1, updated_at = now()
            where id = ${id}::uuid`.execute(trx);
          await restoreCascaded(trx, this.catalog.unrestricted ?? this.catalog, object, [id], state.deleted_at);
          const row = (await getSql(this.catalog, object, id).execute(trx)).rows[0] as { j: string; version: number };
          return { json: row.j, version: row.version };
        }),
      ),
    );
  }

  /** Who writes, for the approval lock: a user's view carries row access; the whole catalog is an administrator's. */
  private lockingUser(object: CompiledObject): { id: string | null; admin: boolean } {
    return { id: object.rowAccess?.userId ?? this.context.actor?.id ?? null, admin: object.rowAccess === undefined };
  }

  /** Whether every cursor value casts to its sort column's type. */
  private async cursorValuesCast(object: CompiledObject, request: ListRequest, values: readonly (string | null)[]): Promise<boolean> {
    const casts = request.sort.map((key, i) => {
      const column = object.columns.get(key.column);
      const value = values[i] ?? null;
      return value === null || !column ? sql`null` : castCursorValue(value, column.cast);
    });
    try {
      await sql`select ${sql.join(casts)}`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }

  /** A write matched no row: the record is gone or hidden (404), not the user's to change (403), or its version moved on (409). */
  private async explainMissedWrite(
    object: CompiledObject,
    id: string,
    expected: number | undefined,
    // biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
    trx?: Kysely<any>,
    action: 'edit' | 'delete' = 'edit',
  ): Promise<ApiError> {
    const state = (await currentStateSql(object, id, action).execute(trx ?? this.db)).rows[0];
    // A record the user cannot see answers exactly like one that does not exist.
    if (!state || state.deleted || !state.visible) return notFound(object, id);
    if (!state.allowed) return forbidden(object, action);
    return new ApiError('TSR112', `${object.apiName} ${id} is at version ${state.version}, not ${expected}; reload it and apply your change again.`, [
      { path: '/version', code: 'TSR112', message: `current version is ${state.version}` },
    ]);
  }

  /**
   * A lookup may only point at a record its writer can see; one they cannot see is refused exactly
   * like one that does not exist (the foreign key's TSR411), so writes cannot probe for records.
   */
  private async refuseHiddenLookupTargets(object: CompiledObject, values: Record<string, unknown>): Promise<void> {
    if (!this.catalog.unrestricted) return;
    for (const [field, value] of Object.entries(values)) {
      const lookup = object.lookups.get(field);
      if (!lookup || typeof value !== 'string') continue;
      const target = this.catalog.objects.get(lookup.target);
      const visible = target?.rowAccess?.read('t');
      if (target && !visible) continue;
      const found = target
        ? await this.timer.time('db', () =>
            sql`select 1 from ${sql.id(target.schema, target.table)} as t where t.id = ${value}::uuid and ${visible}`.execute(this.db),
          )
        : { rows: [] };
      if (found.rows.length === 0) {
        throw new ApiError('TSR411', 'A lookup points at a record that does not exist.', [
          { path: `/${field}`, code: 'TSR411', message: 'referenced record does not exist' },
        ]);
      }
    }
  }

  /**
   * The write, wrapped in the stage-move check and history (pipelines/stage-move.ts) when it can
   * move the record between stages: a create on an object with pipelines, a change of a stage field.
   */
  private staged<T extends { j: string; version: number }>(
    object: CompiledObject,
    id: string | undefined,
    values: Readonly<Record<string, unknown>>,
    // biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
    work: (db: Kysely<any>) => Promise<T | undefined>,
    // biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
  ): (db: Kysely<any>) => Promise<T | undefined> {
    const moves = object.definition.pipelines && (id === undefined || touchesStage(object, values) || this.context.stage?.requireMove);
    if (!moves) return work;
    const options: StageMoveOptions = { context: this.rules.context, actor: this.context.actor ?? { id: null, label: 'integration' }, ...this.context.stage };
    return async (db) => {
      await ensurePipelineTables(db, object.schema, this.db);
      return (await writeWithStageMove(db, this.catalog, object, id, options, work)) as T | undefined;
    };
  }

  /** Runs a write, recording field history when it touches tracked fields. */
  private tracked<T extends { j: string }>(
    object: CompiledObject,
    id: string | undefined,
    operation: 'create' | 'update',
    // biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
    work: (db: Kysely<any>) => Promise<T | undefined>,
    fields = this.context.trackedFields?.get(object.apiName) ?? [],
  ): Promise<T | undefined> {
    if (fields.length === 0) return work(this.db);
    const stored = (this.catalog.unrestricted ?? this.catalog).objects.get(object.apiName) ?? object;
    const actor = this.context.actor ?? { id: null, label: 'integration' };
    return runTracked(this.db, { object: stored, fields, id, operation, actor, requestId: this.context.requestId }, work);
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

function forbidden(object: CompiledObject, action: string): ApiError {
  return new ApiError('TSR302', `You may not ${action} this ${object.apiName} record.`);
}

function fieldOfConstraint(object: CompiledObject, name: string): string | undefined {
  return object.constraintFields.get(name);
}
