// The tenant's metadata tables: revisions (with the evolution columns of step 8), soft-dropped
// fields and objects, installed packages, duplicate-rule keys and the system-table version.
import type { Generated } from 'kysely';
import type { CreatedAt, Json, JsonWithDefault, Timestamp } from './column-types.ts';

export interface SystemVersionTable {
  version: number;
}

export interface MetaRevisionTable {
  revision: number;
  created_at: CreatedAt;
  author: string;
  /** The whole normalised model after this revision (MetadataSnapshot). */
  snapshot: Json;
  /** The migration actions this revision ran. */
  actions: Json;
  /** sha256 of the canonical snapshot JSON: applying an identical model is a no-op. */
  snapshot_hash: string;
  base_revision: number | null;
  plan: Json | null;
  plan_hash: string | null;
  reverted_to: number | null;
}

export interface MetaDroppedTable {
  id: Generated<number>;
  kind: 'field' | 'object';
  object: string;
  field: string | null;
  hidden_name: string;
  table_name: string;
  extra: JsonWithDefault;
  definition: Json;
  revision: number;
  dropped_at: CreatedAt;
  restored_revision: number | null;
  purged_at: Timestamp | null;
}

export interface PackagesTable {
  namespace: string;
  name: string;
  version: string;
  manifest: Json;
  /** The installed version's normalised objects: the merge base of its next upgrade. */
  base: Json;
  deprecated: JsonWithDefault;
  security: JsonWithDefault;
  /** The installed version's calendar files (merge base of their upgrade); null for packages installed before they were kept. */
  base_calendars: Json | null;
  installed_at: CreatedAt;
  upgraded_at: Timestamp | null;
}

/** 查重 keys: one row per (object, rule, record) (rules/duplicate-keys.ts). */
export interface DuplicateKeysTable {
  object: string;
  rule: string;
  record_id: string;
  key: string;
  blocking: boolean;
  live: Generated<boolean>;
}

export interface MetadataTables {
  _system_version: SystemVersionTable;
  _meta_revision: MetaRevisionTable;
  _meta_dropped: MetaDroppedTable;
  _packages: PackagesTable;
  _dup_keys: DuplicateKeysTable;
}
