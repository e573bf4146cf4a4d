// File fields written by id (`"<uuid>"` or `{"id": "<uuid>"}`) → the reference records hold,
// `{id, name, size, contentType}`, read from `_files` before the write is planned (one query per
// request, bulk included). A file must have been uploaded for this object and field; one not yet
// attached must be the writer's own upload (administrators and integration tokens may attach any).
// Whether an attached file belongs to *this* record is settled after the write (attach-files.ts),
// where the record's id is known. Anything else is TSR176 at the value's path, nothing written.
import type { FileRef, ProblemDetail } from '@tessera/metadata';
import { sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { isRecordId } from '../records/record-id.ts';
import type { ObjectDb } from '../records/write/write-context.ts';

interface Wanted {
  record: number;
  field: string;
  /** Position in a multiple field's array; undefined for a single file field. */
  position: number | undefined;
  id: string;
}

const isFileField = (object: CompiledObject, name: string): boolean => {
  const type = object.columns.get(name)?.field?.type;
  return type === 'file' || type === 'image';
};

/** The id an item names, or undefined when it is no id (the schema check then reports it). */
function idOf(item: unknown): string | undefined {
  const id = typeof item === 'string' ? item : typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as { id?: unknown }).id : undefined;
  return typeof id === 'string' && isRecordId(id) ? id.toLowerCase() : undefined;
}

export async function resolveFileRefs(
  db: ObjectDb,
  object: CompiledObject,
  records: unknown[],
  prefix: (index: number) => string,
  fail: (index: number, problem: ProblemDetail) => void,
): Promise<void> {
  const wanted: Wanted[] = [];
  records.forEach((record, index) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return;
    for (const [field, value] of Object.entries(record)) {
      if (!isFileField(object, field) || value === null) continue;
      const items = Array.isArray(value) ? value.map((item, position) => [item, position] as const) : [[value, undefined] as const];
      for (const [item, position] of items) {
        const id = idOf(item);
        if (id) wanted.push({ record: index, field, position, id });
      }
    }
  });
  if (wanted.length === 0) return;
  const ids = [...new Set(wanted.map((item) => item.id))];
  const { rows } = await sql<{
    id: string;
    field: string;
    record_id: string | null;
    created_by: string | null;
    name: string;
    size: number;
    content_type: string;
  }>`
    select id::text as id, field, record_id::text as record_id, created_by::text as created_by, name, size, content_type
    from ${sql.id(object.schema, '_files')} where id = any(${ids}::uuid[]) and object = ${object.apiName}`.execute(db);
  const found = new Map(rows.map((row) => [row.id, row]));
  const userId = object.rowAccess?.userId;
  const refs = records.map((record) =>
    typeof record === 'object' && record !== null && !Array.isArray(record) ? { ...(record as Record<string, unknown>) } : record,
  );
  for (const item of wanted) {
    const row = found.get(item.id);
    const path = `${prefix(item.record)}/${item.field}${item.position === undefined ? '' : `/${item.position}`}`;
    const usable = row && row.field === item.field && (row.record_id !== null || userId === undefined || row.created_by === userId);
    if (!usable) {
      fail(item.record, { path, code: 'TSR176', message: `no file ${item.id} uploaded for ${object.apiName}.${item.field} that you may attach` });
      continue;
    }
    const ref: FileRef = { id: row.id, name: row.name, size: row.size, contentType: row.content_type };
    const record = refs[item.record] as Record<string, unknown>;
    if (item.position === undefined) record[item.field] = ref;
    else record[item.field] = (record[item.field] as unknown[]).map((value, position) => (position === item.position ? ref : value));
  }
  refs.forEach((record, index) => {
    records[index] = record;
  });
}
