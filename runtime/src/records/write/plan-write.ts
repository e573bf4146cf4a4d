// A request's body → a frozen write plan (write-plan.ts), before any SQL: renamed fields answer to
// their new names, object permissions, expression defaults and the default record type, schema
// validation (every problem at once, 400 TSR400), If-Match against the body's version, and the
// owner and creator of a user's new records. Picklist labels are written as their api names. Pure: nothing here reads the database.
import { type ProblemDetail, resolvePicklistLabels } from '@tessera/metadata';
import { ApiError, errorsToApiError } from '../../core/api-error.ts';
import type { CompiledObject } from '../../catalog/catalog-types.ts';
import { canonicalBody } from '../../catalog/compile-catalog.ts';
import { type RecordRuleOptions, withExpressionDefaults } from '../../rules/record-rules.ts';
import type { StageTimer } from '../../core/stage-timer.ts';
import { sanitizeRichTextFields } from '../../richtext/sanitize-rich-text-fields.ts';
import { withDefaultRecordType } from '../record-type.ts';
import { fieldKinds } from './field-kinds.ts';
import { writeForbidden } from './steps/check-access.ts';
import { freezePlan, type LinkChange, type StageNote, type WritePlan } from './write-plan.ts';

/**
 * Values → column values and link changes: a many-to-many field has no column, so its value (the
 * whole set; null or [] clears it) becomes a `set` of its links, ids lowercased and repeats collapsed.
 */
export function splitLinks(object: CompiledObject, values: Record<string, unknown>): { values: Record<string, unknown>; links?: Record<string, LinkChange> } {
  // Most objects have no many-to-many field: their values are the columns as they are (an import
  // plans thousands of records per chunk through here).
  if (fieldKinds(object.definition).manytomany.size === 0) return { values };
  const links: Record<string, LinkChange> = {};
  const columns: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (object.columns.get(name)?.field?.type !== 'manytomany') columns[name] = value;
    else links[name] = { mode: 'set', ids: [...new Set(((value ?? []) as string[]).map((id) => id.toLowerCase()))], path: `/${name}` };
  }
  return Object.keys(links).length > 0 ? { values: columns, links } : { values: columns };
}

export interface PlanInput {
  object: CompiledObject;
  stored: CompiledObject;
  rules: RecordRuleOptions;
  timer: StageTimer;
}

const invalid = (object: CompiledObject, errors: Parameters<typeof errorsToApiError>[2]) =>
  errorsToApiError('TSR400', `The ${object.apiName} record is invalid; nothing was saved.`, errors);

/**
 * Picklist labels → api names (metadata's resolvePicklistLabels), then the schema check. A label
 * shared by several values is reported instead of the schema's "not a value" at the same path.
 * Rich-text values are sanitised before the check, which then judges what would be stored.
 */
function validated(object: CompiledObject, raw: unknown, validate: (body: unknown) => ProblemDetail[], timer: StageTimer): unknown {
  const resolved = resolvePicklistLabels(object.definition, raw);
  const { problems } = resolved;
  const body = sanitizeRichTextFields(object.definition, resolved.body);
  const ambiguous = new Set(problems.map((detail) => detail.path));
  const errors = [...problems, ...timer.timeSync('plan', () => validate(body)).filter((detail) => !ambiguous.has(detail.path))];
  if (errors.length > 0) throw invalid(object, errors);
  return body;
}

/** Creates of one or many records (each body validated; all problems of the first invalid one). */
export function planCreate(input: PlanInput, bodies: readonly unknown[]): WritePlan {
  const { object } = input;
  if (object.rowAccess && !object.rowAccess.canCreate) throw writeForbidden(object, 'create');
  const items = bodies.map((raw) => {
    const defaulted = withDefaultRecordType(object, withExpressionDefaults(object, canonicalBody(object, raw), input.rules));
    const body = validated(object, defaulted, (record) => object.validateCreate(record), input.timer);
    // A user owns what they create (unless they may assign owners and named one) and is its creator.
    const userId = object.rowAccess?.userId;
    const values = userId ? { owner_id: userId, ...(body as Record<string, unknown>), created_by: userId } : { ...(body as Record<string, unknown>) };
    return splitLinks(object, values);
  });
  return freezePlan({ kind: 'create', object, stored: input.stored, items });
}

/** A patch of one record, or a stage move when `stage` is given (the record must change stage). */
export function planPatch(input: PlanInput, id: string, raw: unknown, ifMatch: number | undefined, stage?: StageNote & { requireMove?: boolean }): WritePlan {
  const { object } = input;
  const body = validated(object, canonicalBody(object, raw), (record) => object.validatePatch(record), input.timer);
  const { version: bodyVersion, ...values } = body as Record<string, unknown> & { version?: number };
  if (ifMatch !== undefined && bodyVersion !== undefined && ifMatch !== bodyVersion) {
    throw new ApiError('TSR113', `If-Match says version ${ifMatch} but the body says ${bodyVersion}.`, [
      { path: '/version', code: 'TSR113', message: 'disagrees with If-Match' },
    ]);
  }
  const expectedVersion = ifMatch ?? bodyVersion;
  const note: StageNote | undefined = stage
    ? { ...(stage.comment === undefined ? {} : { comment: stage.comment }), ...(stage.reason === undefined ? {} : { reason: stage.reason }) }
    : undefined;
  return freezePlan({
    kind: stage?.requireMove ? 'stageMove' : 'patch',
    object,
    stored: input.stored,
    items: [{ id, ...splitLinks(object, values), ...(expectedVersion === undefined ? {} : { expectedVersion }) }],
    ...(note ? { stage: note } : {}),
  });
}

/** The link endpoints: ids added to or removed from one many-to-many field of one record (checked by the route). */
export function planLinkChange(input: PlanInput, id: string, field: string, change: LinkChange): WritePlan {
  return freezePlan({ kind: 'patch', object: input.object, stored: input.stored, items: [{ id, values: {}, links: { [field]: change } }] });
}

export function planDelete(input: PlanInput, id: string, ifMatch: number | undefined): WritePlan {
  return freezePlan({
    kind: 'delete',
    object: input.object,
    stored: input.stored,
    items: [{ id, values: {}, ...(ifMatch === undefined ? {} : { expectedVersion: ifMatch }) }],
  });
}

export function planRestore(input: PlanInput, id: string): WritePlan {
  return freezePlan({ kind: 'restore', object: input.object, stored: input.stored, items: [{ id, values: {} }] });
}
