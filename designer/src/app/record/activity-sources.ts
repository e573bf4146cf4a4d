// Which `timeline: true` objects can point at a record of `target` (a polylookup listing it among
// its targets, or a lookup to it), and the create-form URL that logs one with the reference filled
// in — the timeline tab's "Log activity" (the same `prefill`/`back` as a related list's "New").
import type { ObjectDefinition } from '../../api/index.ts';

export interface ActivitySource {
  object: ObjectDefinition;
  /** The field that points at the record (the first, when several do). */
  field: string;
  polymorphic: boolean;
}

export function activitySources(objects: readonly ObjectDefinition[], target: string): ActivitySource[] {
  const sources: ActivitySource[] = [];
  for (const object of objects) {
    if (!object.timeline) continue;
    const field = object.fields.find(
      (candidate) => (candidate.type === 'polylookup' && candidate.targets?.includes(target)) || (candidate.type === 'lookup' && candidate.target === target),
    );
    if (field) sources.push({ object, field: field.apiName, polymorphic: field.type === 'polylookup' });
  }
  return sources;
}

/** The new-activity form for `source`, pointing at `target`/`id`; saving or cancelling comes back to the timeline. */
export function logActivityPath(source: ActivitySource, target: string, id: string): string {
  const value = source.polymorphic ? { object: target, id } : id;
  const back = `/app/${encodeURIComponent(target)}/${encodeURIComponent(id)}?tab=timeline`;
  return `/app/${encodeURIComponent(source.object.apiName)}/new?${new URLSearchParams({ prefill: JSON.stringify({ [source.field]: value }), back })}`;
}
