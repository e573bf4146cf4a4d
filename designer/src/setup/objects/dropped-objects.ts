// Soft-dropped objects that can come back: found in the revision history (a drop_table action
// carries the object's definition), newest drop first, minus objects live again. Restoring is
// applying that definition: the planner turns it into restore_table, records included.
import type { ObjectDef } from '@tessera/metadata';
import { toApplicableDef } from '@tessera/metadata/packages';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/index.ts';

export interface DroppedObject {
  apiName: string;
  labels: ObjectDef['labels'];
  revision: number;
  definition: ObjectDef;
}

/** How far back the history is searched: drops older than this many revisions are not offered. */
const HISTORY = 100;

export async function findDroppedObjects(client: ApiClient, live: ReadonlySet<string>): Promise<DroppedObject[]> {
  const { data } = await client.listRevisions(HISTORY);
  const withDrops = data.filter((revision) => (revision.changes.drop_table ?? 0) > 0);
  const details = await Promise.all(withDrops.map((revision) => client.getRevision(revision.revision)));
  const found = new Map<string, DroppedObject>();
  for (const detail of details.sort((a, b) => b.revision - a.revision)) {
    for (const action of detail.actions) {
      if (action.kind !== 'drop_table' || live.has(action.object) || found.has(action.object)) continue;
      found.set(action.object, {
        apiName: action.object,
        labels: action.definition.labels,
        revision: detail.revision,
        definition: toApplicableDef(action.definition),
      });
    }
  }
  return [...found.values()];
}

/** Re-read whenever the live revision changes (a drop or a restore was applied). */
export function useDroppedObjects(client: ApiClient, liveNames: readonly string[], revision: number | undefined): DroppedObject[] {
  const [dropped, setDropped] = useState<DroppedObject[]>([]);
  const key = liveNames.join(',');
  // `revision` is the reload trigger; `key` stands for liveNames (a new array every render).
  useEffect(() => {
    if (revision === undefined) return;
    let current = true;
    findDroppedObjects(client, new Set(key.split(','))).then(
      (found) => current && setDropped(found),
      // The list is an offer, not the page: without it Setup still works.
      () => current && setDropped([]),
    );
    return () => {
      current = false;
    };
  }, [client, key, revision]);
  return dropped;
}
