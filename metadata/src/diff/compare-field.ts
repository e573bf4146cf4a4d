// Live field (already carrying its new name when renamed) vs incoming field → the actions that
// evolve it, each tagged with the phase it runs in, plus metadata-only changes and refusals.
import { type ProblemDetail, problem } from '../error-codes.ts';
import { conversionFor, columnStorage, DEFINED_CONVERSIONS } from '../evolution/type-conversions.ts';
import type { BackfillValue, MigrationAction } from '../migration-actions.ts';
import type { NormalisedField, NormalisedPicklistValue } from '../normalised-types.ts';
import { recordTypeSequenceName, uniqueFieldIndexName } from '../normalise/storage-name.ts';
import { isDeepStrictEqual } from './is-deep-equal.ts';

/** Where an action runs in the plan; diff-snapshots.ts orders the phases. */
export type Phase = 'dropConstraints' | 'conversions' | 'uniques' | 'foreignKeys';

export interface PhasedAction {
  phase: Phase;
  action: MigrationAction;
}

export interface FieldComparison {
  actions: PhasedAction[];
  /** Metadata-only changes (`labels`, `values/<value>/labels`, …). */
  changes: string[];
  refusals: ProblemDetail[];
}

export interface FieldIntent {
  backfill?: BackfillValue;
  /** New value api name → the live value it renames. */
  valueRenames?: ReadonlyMap<string, string>;
}

/** Rule definitions: formulas compile per revision; roll-ups are re-triggered and backfilled at apply (runtime/src/rules). */
const RULE_METADATA = ['defaultExpr', 'expression', 'returns', 'childObject', 'childField', 'function', 'aggregateField', 'filter'];
/** Field properties that live only in the revision: changing them touches no DDL. */
// externalId's storage is its unique index, planned through `unique` (which it implies).
const METADATA_ONLY = new Set(['labels', 'description', 'helpText', 'currencyCode', 'min', 'max', 'minLength', 'maxSelected', 'externalId', ...RULE_METADATA]);
/** Decided together with the type (storage) or derived from names (handled by renames). */
const STORAGE = new Set(['type', 'maxLength', 'precision', 'scale']);
const DERIVED = new Set(['apiName', 'constraintName', 'sequenceName', 'result', 'junctionTable']);

export function compareField(object: string, live: NormalisedField, next: NormalisedField, path: string, intent: FieldIntent = {}): FieldComparison {
  const name = `${object}.${next.apiName}`;
  const result: FieldComparison = { actions: [], changes: [], refusals: [] };
  const before = live as unknown as Record<string, unknown>;
  const after = next as unknown as Record<string, unknown>;
  const differs = (key: string) => !isDeepStrictEqual(before[key], after[key]);
  const push = (phase: Phase, action: MigrationAction) => result.actions.push({ phase, action });

  const retyped = live.type !== next.type || columnStorage(live) !== columnStorage(next);
  if (retyped) {
    const conversion = conversionFor(live, next);
    const key = live.type !== next.type ? 'type' : (['maxLength', 'precision', 'scale'].find(differs) ?? 'type');
    if (!conversion) {
      const what = live.type !== next.type ? `the type of ${name} from ${live.type} to ${next.type}` : `${key} of ${name}`;
      // Text → user would have to guess users from names; the import does that with a report per cell.
      const hint = next.type === 'user' ? '; to fill a user field from text, add a new user field and import the values by email or name' : '';
      result.refusals.push(problem(`${path}/${key}`, 'TSR209', `changing ${what} has no defined conversion${hint}; defined: ${DEFINED_CONVERSIONS}`));
      return result;
    }
    push('conversions', { kind: 'alter_column_type', object, field: next.apiName, from: live, to: next, conversion });
  }

  if ((live.type === 'picklist' || live.type === 'multipicklist') && next.type === live.type) {
    comparePicklist(object, next, live.values, path, intent.valueRenames, result);
  }

  const defaultChanged =
    differs('default') || (live.type === 'autonumber' && differs('format')) || (hasValues(live) && hasValues(next) && presets(live) !== presets(next));
  if (defaultChanged && !retyped) push('conversions', { kind: 'set_default', object, field: next.apiName, to: next });

  if (differs('required')) {
    if (next.type === 'autonumber') result.changes.push('required');
    else {
      const backfill = next.required ? intent.backfill : undefined;
      push('conversions', {
        kind: 'set_required',
        object,
        field: next.apiName,
        required: next.required,
        to: next,
        ...(backfill === undefined ? {} : { backfill }),
      });
    }
  }
  if (differs('unique')) {
    const indexName = uniqueFieldIndexName(object, next.apiName);
    if (next.unique) push('uniques', { kind: 'add_unique', object, field: next.apiName, indexName });
    else push('dropConstraints', { kind: 'drop_unique', object, field: next.apiName, indexName });
  }
  if (live.type === 'lookup' && next.type === 'lookup' && (live.target !== next.target || live.onDelete !== next.onDelete)) {
    push('foreignKeys', {
      kind: 'alter_foreign_key',
      object,
      field: next.apiName,
      fromTarget: live.target,
      target: next.target,
      onDelete: next.onDelete,
      constraintName: next.constraintName,
    });
  }
  if (hasValues(live) && hasValues(next) && (differs('controllingField') || differs('dependentValues'))) {
    for (const key of ['controllingField', 'dependentValues']) if (differs(key)) result.changes.push(key);
    if (next.controllingField !== undefined && next.dependentValues !== undefined) {
      const { controllingField, dependentValues } = next;
      push('conversions', {
        kind: 'check_dependent_values',
        object,
        field: next.apiName,
        multiple: next.type === 'multipicklist',
        controllingField,
        dependentValues,
      });
    }
  }
  if (live.type === 'autonumber' && next.type === 'autonumber' && differs('formatsByRecordType')) {
    // A record type's format keeps its counter when the format changes; a new entry gets its own.
    result.changes.push('formatsByRecordType');
    for (const recordType of Object.keys(next.formatsByRecordType ?? {})) {
      if (live.formatsByRecordType?.[recordType] !== undefined) continue;
      const sequence = recordTypeSequenceName(object, next.apiName, recordType);
      push('conversions', { kind: 'create_sequence', object, field: next.apiName, sequenceName: sequence, startAt: next.startAt });
    }
  }
  if (live.type === 'manytomany' && next.type === 'manytomany' && live.target !== next.target) {
    // The links name records of the old target; re-pointing them would be a guess.
    result.refusals.push(problem(`${path}/target`, 'TSR209', `the target of the many-to-many ${name} cannot change; remove the field and add a new one`));
  }
  if (live.type === 'manytomany' && next.type === 'manytomany') {
    // Back from a junction object to the managed table is refused: the junction records carry fields
    // (role, since) the managed table cannot hold, so the move would silently drop them.
    for (const key of ['junction', 'junctionFields'] as const) {
      // Managed → junction is planned (junction-actions.ts: move_links_to_junction); the reverse is not.
      if (isDeepStrictEqual(live[key], next[key]) || live.junction === undefined) continue;
      const message = `${key} of the many-to-many ${name} cannot change once the field exists (it is ${show(live[key])}); add a new field with the junction and remove this one`;
      result.refusals.push(problem(`${path}/${key}`, 'TSR255', message));
    }
  }
  if (live.type === 'autonumber' && next.type === 'autonumber' && live.startAt !== next.startAt) {
    result.refusals.push(
      problem(
        `${path}/startAt`,
        'TSR209',
        `startAt of ${name} cannot change once the field exists (it is ${live.startAt}); the counter continues from its current value`,
      ),
    );
  }

  // A formula's scale has no storage: it is a metadata change (its column kind is 'none' on both sides).
  if (live.type === 'formula' && next.type === 'formula' && live.scale !== next.scale) result.changes.push('scale');
  const handled = new Set([
    ...STORAGE,
    ...DERIVED,
    'values',
    'default',
    'format',
    'required',
    'unique',
    'target',
    'onDelete',
    'startAt',
    'controllingField',
    'dependentValues',
    'formatsByRecordType',
    'junction',
    'junctionFields',
  ]);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys) {
    if (handled.has(key) || !differs(key)) continue;
    if (METADATA_ONLY.has(key)) result.changes.push(key);
    else
      result.refusals.push(problem(`${path}/${key}`, 'TSR209', `changing ${key} of ${name} from ${show(before[key])} to ${show(after[key])} is not supported`));
  }
  return result;
}

type ValuedField = Extract<NormalisedField, { values: NormalisedPicklistValue[] }>;
const hasValues = (field: NormalisedField): field is ValuedField => field.type === 'picklist' || field.type === 'multipicklist';
const presets = (field: ValuedField): string =>
  field.values
    .filter((value) => value.default && !value.inactive)
    .map((value) => value.apiName)
    .join(',');

/** Adds, renames (records remapped), reorders, relabels, deactivates and removes values. */
function comparePicklist(
  object: string,
  next: ValuedField,
  live: NormalisedPicklistValue[],
  path: string,
  valueRenames: ReadonlyMap<string, string> | undefined,
  result: FieldComparison,
): void {
  const liveByName = new Map(live.map((value) => [value.apiName, value]));
  const nextNames = new Set(next.values.map((value) => value.apiName));
  const renames: { from: string; to: string }[] = [];
  next.values.forEach((value, index) => {
    const from = valueRenames?.get(value.apiName);
    if (from === undefined) return;
    if (liveByName.has(from) && !liveByName.has(value.apiName) && !nextNames.has(from)) renames.push({ from, to: value.apiName });
    else if (!(liveByName.has(value.apiName) && !liveByName.has(from))) {
      // (Already renamed by an earlier apply when only the new value is live: nothing to do.)
      const why = liveByName.has(from)
        ? `'${from}' is still in the list or '${value.apiName}' already exists`
        : `'${from}' is not a value of ${object}.${next.apiName}`;
      result.refusals.push(problem(`${path}/values/${index}/renamedFrom`, 'TSR221', `cannot rename picklist value '${from}' to '${value.apiName}': ${why}`));
    }
  });
  const renamedTo = new Map(renames.map((rename) => [rename.to, rename.from]));
  const multiple = next.type === 'multipicklist';
  if (renames.length > 0) {
    result.actions.push({ phase: 'conversions', action: { kind: 'remap_picklist_values', object, field: next.apiName, multiple, renames } });
  }
  const removed = live.map((value) => value.apiName).filter((name) => !nextNames.has(name) && ![...renamedTo.values()].includes(name));
  if (removed.length > 0) {
    result.actions.push({ phase: 'conversions', action: { kind: 'remove_picklist_values', object, field: next.apiName, multiple, values: removed } });
  }
  for (const value of next.values) {
    const before = liveByName.get(renamedTo.get(value.apiName) ?? value.apiName);
    if (!before) {
      result.changes.push(`values/${value.apiName}/added`);
      continue;
    }
    if (renamedTo.has(value.apiName)) result.changes.push(`values/${value.apiName}/renamedFrom/${before.apiName}`);
    for (const key of ['labels', 'order', 'inactive'] as const) {
      if (!isDeepStrictEqual(before[key], value[key])) result.changes.push(`values/${value.apiName}/${key}`);
    }
  }
}

const show = (value: unknown): string => (value === undefined ? 'unset' : JSON.stringify(value));
