// Typed migration actions: the output of diff(live, next) and the input of the runtime's DDL
// runner. Data, not code: a plan can be shown, hashed and reviewed before it runs.
import type { NormalisedField, NormalisedIndex, NormalisedObject } from './normalised-types.ts';

export type MigrationAction =
  /** New table with the standard columns only; fields arrive as add_column actions. */
  | { kind: 'create_table'; object: string; definition: NormalisedObject }
  | { kind: 'create_sequence'; object: string; field: string; sequenceName: string; startAt: number }
  | { kind: 'add_column'; object: string; field: NormalisedField }
  | { kind: 'add_unique'; object: string; field: string; indexName: string }
  | {
      kind: 'add_foreign_key';
      object: string;
      field: string;
      target: string;
      onDelete: 'restrict' | 'setNull' | 'cascade';
      constraintName: string;
    }
  | { kind: 'create_index'; object: string; index: NormalisedIndex }
  /** Labels, help text, descriptions: no DDL, only a new revision. */
  | { kind: 'update_metadata'; object: string; field?: string; changes: string[] };

export type MigrationActionKind = MigrationAction['kind'];

/** A planned change: ordered actions plus the snapshot that results. */
export interface MigrationPlan {
  actions: MigrationAction[];
  next: import('./normalised-types.ts').MetadataSnapshot;
}
