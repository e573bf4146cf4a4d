// Live snapshot + next snapshot → the migration actions and refusals of many-to-many fields with a
// junction object: each such field's junction must resolve in the next snapshot (resolve-junction.ts),
// serve no other field, and keep the lookups it had; a new field gets the unique index on its pair
// among live junction records, a removed field loses it. Run by diffSnapshots after every object
// is diffed, because a junction's validity depends on two objects at once.
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { MigrationAction } from '../migration-actions.ts';
import type { MetadataSnapshot, NormalisedManyToManyField, NormalisedObject } from '../normalised-types.ts';
import { type JunctionEnds, junctionIndexName, resolveJunction } from './resolve-junction.ts';

export interface JunctionDiff {
  refusals: ProblemDetail[];
  /** Unique pair indexes to create (the `indexes` phase: after every table and column exists). */
  creates: MigrationAction[];
  /** Unique pair indexes to drop (the `dropIndexes` phase). */
  drops: MigrationAction[];
  /** Managed links copied into a junction object (after its table, columns and foreign keys exist). */
  moves: MigrationAction[];
}

interface JunctionField {
  owner: NormalisedObject;
  field: NormalisedManyToManyField;
  index: number;
}

const junctionFields = (snapshot: MetadataSnapshot): JunctionField[] =>
  snapshot.objects.flatMap((owner) =>
    owner.fields.flatMap((field, index): JunctionField[] => (field.type === 'manytomany' && field.junction !== undefined ? [{ owner, field, index }] : [])),
  );

const key = (owner: string, field: string): string => `${owner}.${field}`;

/**
 * @param pathOf the document path of an object (undefined when the document does not define it)
 * @param removedAt the document path of an object the document removes (`/remove/<n>`)
 */
export function junctionActions(
  live: MetadataSnapshot,
  next: MetadataSnapshot,
  pathOf: (object: string) => string | undefined,
  removedAt: (object: string) => string | undefined,
): JunctionDiff {
  const result: JunctionDiff = { refusals: [], creates: [], drops: [], moves: [] };
  const liveNamed = new Map(live.objects.map((object) => [object.apiName, object]));
  const nextNamed = new Map(next.objects.map((object) => [object.apiName, object]));
  const liveEnds = new Map<string, JunctionEnds>();
  for (const { owner, field } of junctionFields(live)) {
    const ends = resolveJunction(owner.apiName, field, (name) => liveNamed.get(name), '');
    if (ends.ok) liveEnds.set(key(owner.apiName, field.apiName), ends.value);
  }
  const users = new Map<string, string>();
  const nextKeys = new Set<string>();
  for (const { owner, field, index } of junctionFields(next)) {
    const name = key(owner.apiName, field.apiName);
    const junction = field.junction as string;
    nextKeys.add(name);
    const ownerPath = pathOf(owner.apiName);
    // A field the document does not touch breaks because of another object of the document: blame that one.
    const blame = removedAt(junction) ?? pathOf(junction) ?? `${ownerPath ?? ''}/fields/${index}`;
    const fieldPath = ownerPath === undefined ? undefined : `${ownerPath}/fields/${index}`;
    if (removedAt(junction) !== undefined) {
      result.refusals.push(
        problem(blame, 'TSR254', `cannot remove ${junction}: it is the junction object of the many-to-many ${name}; remove that field first`),
      );
      continue;
    }
    const other = users.get(junction);
    if (other !== undefined) {
      result.refusals.push(
        problem(`${fieldPath ?? blame}/junction`, 'TSR253', `${junction} is already the junction object of ${other}; each junction serves one field`),
      );
      continue;
    }
    users.set(junction, name);
    const ends = resolveJunction(owner.apiName, field, (candidate) => nextNamed.get(candidate), fieldPath ?? blame);
    if (!ends.ok) {
      // Valid before, broken by this document's change to the junction object: refuse the change there.
      const before = liveEnds.get(name);
      if (before && fieldPath === undefined) {
        result.refusals.push(
          problem(blame, 'TSR254', `${junction} must keep its lookups ${before.source} and ${before.target}: it is the junction object of ${name}`),
        );
      } else result.refusals.push(...ends.errors);
      continue;
    }
    const before = liveEnds.get(name);
    if (before && (before.source !== ends.value.source || before.target !== ends.value.target)) {
      result.refusals.push(
        problem(blame, 'TSR254', `${junction} must keep its lookups ${before.source} and ${before.target}: it is the junction object of ${name}`),
      );
      continue;
    }
    if (!before) result.creates.push(pairIndex('create_index', ends.value, owner.apiName, field.apiName));
    const managed = liveNamed.get(owner.apiName)?.fields.find((candidate) => candidate.apiName === field.apiName);
    if (managed?.type === 'manytomany' && managed.junction === undefined) {
      const required = (nextNamed.get(junction)?.fields ?? [])
        .filter((candidate) => candidate.required && candidate.apiName !== ends.value.source && candidate.apiName !== ends.value.target)
        .map((candidate) => candidate.apiName);
      result.moves.push({
        kind: 'move_links_to_junction',
        object: owner.apiName,
        field: field.apiName,
        table: managed.junctionTable,
        junction: ends.value,
        required,
      });
    }
  }
  for (const [name, ends] of liveEnds) {
    if (nextKeys.has(name) || !nextNamed.has(ends.object)) continue;
    const [owner = '', field = ''] = name.split('.');
    result.drops.push(pairIndex('drop_index', ends, owner, field));
  }
  return result;
}

function pairIndex(kind: 'create_index' | 'drop_index', ends: JunctionEnds, owner: string, field: string): MigrationAction {
  const index = {
    name: junctionIndexName(owner, field),
    columns: [
      { field: ends.source, descending: false },
      { field: ends.target, descending: false },
    ],
    unique: true,
  };
  return { kind, object: ends.object, index };
}
