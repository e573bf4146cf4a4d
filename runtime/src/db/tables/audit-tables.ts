// The tenant's audit tables (tenant-migrations.ts step 1): tracked fields, field history, audit log.
import type { CreatedAt, GeneratedId, Json, JsonWithDefault } from './column-types.ts';

export interface TrackedFieldsTable {
  object: string;
  field: string;
}

export interface FieldHistoryTable {
  id: GeneratedId;
  object: string;
  record_id: string;
  field: string;
  old_value: Json | null;
  new_value: Json | null;
  operation: string;
  actor_id: string | null;
  actor: string;
  request_id: string | null;
  at: CreatedAt;
}

export interface AuditLogTable {
  id: GeneratedId;
  at: CreatedAt;
  event: string;
  actor_id: string | null;
  actor: string;
  target: string | null;
  detail: JsonWithDefault;
  ip: string | null;
  request_id: string | null;
}

export interface AuditTables {
  _tracked_fields: TrackedFieldsTable;
  _field_history: FieldHistoryTable;
  _audit_log: AuditLogTable;
}
