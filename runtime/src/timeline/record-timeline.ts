// A record's timeline: every source read from the same keyset position with `limit + 1`, merged
// newest first (at, then id, both descending), cut at `limit`; the cursor is the last entry's
// (at, id), so a page never repeats or skips an entry, whichever sources it came from.
import type { Kysely } from 'kysely';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { activityEntries, approvalEntries, fieldEntries, stageEntries, type TimelineEntry, type TimelinePosition } from './timeline-sources.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

export interface TimelinePage {
  data: TimelineEntry[];
  /** The (at, id) after which the next page starts; absent on the last page. */
  next?: { at: string; id: string };
}

const newestFirst = (a: TimelineEntry, b: TimelineEntry): number => (a.at === b.at ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.at < b.at ? 1 : -1);

export async function recordTimeline(db: Db, catalog: Catalog, object: CompiledObject, id: string, position: TimelinePosition): Promise<TimelinePage> {
  const probe = { ...position, limit: position.limit + 1 };
  const sources = await Promise.all([
    activityEntries(db, catalog, object, id, probe),
    fieldEntries(db, object, id, probe),
    stageEntries(db, catalog, object, id, probe),
    approvalEntries(db, object, id, probe),
  ]);
  const merged = sources.flat().sort(newestFirst);
  const data = merged.slice(0, position.limit);
  const last = data[data.length - 1];
  return merged.length > position.limit && last ? { data, next: { at: last.at, id: last.id } } : { data };
}
