// A metadata document (or "revert to revision N") + the live revision → the reviewed plan: ordered
// steps, each with its risk and the rows it touches, plus the hashes that bind an apply to what
// was reviewed. Runs read-only SQL in the caller's transaction: the data checks that refuse a
// change (with counts and the first ids) and the lookups that turn re-adds into restores.
import { createHash } from 'node:crypto';
import {
  canonicalJson,
  collectIntent,
  columnStorage,
  diffCalendars,
  diffSnapshots,
  documentCalendars,
  documentObjectPaths,
  EMPTY_SNAPSHOT,
  type ErrorCode,
  type EvolutionIntent,
  type MetadataSnapshot,
  type MigrationAction,
  type NormalisedField,
  type NormalisedObject,
  type ProblemDetail,
  revertDocument,
  validateDocument,
} from '@tessera/metadata';
import type { Kysely } from 'kysely';
import { ApiError, ApiErrorWithExtensions, errorsToApiError, unwrap } from '../core/api-error.ts';
import { refuseOwnedChanges } from '../packages/refuse-owned-changes.ts';
import { calendarsInUse } from '../rules/calendars-in-use.ts';
import { checkRuleSql } from '../rules/check-rule-sql.ts';
import { calendarsInRollups } from '../rules/rollup-calendars.ts';
import type { TenantRef } from '../tenants/tenant-store.ts';
import { type AssessContext, assessAction, type Risk, type Violation } from './assess-action.ts';
import { actionField, describeAction } from './describe-action.ts';
import { type DroppedEntry, hiddenName, pendingDropped } from './evolution-tables.ts';
import { loadRevision, renamesSince } from './revisions.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Trx = Kysely<any>;

/**
 * What to plan: a document, a revert, or (for package operations) a document derived from the live
 * revision inside the planning transaction. `actingPackage`: the namespace whose install, upgrade or
 * uninstall this is; without it, changes to package-owned parts are refused (TSR606).
 */
export type PlanInput =
  | { document: unknown; actingPackage?: string }
  | { revertTo: number }
  | { derive: (trx: Trx, live: LiveRevision) => Promise<unknown>; actingPackage: string };

export interface LiveRevision {
  revision: number;
  snapshot: MetadataSnapshot;
  hash: string | null;
}

export interface PlanStep {
  step: number;
  kind: MigrationAction['kind'];
  object: string;
  field?: string;
  description: string;
  risk: Risk;
  rows: number;
}

export interface PlannedChange {
  baseRevision: number;
  changed: boolean;
  actions: MigrationAction[];
  steps: PlanStep[];
  next: MetadataSnapshot;
  nextHash: string;
  /** sha256 of the canonical incoming definition (objects and directives). */
  definitionHash: string;
  /** sha256 of the canonical plan: base revision + definition hash + actions. */
  planHash: string;
  /** True when any step is not safe: apply then needs this plan's hash. */
  requiresPlanHash: boolean;
  /** True when any step drops data: apply then also needs allowDestructive. */
  destructive: boolean;
  revertTo?: number;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export function snapshotHash(snapshot: MetadataSnapshot): string {
  return sha256(JSON.stringify(snapshot));
}

/** `dropped`: the pending soft drops when the caller has read them already (else they are queried). */
export async function planChange(trx: Trx, tenant: TenantRef, live: LiveRevision, input: PlanInput, dropped?: DroppedEntry[]): Promise<PlannedChange> {
  const revertTo = 'revertTo' in input ? input.revertTo : undefined;
  const document =
    'revertTo' in input ? await revertInput(trx, tenant.schema, live, input.revertTo) : 'derive' in input ? await input.derive(trx, live) : input.document;
  const validated = validateDocument(document, live.snapshot);
  const calendarsResult = documentCalendars(document, live.snapshot);
  if (!validated.ok || !calendarsResult.ok) {
    const problems = [...(validated.ok ? [] : validated.errors), ...(calendarsResult.ok ? [] : calendarsResult.errors)];
    throw errorsToApiError('TSR200', 'The metadata is invalid; nothing was applied.', problems);
  }
  const incoming = validated.value;
  const calendars = calendarsResult.value;
  // Package-owned parts change only through their package's upgrade (runtime/src/packages/).
  if (!('actingPackage' in input && input.actingPackage)) await refuseOwnedChanges(trx, tenant.schema, live.snapshot, incoming, document);
  // Every rule must also run in SQL (formulas, validation rules, roll-up filters).
  // A document may hold one object (Setup's field editor): a formula path reaches live objects it does
  // not hold, so they join the check's catalog after it (positions, and so problem paths, unchanged).
  const untouched = live.snapshot.objects.filter((object) => !incoming.some((candidate) => candidate.apiName === object.apiName));
  const intent = collectIntent(document);
  // A calendar the live model still names cannot go: each rule naming it is listed (TSR238).
  const inUse = calendarsInUse(live.snapshot.calendars, calendars, incoming, untouched, intent.remove, documentObjectPaths(document));
  if (inUse.length > 0) throw errorsToApiError('TSR238', 'A calendar that is still in use cannot be removed; nothing was applied.', inUse);
  const ruleProblems = [
    ...checkRuleSql([...incoming, ...untouched], documentObjectPaths(document), calendars),
    ...calendarsInRollups([...incoming, ...untouched], documentObjectPaths(document)),
  ];
  if (ruleProblems.length > 0) throw errorsToApiError('TSR200', 'The metadata is invalid; nothing was applied.', ruleProblems);
  const paths = documentObjectPaths(document);
  const diffed = diffSnapshots(live.snapshot, incoming, paths, intent);
  if (!diffed.ok) throw refusal(diffed.errors, 'TSR209', 'The metadata asks for changes that cannot be made; nothing was applied.');
  // Calendars are metadata only: their actions come last, after every object's.
  const plan = {
    actions: [...diffed.value.actions, ...diffCalendars(live.snapshot.calendars, calendars)],
    next: { ...diffed.value.next, ...(calendars ? { calendars } : {}) },
  };
  const nextHash = snapshotHash(plan.next);
  // Calendars join the hash only when the document has some, so hashes of calendar-free documents stay as they were.
  const definitionHash = sha256(canonicalJson({ objects: incoming, intent: intentJson(intent), ...(calendars ? { calendars } : {}) }));
  const base = { baseRevision: live.revision, next: plan.next, nextHash, definitionHash, ...(revertTo === undefined ? {} : { revertTo }) };
  if (plan.actions.length === 0 || nextHash === live.hash) {
    return {
      ...base,
      changed: false,
      actions: [],
      steps: [],
      planHash: sha256(canonicalJson({ baseRevision: live.revision, definitionHash, actions: [] })),
      requiresPlanHash: false,
      destructive: false,
    };
  }

  const resolved = resolveStorage(plan.actions, live.revision + 1, dropped ?? (await pendingDropped(trx, tenant.schema)), intent);
  const context = assessContext(tenant.schema, live.snapshot, plan.next, resolved, incoming, paths, intent);
  const steps: PlanStep[] = [];
  const violations: Violation[] = [];
  for (const [index, action] of resolved.actions.entries()) {
    const assessment = await assessAction(trx, action, context);
    if (assessment.violation) violations.push(assessment.violation);
    const field = actionField(action);
    steps.push({
      step: index + 1,
      kind: action.kind,
      object: action.object,
      ...(field ? { field } : {}),
      description: describeAction(action),
      risk: assessment.risk,
      rows: assessment.rows,
    });
  }
  if (violations.length > 0) {
    const errors = violations.map(({ path, code, message }) => ({ path, code, message }));
    const detail = `Existing records do not allow this change; nothing was applied. ${violations.map((v) => v.message).join(' ')}`;
    throw new ApiErrorWithExtensions(umbrellaCode(errors, 'TSR217'), detail, errors, {
      baseRevision: live.revision,
      violations: violations.map(({ object, field, count, sampleIds, code, path }) => ({ path, code, object, ...(field ? { field } : {}), count, sampleIds })),
    });
  }
  const planHash = sha256(canonicalJson({ baseRevision: live.revision, definitionHash, actions: resolved.actions }));
  return {
    ...base,
    changed: true,
    actions: resolved.actions,
    steps,
    planHash,
    requiresPlanHash: steps.some((step) => step.risk !== 'safe'),
    destructive: steps.some((step) => step.risk === 'destructive'),
  };
}

async function revertInput(trx: Trx, schema: string, live: LiveRevision, revertTo: number): Promise<unknown> {
  if (!Number.isInteger(revertTo) || revertTo < 0 || revertTo > live.revision) {
    throw new ApiError('TSR223', `Revision ${revertTo} does not exist; the latest is ${live.revision}.`, [
      { path: '/revertTo', code: 'TSR223', message: 'no such revision' },
    ]);
  }
  const target = revertTo === 0 ? EMPTY_SNAPSHOT : (await loadRevision(trx, schema, revertTo))?.snapshot;
  if (!target) throw new ApiError('TSR223', `Revision ${revertTo} does not exist.`, [{ path: '/revertTo', code: 'TSR223', message: 'no such revision' }]);
  return revertDocument(target, live.snapshot, await renamesSince(trx, schema, revertTo));
}

interface Resolved {
  actions: MigrationAction[];
  /** object → hidden table restored by this plan. */
  restoredTables: Map<string, string>;
  /** `object.field` → hidden column restored by this plan. */
  restoredColumns: Map<string, string>;
  createdTables: Set<string>;
}

/**
 * Decides what only the runtime knows: hidden names of soft drops (from the revision being
 * written) and whether a re-added object or field brings a soft-dropped one back (same storage).
 */
function resolveStorage(actions: readonly MigrationAction[], revision: number, dropped: DroppedEntry[], intent: EvolutionIntent): Resolved {
  const restoredTables = new Map<string, string>();
  const restoredColumns = new Map<string, string>();
  const createdTables = new Set<string>();
  const out: MigrationAction[] = [];
  for (const action of actions) {
    if (action.kind === 'drop_column') out.push({ ...action, hiddenName: hiddenName(revision, action.field.apiName) });
    else if (action.kind === 'drop_table') out.push({ ...action, hiddenName: hiddenName(revision, action.object) });
    else if (action.kind === 'create_table') {
      const entry = dropped.find((candidate) => candidate.kind === 'object' && candidate.object === action.object);
      if (entry) {
        restoredTables.set(action.object, entry.hiddenName);
        out.push({
          kind: 'restore_table',
          object: action.object,
          definition: action.definition,
          hiddenName: entry.hiddenName,
          droppedRevision: entry.revision,
        });
      } else {
        createdTables.add(action.object);
        out.push(action);
      }
    } else if (action.kind === 'add_column') {
      const backfill = intent.backfills.get(`${action.object}.${action.field.apiName}`);
      const table = restoredTables.get(action.object) ?? action.object;
      const entry = createdTables.has(action.object)
        ? undefined
        : dropped.find(
            (candidate) =>
              candidate.kind === 'field' &&
              candidate.object === action.object &&
              candidate.field === action.field.apiName &&
              candidate.tableName === table &&
              columnStorage(candidate.definition as NormalisedField) === columnStorage(action.field),
          );
      if (entry) {
        restoredColumns.set(`${action.object}.${action.field.apiName}`, entry.hiddenName);
        out.push({
          kind: 'restore_column',
          object: action.object,
          field: action.field,
          hiddenName: entry.hiddenName,
          droppedRevision: entry.revision,
          ...(backfill === undefined ? {} : { backfill }),
        });
      } else out.push(backfill === undefined ? action : { ...action, backfill });
    } else out.push(action);
  }
  // A restored autonumber keeps its own sequence (renamed back), so it needs no new one.
  const actionsOut = out.filter((action) => !(action.kind === 'create_sequence' && restoredColumns.has(`${action.object}.${action.field}`)));
  return { actions: actionsOut, restoredTables, restoredColumns, createdTables };
}

function assessContext(
  schema: string,
  live: MetadataSnapshot,
  next: MetadataSnapshot,
  resolved: Resolved,
  incoming: readonly NormalisedObject[],
  paths: readonly string[],
  intent: EvolutionIntent,
): AssessContext {
  const liveObjects = new Map(live.objects.map((object) => [object.apiName, object]));
  const nextObjects = new Map(next.objects.map((object) => [object.apiName, object]));
  const renamedFrom = new Map<string, string>();
  for (const action of resolved.actions) if (action.kind === 'rename_column') renamedFrom.set(`${action.object}.${action.to}`, action.from);
  const original = (object: string, field: string) => renamedFrom.get(`${object}.${field}`) ?? field;
  const liveField = (object: string, field: string) => liveObjects.get(object)?.fields.find((candidate) => candidate.apiName === original(object, field));
  return {
    schema,
    tableOf: (object) => resolved.restoredTables.get(object) ?? (liveObjects.has(object) ? object : undefined),
    columnOf: (object, field) => resolved.restoredColumns.get(`${object}.${field}`) ?? (liveField(object, field) ? original(object, field) : undefined),
    liveField,
    nextField: (object, field) => nextObjects.get(object)?.fields.find((candidate) => candidate.apiName === field),
    pathOf(object, field, suffix = '') {
      const index = incoming.findIndex((candidate) => candidate.apiName === object);
      if (index < 0) {
        const position = intent.remove.indexOf(object);
        return position >= 0 ? `/remove/${position}` : '';
      }
      const objectPath = paths[index] ?? `/objects/${index}`;
      const fieldIndex = field === undefined ? -1 : (incoming[index]?.fields.findIndex((candidate) => candidate.apiName === field) ?? -1);
      return fieldIndex < 0 ? `${objectPath}${suffix}` : `${objectPath}/fields/${fieldIndex}${suffix}`;
    },
  };
}

function intentJson(intent: EvolutionIntent): unknown {
  const nested = (map: ReadonlyMap<string, ReadonlyMap<string, string>>) =>
    Object.fromEntries([...map].map(([key, inner]) => [key, Object.fromEntries(inner)]));
  return {
    fieldRenames: nested(intent.fieldRenames),
    valueRenames: nested(intent.valueRenames),
    backfills: Object.fromEntries(intent.backfills),
    remove: [...intent.remove],
  };
}

/** One code when every problem shares it, else the umbrella. */
function umbrellaCode(errors: readonly ProblemDetail[], fallback: ErrorCode): ErrorCode {
  const codes = new Set(errors.map((error) => error.code));
  return codes.size === 1 ? ([...codes][0] as ErrorCode) : fallback;
}

function refusal(errors: ProblemDetail[], fallback: ErrorCode, detail: string): ApiError {
  return new ApiError(umbrellaCode(errors, fallback), detail, errors);
}
