// Record references (object + id) → the record's name as the reader may see it, so the inbox and
// the notifications show "华为技术有限公司", not a UUID. One GET per record, remembered per client
// (a language switch makes a new client, and names do not depend on language anyway).
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../api/index.ts';
import type { MetadataState } from '../../shell/session.tsx';

export interface RecordRef {
  object: string;
  recordId: string;
}

/** null: the reader cannot see the record (or it is gone). */
type Name = string | null;
const caches = new WeakMap<ApiClient, Map<string, Promise<Name>>>();
const keyOf = (ref: RecordRef) => `${ref.object}/${ref.recordId}`;

function nameOf(client: ApiClient, nameField: string | undefined, ref: RecordRef): Promise<Name> {
  let cache = caches.get(client);
  if (!cache) {
    cache = new Map();
    caches.set(client, cache);
  }
  const key = keyOf(ref);
  let pending = cache.get(key);
  if (!pending) {
    pending = client.getRecord(ref.object, ref.recordId).then(
      (record) => {
        const value = nameField ? record[nameField] : undefined;
        return value === null || value === undefined || value === '' ? record.id : String(value);
      },
      () => null,
    );
    cache.set(key, pending);
  }
  return pending;
}

/** Names by `object/id`; a reference still loading is absent from the map. */
export function useRecordNames(client: ApiClient, metadata: MetadataState, refs: readonly RecordRef[]): Map<string, Name> {
  const [names, setNames] = useState<Map<string, Name>>(new Map());
  const wanted = [...new Set(refs.map(keyOf))].sort().join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `wanted` stands for `refs` (a new array each render).
  useEffect(() => {
    if (metadata.status !== 'ready' || wanted === '') return;
    let current = true;
    const objects = new Map(metadata.metadata.objects.map((object) => [object.apiName, object.nameField ?? undefined]));
    Promise.all(refs.map(async (ref) => [keyOf(ref), await nameOf(client, objects.get(ref.object), ref)] as const)).then(
      (entries) => current && setNames(new Map(entries)),
    );
    return () => {
      current = false;
    };
  }, [client, metadata, wanted]);
  return names;
}

export const nameKey = keyOf;
