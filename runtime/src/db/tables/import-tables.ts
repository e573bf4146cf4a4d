// Imports of CSV and XLSX files (issue #20; tenant-migrations.ts, imports step): one row per import
// with its options, status, progress and report; per written record what undo needs (the version
// the import left and, for an update, the mapped fields' previous values); reusable column
// mappings per object.
import type { Generated } from 'kysely';
import type { CreatedAt, GeneratedId, Json } from './column-types.ts';

export interface ImportsTable {
  id: GeneratedId;
  object: string;
  file_name: string;
  /** queued | running | dry-run | done | failed | undone */
  status: string;
  dry_run: boolean;
  /** {mapping, mode, duplicates, matchField, dateOrder} as the request gave them. */
  options: Json;
  /** Rows read so far (progress) and the file's rows once known. */
  processed: Generated<number>;
  total: number | null;
  /** {counts: {create, update, skip, error}, errors: [{row, column, value, reason}], errorCount}. */
  report: Json | null;
  created_by: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
  undone_at: Date | null;
}

export interface ImportRowsTable {
  import_id: string;
  record_id: string;
  /** created | updated */
  action: string;
  /** The record's version when the import finished: undo refuses if it moved on. */
  version: number;
  /** For an update: the mapped fields as they were before the import. */
  previous: Json | null;
}

export interface ImportMappingsTable {
  object: string;
  name: string;
  /** {column: field | null}. */
  mapping: Json;
  updated_at: CreatedAt;
}

export interface ImportTables {
  _imports: ImportsTable;
  _import_rows: ImportRowsTable;
  _import_mappings: ImportMappingsTable;
}
