// Revision N's snapshot + the live snapshot + the renames made since N → the bundle that brings
// the live model back to N. Renamed fields and picklist values are renamed back (their data
// follows), objects created since N are removed, dropped fields and objects are re-added (the
// runtime restores their soft-dropped columns). Each object is written back whole, validation
// rules, duplicate rules and approval flows included (toApplicableDef): toObjectDef alone left
// them out, so a revert silently deleted them.
import type { MetadataSnapshot } from '../normalised-types.ts';
import { toApplicableDef } from '../packages/to-applicable-def.ts';
import type { MetadataBundle } from '../types.ts';

/** One rename made by a revision after N, in the order they ran. */
export type RenameEvent =
  | { kind: 'field'; object: string; from: string; to: string }
  | { kind: 'value'; object: string; field: string; from: string; to: string };

export function revertDocument(target: MetadataSnapshot, live: MetadataSnapshot, renamesSince: readonly RenameEvent[]): MetadataBundle {
  // current name → name at N, per object (field renames), and per object.field-at-N (value renames).
  const fieldOrigin = new Map<string, Map<string, string>>();
  const valueOrigin = new Map<string, Map<string, string>>();
  const originOf = (object: string, field: string) => fieldOrigin.get(object)?.get(field) ?? field;
  for (const event of renamesSince) {
    if (event.kind === 'field') {
      const origins = fieldOrigin.get(event.object) ?? new Map<string, string>();
      const origin = origins.get(event.from) ?? event.from;
      origins.delete(event.from);
      origins.set(event.to, origin);
      fieldOrigin.set(event.object, origins);
    } else {
      const key = `${event.object}.${originOf(event.object, event.field)}`;
      const origins = valueOrigin.get(key) ?? new Map<string, string>();
      const origin = origins.get(event.from) ?? event.from;
      origins.delete(event.from);
      origins.set(event.to, origin);
      valueOrigin.set(key, origins);
    }
  }
  const liveByName = new Map(live.objects.map((object) => [object.apiName, object]));
  const objects = target.objects.map((object) => {
    const def = toApplicableDef(object);
    const liveObject = liveByName.get(object.apiName);
    if (!liveObject) return def;
    const liveFields = new Set(liveObject.fields.map((field) => field.apiName));
    const renamedBack = new Map<string, string>();
    for (const [current, origin] of fieldOrigin.get(object.apiName) ?? []) {
      if (current !== origin && liveFields.has(current) && !liveFields.has(origin)) renamedBack.set(origin, current);
    }
    def.fields = def.fields.map((field) => {
      const current = renamedBack.get(field.apiName);
      const withRename = current ? { ...field, renamedFrom: current } : field;
      if (withRename.type !== 'picklist' && withRename.type !== 'multipicklist') return withRename;
      const origins = valueOrigin.get(`${object.apiName}.${field.apiName}`);
      if (!origins) return withRename;
      const liveField = liveObject.fields.find((candidate) => candidate.apiName === (current ?? field.apiName));
      const liveValues = new Set(liveField && 'values' in liveField ? liveField.values.map((value) => value.apiName) : []);
      const back = new Map<string, string>();
      for (const [currentValue, originValue] of origins) {
        if (currentValue !== originValue && liveValues.has(currentValue) && !liveValues.has(originValue)) back.set(originValue, currentValue);
      }
      return {
        ...withRename,
        values: withRename.values.map((value) => {
          const from = back.get(value.apiName);
          return from ? { ...value, renamedFrom: from } : value;
        }),
      };
    });
    return def;
  });
  const kept = new Set(target.objects.map((object) => object.apiName));
  const remove = live.objects.map((object) => object.apiName).filter((name) => !kept.has(name));
  // Calendars come back whole too (none at N: `[]` removes today's).
  return { objects, ...(remove.length > 0 ? { remove } : {}), calendars: target.calendars ?? [] };
}
