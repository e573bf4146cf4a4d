// Live snapshot + incoming normalised objects (+ the document's evolution directives) → an ordered
// migration plan, or every refusal. Declarative per object: incoming objects replace their live
// definition, others stay unless the document lists them under `remove`.
// Order: drop indexes → renames → drop unique/foreign keys → create_table → new columns →
// conversions (remaps, types, defaults, required) → unique indexes → indexes → foreign keys →
// soft drops of fields, then of objects → rule storage (roll-up triggers and backfills, duplicate
// keys: rule-storage-actions.ts) → metadata-only changes.
import { type ProblemDetail, type Result, fail, ok, problem } from '../error-codes.ts';
import { type EvolutionIntent, NO_INTENT } from '../evolution/intent.ts';
import type { MigrationAction, MigrationPlan } from '../migration-actions.ts';
import type { MetadataSnapshot, NormalisedField, NormalisedIndex, NormalisedObject } from '../normalised-types.ts';
import { foreignKeyName, indexName, sequenceName } from '../normalise/storage-name.ts';
import { checkStorageNames } from './check-storage-names.ts';
import { compareField, type Phase } from './compare-field.ts';
import { storesColumn } from '../evolution/type-conversions.ts';
import { columnActions, foreignKeyActions } from './field-actions.ts';
import { isDeepStrictEqual } from './is-deep-equal.ts';
import { ruleStorageActions } from './rule-storage-actions.ts';
import { junctionActions } from '../junction/junction-actions.ts';

// duplicateRules also change stored keys: ruleStorageActions plans those.
const OBJECT_METADATA = [
  'labels',
  'pluralLabels',
  'description',
  'nameField',
  'recordTypes',
  'layouts',
  'pipelines',
  'approvalFlows',
  'validationRules',
  'duplicateRules',
  'timeline',
  'timelineAt',
] as const;
const PHASES = [
  'dropIndexes',
  'renames',
  'dropConstraints',
  'tables',
  'columns',
  'conversions',
  'uniques',
  'indexes',
  'foreignKeys',
  'dropColumns',
  'dropTables',
  'ruleStorage',
  'metadata',
] as const;
type Phases = Record<(typeof PHASES)[number], MigrationAction[]>;

/**
 * @param objectPaths JSON pointer of each incoming object in the source document, for error
 *   paths (see documentObjectPaths); defaults to bundle paths `/objects/<i>`.
 * @param intent renames, backfills and removals the document asks for (see collectIntent).
 */
export function diffSnapshots(
  live: MetadataSnapshot,
  incoming: readonly NormalisedObject[],
  objectPaths: readonly string[] = incoming.map((_, index) => `/objects/${index}`),
  intent: EvolutionIntent = NO_INTENT,
): Result<MigrationPlan> {
  const liveByName = new Map(live.objects.map((object) => [object.apiName, object]));
  const phases = Object.fromEntries(PHASES.map((phase) => [phase, []])) as unknown as Phases;
  const refusals: ProblemDetail[] = [];
  const incomingNames = new Set(incoming.map((object) => object.apiName));
  incoming.forEach((object, index) => {
    const path = objectPaths[index] ?? `/objects/${index}`;
    const before = liveByName.get(object.apiName);
    if (before) refusals.push(...diffObject(before, object, path, phases, intent));
    else {
      if (intent.fieldRenames.has(object.apiName)) {
        refusals.push(problem(`${path}/apiName`, 'TSR221', `${object.apiName} is a new object, so none of its fields can be renamed from an existing one`));
      }
      addObject(object, phases);
    }
  });

  // Removing an object that is not live is a no-op, so the same document applies twice.
  const removed = new Set(intent.remove.filter((name) => liveByName.has(name)));
  intent.remove.forEach((name, position) => {
    if (incomingNames.has(name)) {
      refusals.push(problem(`/remove/${position}`, 'TSR202', `object '${name}' is both defined in objects and listed in remove`));
      removed.delete(name);
    }
  });
  const nextByName = new Map(liveByName);
  for (const name of removed) nextByName.delete(name);
  for (const object of incoming) nextByName.set(object.apiName, object);
  const next: MetadataSnapshot = {
    objects: [...nextByName.values()].sort((a, b) => (a.apiName < b.apiName ? -1 : a.apiName > b.apiName ? 1 : 0)),
  };
  for (const name of removed) {
    phases.dropTables.push({ kind: 'drop_table', object: name, definition: liveByName.get(name) as NormalisedObject });
    refusals.push(...stillReferenced(name, next, incoming, objectPaths, intent.remove.indexOf(name)));
  }
  const remaining: MetadataSnapshot = { objects: live.objects.filter((object) => !removed.has(object.apiName)) };
  refusals.push(...checkStorageNames(remaining, incoming, objectPaths));
  const incomingAt = new Map(incoming.map((object, index) => [object.apiName, objectPaths[index] ?? `/objects/${index}`]));
  const junctions = junctionActions(
    live,
    next,
    (name) => incomingAt.get(name),
    (name) => (removed.has(name) ? `/remove/${intent.remove.indexOf(name)}` : undefined),
  );
  refusals.push(...junctions.refusals);
  if (refusals.length > 0) return fail(refusals);
  phases.dropIndexes.push(...junctions.drops);
  phases.indexes.push(...junctions.creates);
  phases.dropColumns.push(...junctions.moves);
  phases.ruleStorage.push(...ruleStorageActions(live, next));
  return ok({ actions: PHASES.flatMap((phase) => phases[phase]), next });
}

function addObject(object: NormalisedObject, phases: Phases): void {
  phases.tables.push({ kind: 'create_table', object: object.apiName, definition: object });
  for (const field of object.fields) {
    phases.columns.push(...columnActions(object.apiName, field));
    phases.foreignKeys.push(...foreignKeyActions(object.apiName, field));
  }
  for (const index of object.indexes) phases.indexes.push({ kind: 'create_index', object: object.apiName, index });
}

function diffObject(live: NormalisedObject, next: NormalisedObject, path: string, phases: Phases, intent: EvolutionIntent): ProblemDetail[] {
  const refusals: ProblemDetail[] = [];
  const object = next.apiName;
  const objectChanges: string[] = OBJECT_METADATA.filter((key) => !isDeepStrictEqual(live[key], next[key]));

  const liveFields = new Map(live.fields.map((field) => [field.apiName, field]));
  const nextFields = new Map(next.fields.map((field) => [field.apiName, field]));
  const renames = resolveRenames(live, next, path, intent, refusals);
  const renamedFrom = new Set(renames.values());

  for (const field of live.fields) {
    if (nextFields.has(field.apiName) || renamedFrom.has(field.apiName)) continue;
    // A formula has no column to drop: its removal is a metadata change.
    if (storesColumn(field)) phases.dropColumns.push({ kind: 'drop_column', object, field });
    // A junction object's records stay: they are that object's data (junction-actions.ts drops the pair index).
    else if (field.type === 'manytomany' && field.junction === undefined)
      phases.dropColumns.push({ kind: 'drop_link_table', object, field: field.apiName, table: field.junctionTable });
    else phases.metadata.push({ kind: 'update_metadata', object, field: field.apiName, changes: ['removed'] });
  }
  next.fields.forEach((field, index) => {
    const from = renames.get(field.apiName);
    const before = liveFields.get(from ?? field.apiName);
    if (!before) {
      // A new formula has no column: record it as a metadata change, or the apply would see nothing to do.
      if (!storesColumn(field) && field.type !== 'manytomany')
        phases.metadata.push({ kind: 'update_metadata', object, field: field.apiName, changes: ['added'] });
      phases.columns.push(...columnActions(object, field));
      phases.foreignKeys.push(...foreignKeyActions(object, field));
      return;
    }
    if (from && storesColumn(before)) phases.renames.push({ kind: 'rename_column', object, from, to: field.apiName, previous: before });
    else if (from) phases.metadata.push({ kind: 'update_metadata', object, field: field.apiName, changes: [`renamedFrom/${from}`] });
    const key = `${object}.${field.apiName}`;
    const backfill = intent.backfills.get(key);
    const comparison = compareField(object, from ? renamed(object, before, field.apiName) : before, field, `${path}/fields/${index}`, {
      ...(backfill === undefined ? {} : { backfill }),
      ...(intent.valueRenames.has(key) ? { valueRenames: intent.valueRenames.get(key) } : {}),
    });
    refusals.push(...comparison.refusals);
    for (const { phase, action } of comparison.actions) phases[phase satisfies Phase].push(action);
    if (comparison.changes.length > 0) phases.metadata.push({ kind: 'update_metadata', object, field: field.apiName, changes: comparison.changes });
  });

  // Field order is metadata (the API renders fields in definition order).
  const newNameOf = new Map([...renames].map(([to, from]) => [from, to]));
  const liveOrder = live.fields.map((field) => newNameOf.get(field.apiName) ?? field.apiName).filter((name) => nextFields.has(name));
  const nextOrder = next.fields.map((field) => field.apiName).filter((name) => liveFields.has(renames.get(name) ?? name));
  if (!isDeepStrictEqual(liveOrder, nextOrder)) objectChanges.push('fieldOrder');
  if (objectChanges.length > 0) phases.metadata.unshift({ kind: 'update_metadata', object, changes: objectChanges });

  diffIndexes(object, live.indexes, next.indexes, newNameOf, phases);
  return refusals;
}

/** New field name → live field name, for every valid `renamedFrom`; refusals for the others. */
function resolveRenames(live: NormalisedObject, next: NormalisedObject, path: string, intent: EvolutionIntent, refusals: ProblemDetail[]): Map<string, string> {
  const liveNames = new Set(live.fields.map((field) => field.apiName));
  const nextNames = new Set(next.fields.map((field) => field.apiName));
  const renames = new Map<string, string>();
  const claimed = new Set<string>();
  next.fields.forEach((field, index) => {
    const from = intent.fieldRenames.get(next.apiName)?.get(field.apiName);
    if (from === undefined) return;
    // Only the new name is live: an earlier apply of this document did the rename already.
    if (liveNames.has(field.apiName) && !liveNames.has(from)) return;
    const at = `${path}/fields/${index}/renamedFrom`;
    const name = `${next.apiName}.${field.apiName}`;
    if (!liveNames.has(from)) refusals.push(problem(at, 'TSR221', `${name} is renamed from '${from}', but ${next.apiName} has no field '${from}'`));
    else if (liveNames.has(field.apiName)) refusals.push(problem(at, 'TSR221', `${name} is renamed from '${from}', but ${name} already exists`));
    else if (live.fields.find((candidate) => candidate.apiName === from)?.type === 'manytomany')
      // Its junction table is named after the field; remove the field and add a new one instead.
      refusals.push(problem(at, 'TSR221', `${name} is renamed from '${from}', but many-to-many fields cannot be renamed`));
    else if (nextNames.has(from)) refusals.push(problem(at, 'TSR221', `${name} is renamed from '${from}', but '${from}' is still defined in the document`));
    else if (claimed.has(from)) refusals.push(problem(at, 'TSR221', `'${next.apiName}.${from}' is renamed to more than one field`));
    else {
      renames.set(field.apiName, from);
      claimed.add(from);
    }
  });
  return renames;
}

/** The live field as it is right after the column rename: new api name and derived storage names. */
function renamed(object: string, field: NormalisedField, to: string): NormalisedField {
  if (field.type === 'lookup' || field.type === 'user') return { ...field, apiName: to, constraintName: foreignKeyName(object, to) };
  if (field.type === 'autonumber') return { ...field, apiName: to, sequenceName: sequenceName(object, to) };
  return { ...field, apiName: to };
}

/** Live indexes follow renamed fields (rename_index); others are dropped, re-created or created. */
function diffIndexes(
  object: string,
  live: readonly NormalisedIndex[],
  next: readonly NormalisedIndex[],
  newNameOf: ReadonlyMap<string, string>,
  phases: Phases,
): void {
  const nextByName = new Map(next.map((index) => [index.name, index]));
  const kept = new Set<string>();
  for (const index of live) {
    const columns = index.columns.map((column) => ({ ...column, field: newNameOf.get(column.field) ?? column.field }));
    const name = indexName(
      object,
      columns.map((column) => column.field),
      index.unique,
    );
    const match = nextByName.get(name);
    if (match && isDeepStrictEqual(match.columns, columns) && match.unique === index.unique) {
      kept.add(name);
      if (name !== index.name) phases.renames.push({ kind: 'rename_index', object, from: index.name, to: name });
    } else phases.dropIndexes.push({ kind: 'drop_index', object, index });
  }
  for (const index of next) if (!kept.has(index.name)) phases.indexes.push({ kind: 'create_index', object, index });
}

/** TSR222: lookups that would still point at a removed object. */
function stillReferenced(
  name: string,
  next: MetadataSnapshot,
  incoming: readonly NormalisedObject[],
  objectPaths: readonly string[],
  position: number,
): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  for (const object of next.objects) {
    const incomingIndex = incoming.indexOf(object);
    object.fields.forEach((field, index) => {
      // A polylookup listing the object keeps values pointing at it, so it blocks the removal too.
      const pointsAtIt =
        field.type === 'lookup' || field.type === 'manytomany' ? field.target === name : field.type === 'polylookup' && field.targets.includes(name);
      if (!pointsAtIt) return;
      const pointer = field.type === 'polylookup' ? 'targets' : 'target';
      const path = incomingIndex >= 0 ? `${objectPaths[incomingIndex] ?? ''}/fields/${index}/${pointer}` : `/remove/${position}`;
      problems.push(
        problem(
          path,
          'TSR222',
          `cannot remove ${name}: the ${field.type} ${object.apiName}.${field.apiName} points at it; remove or re-target that field in the same document`,
        ),
      );
    });
  }
  return problems;
}
