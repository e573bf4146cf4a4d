// The guard behind every plain metadata plan and apply: a change to a package-owned part (a field's
// type, a removed field or value, a removed object, …) is refused with 409 TSR606 naming each path
// and its owner; tenant-owned parts on package objects (new fields, values, rules, label overrides,
// layouts) pass. One read of `_packages`; nothing when no package is installed.
import { collectIntent, documentObjectPaths, type MetadataSnapshot, type NormalisedObject } from '@tessera/metadata';
import { ownershipProblems } from '@tessera/metadata/packages';
import type { Kysely } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import { listInstalled } from './package-store.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

export async function refuseOwnedChanges(
  db: Db,
  schema: string,
  live: MetadataSnapshot,
  incoming: readonly NormalisedObject[],
  document: unknown,
): Promise<void> {
  const installed = await listInstalled(db, schema);
  if (installed.length === 0) return;
  const paths = documentObjectPaths(document);
  const remove = collectIntent(document).remove;
  const problems = ownershipProblems(
    installed.map((row) => ({ namespace: row.namespace, objects: row.base })),
    live.objects,
    incoming.map((object, index) => ({ path: paths[index] ?? '', object })),
    remove.map((object, index) => ({ path: `/remove/${index}`, object })),
  );
  if (problems.length > 0) {
    throw new ApiError(
      'TSR606',
      `The change touches metadata owned by a package; nothing was applied. ${problems.map((found) => found.message).join('; ')}. Change it through the package's upgrade, or change only your own parts (new fields and values, labels, layouts).`,
      problems,
    );
  }
}
