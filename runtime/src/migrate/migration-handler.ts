// The shape of one migration action's handler, shared by the runner and the handler tables it
// dispatches to (kept apart so those tables do not import the runner).
import type { MetadataSnapshot, MigrationAction, MigrationActionKind } from '@tessera/metadata';
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
export type Trx = Kysely<any>;

/** What a handler knows beyond its action: the revision being written and the model it results in. */
export interface RunContext {
  revision: number;
  /** The snapshot after this change: rule-storage handlers generate triggers and keys from it. */
  next: MetadataSnapshot;
}

export type Handler<K extends MigrationActionKind> = (
  trx: Trx,
  schema: string,
  action: Extract<MigrationAction, { kind: K }>,
  context: RunContext,
) => Promise<void>;
