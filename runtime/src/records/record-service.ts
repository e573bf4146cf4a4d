// Record operations for one request: checked input in, JSON text out. Each write is one
// statement or one transaction; database errors become typed API errors naming fields.
import { ruleContextAt } from '@tessera/metadata';
import type { Kysely } from 'kysely';
import type { AuditActor } from '../audit/audit-log.ts';
import { isTrackable } from '../audit/trackable-fields.ts';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError, errorsToApiError } from '../core/api-error.ts';
import type { StageTimer } from '../core/stage-timer.ts';
import { translateDatabaseError } from '../core/translate-database-error.ts';
import { bindRuleContext } from '../rules/bind-rule-context.ts';
import type { RecordRuleOptions } from '../rules/record-rules.ts';
import type { StageMoveOptions } from '../pipelines/stage-move.ts';
import { mayHoldRefs, resolveExternalRefs } from './bulk/external-refs.ts';
import { getPlan } from './read/parse-get.ts';
import type { ListPlan } from './read/read-plan.ts';
import { readList, readRecord } from './read/read-service.ts';
import { isRecordId } from './record-id.ts';
import { currentStateSql } from './write-query.ts';
import { recordNotFound, writeForbidden } from './write/steps/check-access.ts';
import { type PlanInput, planCreate, planDelete, planLinkChange, planPatch, planRestore } from './write/plan-write.ts';
import { runWrite } from './write/run-write.ts';
import type { ItemState } from './write/write-context.ts';
import type { LinkChange, WritePlan } from './write/write-plan.ts';

export interface RecordJson {
  json: string;
  version: number;
}

/** A written record: its id too (a create's Location header), as the write returned it, so nobody parses the JSON for it. */
export interface WrittenJson extends RecordJson {
  id: string;
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
  /** false: every write step runs on its own, no compiled fast path (tests compare both; `AppOptions.fastPath`). */
  fastPath?: boolean;
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
      context: ruleContextAt((context.rules?.clock ?? (() => new Date()))(), userId, catalog.calendars),
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

  /** One page of a list plan (records/read/parse-list.ts): each record's JSON text and the next cursor. */
  list(plan: ListPlan): Promise<{ rows: string[]; nextCursor: string | null }> {
    return readList(this.db, this.catalog, this.timer, plan);
  }

  async get(object: CompiledObject, id: string, options: { fields?: string[]; expand?: string[] } = {}): Promise<RecordJson> {
    return readRecord(this.db, this.catalog, this.timer, getPlan(object.apiName, id, { columns: options.fields, expand: options.expand }));
  }

  async create(object: CompiledObject, body: unknown): Promise<WrittenJson> {
    const plan = planCreate(this.planInput(object), [await this.withLookupIds(object, body)]);
    const [item] = await this.write(plan);
    return written(item);
  }

  async patch(object: CompiledObject, id: string, body: unknown, ifMatch: number | undefined): Promise<RecordJson> {
    if (!isRecordId(id)) throw recordNotFound(object, id);
    if (object.rowAccess && !object.rowAccess.canEdit) throw await this.explainMissedWrite(object, id, 'edit');
    const plan = planPatch(this.planInput(object), id, await this.withLookupIds(object, body), ifMatch, this.context.stage);
    const [item] = await this.write(plan);
    return written(item);
  }

  /** Adds or removes links of one many-to-many field (the link endpoints); a patch of the record otherwise. */
  async changeLinks(object: CompiledObject, id: string, field: string, change: LinkChange): Promise<RecordJson> {
    const column = object.columns.get(field);
    if (column?.field?.type !== 'manytomany' || !object.writable.has(field)) {
      throw new ApiError('TSR408', `${object.apiName} has no many-to-many field '${field}' you can change.`, [
        { path: `/${field}`, code: 'TSR408', message: 'not a many-to-many field of the object' },
      ]);
    }
    if (!isRecordId(id)) throw recordNotFound(object, id);
    if (object.rowAccess && !object.rowAccess.canEdit) throw await this.explainMissedWrite(object, id, 'edit');
    const [item] = await this.write(planLinkChange(this.planInput(object), id, field, change));
    return written(item);
  }

  async delete(object: CompiledObject, id: string, ifMatch: number | undefined): Promise<void> {
    if (!isRecordId(id)) throw recordNotFound(object, id);
    if (object.rowAccess && !object.rowAccess.canDelete) throw await this.explainMissedWrite(object, id, 'delete');
    await this.write(planDelete(this.planInput(object), id, ifMatch));
  }

  async restore(object: CompiledObject, id: string): Promise<RecordJson> {
    if (!isRecordId(id)) throw recordNotFound(object, id);
    const [item] = await this.write(planRestore(this.planInput(object), id));
    return written(item);
  }

  /** Lookups given by the target's external id (`{"account": {"symbol": "AAPL"}}`) → ids (bulk/external-refs.ts). */
  private async withLookupIds(object: CompiledObject, body: unknown): Promise<unknown> {
    if (!mayHoldRefs(object, body)) return body;
    const { records, errors } = await resolveExternalRefs(this.db, this.catalog, object, [body], () => '');
    const problems = errors.get(0);
    if (problems?.every((problem) => problem.code === 'TSR176'))
      throw errorsToApiError('TSR176', `A file field of the ${object.apiName} record names no file it can attach; nothing was saved.`, problems);
    if (problems?.every((problem) => problem.code === 'TSR426'))
      throw errorsToApiError('TSR426', `A user field of the ${object.apiName} record names no single active user; nothing was saved.`, problems);
    if (problems) throw errorsToApiError('TSR142', `A lookup of the ${object.apiName} record names no record it can point at; nothing was saved.`, problems);
    return records[0];
  }

  /** The plan input for an object of this request (bulk writes build their plans from it). */
  planInput(object: CompiledObject): PlanInput {
    return { object, stored: (this.catalog.unrestricted ?? this.catalog).objects.get(object.apiName) ?? object, rules: this.rules, timer: this.timer };
  }

  /** Runs a plan through the write's ordered steps (write/write-steps.ts), database errors translated. */
  write(plan: WritePlan): Promise<ItemState[]> {
    const tracked = (this.context.trackedFields?.get(plan.object.apiName) ?? []).filter((name) => isTrackable(plan.stored, name));
    return this.timer.time('db', () =>
      this.run(plan.object, () =>
        runWrite(plan, {
          db: this.db,
          catalog: this.catalog,
          rules: this.rules,
          actor: this.context.actor ?? { id: null, label: 'integration' },
          ...(this.context.requestId === undefined ? {} : { requestId: this.context.requestId }),
          tracked,
          admin: plan.object.rowAccess === undefined,
          fold: this.context.fastPath !== false,
          trackedFor: (name) => this.context.trackedFields?.get(name) ?? [],
        }),
      ),
    );
  }

  /** The caller may not edit or delete at all: a record they cannot see still answers 404, one they can 403. */
  private async explainMissedWrite(object: CompiledObject, id: string, action: 'edit' | 'delete'): Promise<ApiError> {
    const state = (await currentStateSql(object, id, action).execute(this.db)).rows[0];
    if (!state || state.deleted || !state.visible) return recordNotFound(object, id);
    return writeForbidden(object, action);
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

/** The one record a single write returns. */
function written(item: ItemState | undefined): WrittenJson {
  if (!item?.written) throw new Error('the write returned no row');
  return { json: item.written.json, version: item.written.version, id: item.written.id };
}

function fieldOfConstraint(object: CompiledObject, name: string): string | undefined {
  return object.constraintFields.get(name);
}
