// Validated metadata → one transaction: lock the tenant's metadata, check the expected revision,
// plan against the live revision (data checks included), check that what runs is what was
// reviewed (plan hash, destructive confirmation), record the revision with its plan and audit
// entry and NOTIFY other processes, then run the steps. Any failure rolls back schema, data and
// metadata together.
// The DDL runs last and the statements around it are few: under read load every round trip waits
// its turn, and from the first ALTER until COMMIT the table's readers queue behind its lock.
import type { MetadataSnapshot, MigrationAction } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import { METADATA_CHANNEL, loadLatestRevision } from '../catalog/catalog-cache.ts';
import { type AuditActor, auditInsertSql } from '../audit/audit-log.ts';
import { ApiErrorWithExtensions } from '../core/api-error.ts';
import type { TenantRef } from '../tenants/tenant-store.ts';
import { type DroppedEntry, ensureEvolutionTables } from './evolution-tables.ts';
import { loadApplyState } from './load-apply-state.ts';
import { type LiveRevision, type PlanInput, type PlannedChange, planChange } from './plan-change.ts';
import { runMigrationActions } from './run-migration-actions.ts';
import { concurrentDataChange } from './concurrent-data-change.ts';

export { snapshotHash } from './plan-change.ts';

export interface ApplyOutcome {
  revision: number;
  changed: boolean;
  actions: MigrationAction[];
  snapshot: MetadataSnapshot;
  plan: PlannedChange;
}

export interface ApplyOptions {
  author: string;
  /** Validate and plan only; nothing is written. */
  dryRun?: boolean;
  /** The hash of the reviewed plan; required when a step is not safe, refused when the plan differs. */
  planHash?: string;
  /** Confirms steps that drop data (soft: recoverable until purged). */
  allowDestructive?: boolean;
  /** The revision the change was made against (If-Match); 409 when the live revision moved on. */
  ifMatch?: number;
  /** Sees each step before it runs (progress; tests force a failure midway with it). */
  beforeStep?: (index: number, action: MigrationAction) => void | Promise<void>;
  /** Writes an audit entry in the same transaction, so the change and its record commit together. */
  audit?: { event: string; actor: AuditActor; requestId?: string };
  /**
   * Runs in the same transaction after the steps (also when the metadata did not change), so a
   * package operation's security, sample data and `_packages` row commit or roll back with it.
   */
  afterApply?: (trx: Db, outcome: ApplyOutcome) => Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

export async function applyMetadata(db: Db, tenant: TenantRef, document: unknown, options: ApplyOptions): Promise<ApplyOutcome> {
  return applyChange(db, tenant, { document }, options);
}

/** Plans a change without writing anything: the route behind POST /metadata/plan. */
export async function planMetadata(db: Db, tenant: TenantRef, input: PlanInput): Promise<PlannedChange> {
  return db.transaction().execute(async (trx) => planChange(trx, tenant, await loadLatestRevision(trx, tenant.schema), input));
}

// Tenants whose evolution tables this process has seen committed, per database handle: the check
// is one round trip, and under load every round trip of an apply waits its turn.
const evolutionReady = new WeakMap<Db, Set<string>>();

export async function applyChange(db: Db, tenant: TenantRef, input: PlanInput, options: ApplyOptions): Promise<ApplyOutcome> {
  let ready = evolutionReady.get(db);
  if (!ready) {
    ready = new Set();
    evolutionReady.set(db, ready);
  }
  let outcome: ApplyOutcome;
  try {
    outcome = await applyInTransaction(db, tenant, input, options, ready.has(tenant.schema));
  } catch (error) {
    // The quick path read the live revision in the statement that took the lock; had another apply
    // committed in between, recording our revision collides with its. Nothing was written: plan
    // again on the waiting path, which reads after the lock.
    if (!isRevisionCollision(error)) throw error;
    outcome = await applyInTransaction(db, tenant, input, options, false);
  }
  if (!options.dryRun) ready.add(tenant.schema);
  return outcome;
}

function isRevisionCollision(error: unknown): boolean {
  const { code, constraint, message } = (error ?? {}) as { code?: unknown; constraint?: unknown; message?: unknown };
  return code === '23505' && (constraint === '_meta_revision_pkey' || (typeof message === 'string' && message.includes('_meta_revision_pkey')));
}

async function applyInTransaction(db: Db, tenant: TenantRef, input: PlanInput, options: ApplyOptions, evolutionTablesKnown: boolean): Promise<ApplyOutcome> {
  return db.transaction().execute(async (trx) => {
    // One metadata change per tenant at a time; other tenants are not blocked. A DDL step that
    // cannot get its table lock within 5 s fails (503 TSR901) instead of stalling the table.
    const lockKey = `tessera.metadata.${tenant.schema}`;
    // Quick path (evolution tables known): try the lock and read the state in one round trip.
    const quick = evolutionTablesKnown ? await loadApplyState(trx, tenant.schema, lockKey) : undefined;
    let state: { live: LiveRevision; dropped?: DroppedEntry[] };
    if (quick?.locked) {
      state = quick;
    } else {
      // Parameter-free like the quick path's statement, so BEGIN travels with it (deferred-begin-pool.ts).
      await sql`select pg_advisory_xact_lock(hashtext(${sql.lit(lockKey)})), set_config('lock_timeout', '5s', true)`.execute(trx);
      // Idempotent, and inside the transaction: a failed apply leaves no evolution tables behind either.
      let evolutionTablesReady = evolutionTablesKnown;
      if (!evolutionTablesReady && !options.dryRun) {
        await ensureEvolutionTables(trx, tenant.schema);
        evolutionTablesReady = true;
      }
      state = evolutionTablesReady ? await loadApplyState(trx, tenant.schema) : { live: await loadLatestRevision(trx, tenant.schema) };
    }
    const { live, dropped } = state;
    if (options.ifMatch !== undefined && options.ifMatch !== live.revision) {
      throw conflict(
        'TSR213',
        `The metadata is at revision ${live.revision}, not ${options.ifMatch}: someone applied a change first. Plan again against revision ${live.revision}.`,
        'If-Match',
        live.revision,
      );
    }
    const plan = await planChange(trx, tenant, live, input, dropped);
    if (!plan.changed) {
      const unchanged: ApplyOutcome = { revision: live.revision, changed: false, actions: [], snapshot: live.snapshot, plan };
      if (!options.dryRun) await options.afterApply?.(trx, unchanged);
      return unchanged;
    }
    if (options.planHash !== undefined && options.planHash !== plan.planHash) {
      throw conflict(
        'TSR218',
        `The plan hash does not match: the definition or the live metadata (revision ${live.revision}) changed since the plan was made. Plan again and review it.`,
        '/planHash',
        live.revision,
      );
    }
    if (options.dryRun) return { revision: live.revision, changed: true, actions: plan.actions, snapshot: plan.next, plan };
    const unsafe = plan.steps.filter((step) => step.risk !== 'safe');
    if (plan.requiresPlanHash && options.planHash === undefined) {
      throw new ApiErrorWithExtensions(
        'TSR219',
        `This change has steps that are not safe (${unsafe.map((step) => `${step.description}: ${step.risk.replace('_', ' ')}, ${step.rows} rows`).join('; ')}). Review POST /metadata/plan and apply with its planHash.`,
        unsafe.map((step) => ({ path: `/steps/${step.step - 1}`, code: 'TSR219', message: `${step.description}: ${step.risk}, ${step.rows} rows` })),
        { planHash: null, baseRevision: live.revision },
      );
    }
    const destructive = plan.steps.filter((step) => step.risk === 'destructive');
    if (destructive.length > 0 && !options.allowDestructive) {
      throw new ApiErrorWithExtensions(
        'TSR220',
        `This change drops data (${destructive.map((step) => `${step.description}: ${step.rows} records`).join('; ')}); confirm with "allowDestructive": true. Dropped data stays recoverable until purged.`,
        destructive.map((step) => ({ path: `/steps/${step.step - 1}`, code: 'TSR220', message: `${step.description}: ${step.rows} records` })),
        { baseRevision: live.revision },
      );
    }
    const revision = live.revision + 1;
    const recorded = { steps: plan.steps, definitionHash: plan.definitionHash, planHash: plan.planHash };
    const audit = options.audit
      ? sql`, audited as (${auditInsertSql(tenant.schema, {
          ...options.audit,
          target: `revision:${revision}`,
          detail: { revision, actions: plan.actions.map((action) => `${action.kind} ${action.object}`) },
        })})`
      : sql``;
    // Revision, audit entry and NOTIFY in one statement. The NOTIFY is delivered at commit, so
    // listeners never see a revision that rolled back.
    await sql`
      with recorded as (
        insert into ${sql.id(tenant.schema, '_meta_revision')}
          (revision, author, snapshot, actions, snapshot_hash, base_revision, plan, plan_hash, reverted_to)
        values (${revision}, ${options.author}, ${JSON.stringify(plan.next)}::jsonb, ${JSON.stringify(plan.actions)}::jsonb, ${plan.nextHash},
                ${live.revision}, ${JSON.stringify(recorded)}::jsonb, ${plan.planHash}, ${plan.revertTo ?? null})
        returning revision)
      ${audit}
      select pg_notify(${METADATA_CHANNEL}, ${`${tenant.slug}:${revision}`}) from recorded`.execute(trx);
    const step: { index: number; action: MigrationAction | undefined } = { index: -1, action: undefined };
    try {
      // Roll-up triggers and backfills and duplicate keys are steps of the plan like the DDL.
      await runMigrationActions(trx, tenant.schema, plan.actions, { revision, next: plan.next }, (index, action) => {
        Object.assign(step, { index, action });
        return options.beforeStep?.(index, action);
      });
    } catch (error) {
      throw concurrentDataChange(error, step, live.revision) ?? error;
    }
    const outcome: ApplyOutcome = { revision, changed: true, actions: plan.actions, snapshot: plan.next, plan };
    await options.afterApply?.(trx, outcome);
    return outcome;
  });
}

function conflict(code: 'TSR213' | 'TSR218', detail: string, path: string, revision: number): ApiErrorWithExtensions {
  return new ApiErrorWithExtensions(code, detail, [{ path, code, message: `current revision is ${revision}` }], { revision });
}
