// Live snapshot + incoming normalised objects → an ordered migration plan, or every refusal.
// Declarative per object: incoming objects replace their live definition, others stay.
// Order: create_table (all) → sequences, columns, unique indexes → indexes → foreign keys → metadata.
import { type ProblemDetail, type Result, fail, ok, problem } from '../error-codes.ts';
import type { MigrationAction, MigrationPlan } from '../migration-actions.ts';
import type { MetadataSnapshot, NormalisedObject } from '../normalised-types.ts';
import { checkStorageNames } from './check-storage-names.ts';
import { compareField } from './compare-field.ts';
import { columnActions, foreignKeyActions } from './field-actions.ts';
import { isDeepStrictEqual } from './is-deep-equal.ts';

const OBJECT_METADATA = ['labels', 'pluralLabels', 'description', 'nameField'] as const;

interface Phases {
  tables: MigrationAction[];
  columns: MigrationAction[];
  indexes: MigrationAction[];
  foreignKeys: MigrationAction[];
  metadata: MigrationAction[];
}

/**
 * @param objectPaths JSON pointer of each incoming object in the source document, for error
 *   paths (see documentObjectPaths); defaults to bundle paths `/objects/<i>`.
 */
export function diffSnapshots(
  live: MetadataSnapshot,
  incoming: readonly NormalisedObject[],
  objectPaths: readonly string[] = incoming.map((_, index) => `/objects/${index}`),
): Result<MigrationPlan> {
  const liveByName = new Map(live.objects.map((object) => [object.apiName, object]));
  const phases: Phases = { tables: [], columns: [], indexes: [], foreignKeys: [], metadata: [] };
  const refusals: ProblemDetail[] = [];
  incoming.forEach((object, index) => {
    const path = objectPaths[index] ?? `/objects/${index}`;
    const before = liveByName.get(object.apiName);
    if (before) refusals.push(...diffObject(before, object, path, phases));
    else addObject(object, phases);
  });
  const nextByName = new Map(liveByName);
  for (const object of incoming) nextByName.set(object.apiName, object);
  const next: MetadataSnapshot = {
    objects: [...nextByName.values()].sort((a, b) => (a.apiName < b.apiName ? -1 : a.apiName > b.apiName ? 1 : 0)),
  };
  refusals.push(...checkStorageNames(live, incoming, objectPaths));
  if (refusals.length > 0) return fail(refusals);
  const actions = [...phases.tables, ...phases.columns, ...phases.indexes, ...phases.foreignKeys, ...phases.metadata];
  return ok({ actions, next });
}

function addObject(object: NormalisedObject, phases: Phases): void {
  phases.tables.push({ kind: 'create_table', object: object.apiName, definition: object });
  for (const field of object.fields) {
    phases.columns.push(...columnActions(object.apiName, field));
    phases.foreignKeys.push(...foreignKeyActions(object.apiName, field));
  }
  for (const index of object.indexes) phases.indexes.push({ kind: 'create_index', object: object.apiName, index });
}

function diffObject(live: NormalisedObject, next: NormalisedObject, path: string, phases: Phases): ProblemDetail[] {
  const refusals: ProblemDetail[] = [];
  const object = next.apiName;
  const objectChanges = OBJECT_METADATA.filter((key) => !isDeepStrictEqual(live[key], next[key]));
  if (objectChanges.length > 0) phases.metadata.push({ kind: 'update_metadata', object, changes: [...objectChanges] });

  const liveFields = new Map(live.fields.map((field) => [field.apiName, field]));
  const nextFieldNames = new Set(next.fields.map((field) => field.apiName));
  for (const field of live.fields) {
    if (!nextFieldNames.has(field.apiName)) {
      refusals.push(problem(`${path}/fields`, 'TSR209', `removing field ${object}.${field.apiName} is not supported yet`));
    }
  }
  next.fields.forEach((field, index) => {
    const before = liveFields.get(field.apiName);
    if (!before) {
      phases.columns.push(...columnActions(object, field));
      phases.foreignKeys.push(...foreignKeyActions(object, field));
      return;
    }
    const comparison = compareField(object, before, field, `${path}/fields/${index}`);
    refusals.push(...comparison.refusals);
    if (comparison.changes.length > 0) {
      phases.metadata.push({ kind: 'update_metadata', object, field: field.apiName, changes: comparison.changes });
    }
  });

  const liveIndexes = new Map(live.indexes.map((index) => [index.name, index]));
  const nextIndexNames = new Set(next.indexes.map((index) => index.name));
  for (const index of live.indexes) {
    if (!nextIndexNames.has(index.name)) {
      const columns = index.columns.map((c) => (c.descending ? `-${c.field}` : c.field)).join(', ');
      refusals.push(problem(`${path}/indexes`, 'TSR209', `removing the index on ${object} (${columns}) is not supported yet`));
    }
  }
  next.indexes.forEach((index, position) => {
    const before = liveIndexes.get(index.name);
    if (!before) phases.indexes.push({ kind: 'create_index', object, index });
    else if (!isDeepStrictEqual(before, index)) {
      refusals.push(
        problem(`${path}/indexes/${position}`, 'TSR209', `changing the column order or direction of an index on ${object} is not supported yet`),
      );
    }
  });
  return refusals;
}
