// Uploaded files of `file` and `image` fields (issue #21; files/file-tables.ts creates it in the
// tenant migrations): one row per upload, attached to a record once a write names it, with its
// bytes here (`storage = 'database'`) or under TESSERA_FILES_DIR (`'directory'`, content null).
import type { CreatedAt, GeneratedId } from './column-types.ts';

export interface FilesTable {
  id: GeneratedId;
  object: string;
  field: string;
  /** Null until a write attaches the upload to a record. */
  record_id: string | null;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  /** database | directory */
  storage: string;
  content: Uint8Array | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface FileTables {
  _files: FilesTable;
}
