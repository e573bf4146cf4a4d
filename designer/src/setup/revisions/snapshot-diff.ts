// What changed between two revisions' models, as a reviewer reads it: objects added, removed or
// changed, and inside a changed object its fields, indexes, rules, record types, layouts,
// pipelines and approval flows — each added, removed, or changed with the properties that differ.
// Computed here from the two snapshots (the server's own differ plans migrations, which refuses
// some jumps a diff must still show, e.g. a required field added to a table with rows).
import type { MetadataSnapshot, NormalisedObject } from '@tessera/metadata';

export type DiffChange = 'added' | 'removed' | 'changed';

/** Object properties compared as a whole, and the keyed lists inside an object. */
const OBJECT_PROPERTIES = ['labels', 'pluralLabels', 'description', 'nameField'] as const;
export const OBJECT_PARTS = ['fields', 'indexes', 'validationRules', 'duplicateRules', 'recordTypes', 'layouts', 'pipelines', 'approvalFlows'] as const;
export type ObjectPart = (typeof OBJECT_PARTS)[number];

export interface DiffEntry {
  change: DiffChange;
  object: string;
  /** Absent: the object itself. */
  part?: ObjectPart;
  name?: string;
  /** For a change: the top-level properties that differ (`labels`, `required`, `values`…). */
  properties?: string[];
}

type Keyed = Record<string, unknown>;

const keyOf = (item: Keyed, index: number): string =>
  typeof item.apiName === 'string' ? item.apiName : typeof item.name === 'string' ? item.name : String(index);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function differingProperties(before: Keyed, after: Keyed, only?: readonly string[]): string[] {
  const keys = only ?? [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((key) => !same(before[key], after[key])).sort();
}

function diffList(object: string, part: ObjectPart, before: readonly Keyed[], after: readonly Keyed[]): DiffEntry[] {
  const old = new Map(before.map((item, index) => [keyOf(item, index), item]));
  const now = new Map(after.map((item, index) => [keyOf(item, index), item]));
  const entries: DiffEntry[] = [];
  for (const [name, item] of now) {
    const previous = old.get(name);
    if (!previous) entries.push({ change: 'added', object, part, name });
    else if (!same(previous, item)) entries.push({ change: 'changed', object, part, name, properties: differingProperties(previous, item) });
  }
  for (const name of old.keys()) if (!now.has(name)) entries.push({ change: 'removed', object, part, name });
  return entries;
}

function diffObject(before: NormalisedObject, after: NormalisedObject): DiffEntry[] {
  const entries: DiffEntry[] = [];
  const properties = differingProperties(before as unknown as Keyed, after as unknown as Keyed, OBJECT_PROPERTIES);
  if (properties.length > 0) entries.push({ change: 'changed', object: after.apiName, properties });
  for (const part of OBJECT_PARTS) {
    entries.push(...diffList(after.apiName, part, (before[part] ?? []) as unknown as Keyed[], (after[part] ?? []) as unknown as Keyed[]));
  }
  return entries;
}

/** Everything that differs from `from` to `to`, objects in the order `to` lists them, then removals. */
export function diffModels(from: MetadataSnapshot, to: MetadataSnapshot): DiffEntry[] {
  const old = new Map(from.objects.map((object) => [object.apiName, object]));
  const now = new Set(to.objects.map((object) => object.apiName));
  const entries: DiffEntry[] = [];
  for (const object of to.objects) {
    const previous = old.get(object.apiName);
    if (!previous) entries.push({ change: 'added', object: object.apiName });
    else entries.push(...diffObject(previous, object));
  }
  for (const object of from.objects) if (!now.has(object.apiName)) entries.push({ change: 'removed', object: object.apiName });
  return entries;
}
