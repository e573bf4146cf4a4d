// Who may see a file: the same 404 (TSR175) for a missing file and a forbidden one, so ids cannot
// be probed. An attached file is visible when the caller can read its record (row access, not in
// the recycle bin) and its field (field-level security: the caller's catalog has the column). An
// unattached upload is visible to its uploader only (the form previews it before the save);
// administrators and integration tokens see every file of the tenant.
import { sql } from 'kysely';
import type { Catalog } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import { isRecordId } from '../records/record-id.ts';
import type { ObjectDb } from '../records/write/write-context.ts';
import { findFile, type StoredFile } from './file-storage.ts';

export const fileNotFound = (id: string) => new ApiError('TSR175', `File '${id}' does not exist.`, [{ path: '/id', code: 'TSR175', message: 'no such file' }]);

export async function visibleFile(db: ObjectDb, catalog: Catalog, caller: { id: string | null; admin: boolean }, id: string): Promise<StoredFile> {
  if (!isRecordId(id)) throw fileNotFound(id);
  const file = await findFile(db, catalog.schema, id.toLowerCase());
  if (!file) throw fileNotFound(id);
  const object = catalog.objects.get(file.object);
  if (!object?.columns.has(file.field)) throw fileNotFound(id);
  if (file.record_id === null) {
    if (caller.admin || file.created_by === caller.id) return file;
    throw fileNotFound(id);
  }
  const visible = object.rowAccess?.read('t');
  const { rows } = await sql`
    select 1 from ${sql.id(object.schema, object.table)} as t
    where t.id = ${file.record_id}::uuid and t.deleted_at is null ${visible ? sql`and ${visible}` : sql``}`.execute(db);
  if (rows.length === 0) throw fileNotFound(id);
  return file;
}
