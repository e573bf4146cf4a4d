// Where a file's bytes live: in its `_files` row (bytea, the default: one backup holds
// everything, PGlite included) or, when TESSERA_FILES_DIR is set, at
// `<dir>/<tenant>/<first 2 hex of sha256>/<id>` (large volumes off the database).
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { type Selectable, sql } from 'kysely';
import type { FilesTable } from '../db/tables/file-tables.ts';
import type { ObjectDb } from '../records/write/write-context.ts';

export interface FileOptions {
  /** Bytes go here instead of the database (TESSERA_FILES_DIR). */
  dir?: string;
  /** Called before a file is stored (file-scan.ts); undefined: no scan. */
  scanner?: import('./file-scan.ts').FileScanner;
}

export interface NewFile {
  object: string;
  field: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  createdBy: string | null;
  bytes: Uint8Array;
}

/** A `_files` row as read without its bytes (db/tables/file-tables.ts declares the table). */
export type StoredFile = Omit<Selectable<FilesTable>, 'content' | 'created_at' | 'storage'> & { storage: 'database' | 'directory' };

const pathOf = (dir: string, tenant: string, file: Pick<StoredFile, 'id' | 'sha256'>) => join(dir, tenant, file.sha256.slice(0, 2), file.id);

/** Stores the bytes and the row; the row is written last, so a failed write leaves no row without bytes. */
export async function storeFile(db: ObjectDb, schema: string, options: FileOptions, file: NewFile): Promise<StoredFile> {
  const table = sql.id(schema, '_files');
  const storage = options.dir ? 'directory' : 'database';
  const { rows } = await sql<{ id: string }>`select tessera.uuid_v7()::text as id`.execute(db);
  const id = (rows[0] as { id: string }).id;
  if (options.dir) {
    const path = pathOf(options.dir, schema, { id, sha256: file.sha256 });
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, file.bytes);
  }
  const inserted = await sql<StoredFile>`
    insert into ${table} (id, object, field, name, content_type, size, sha256, storage, content, created_by)
    values (${id}, ${file.object}, ${file.field}, ${file.name}, ${file.contentType}, ${file.size}, ${file.sha256}, ${storage},
            ${storage === 'database' ? Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) : null}, ${file.createdBy})
    returning ${sql.raw(FILE_COLUMNS)}`.execute(db);
  return inserted.rows[0] as StoredFile;
}

export const FILE_COLUMNS =
  'id::text as id, object, field, record_id::text as record_id, name, content_type, size, sha256, storage, created_by::text as created_by';

export async function findFile(db: ObjectDb, schema: string, id: string): Promise<StoredFile | undefined> {
  const { rows } = await sql<StoredFile>`select ${sql.raw(FILE_COLUMNS)} from ${sql.id(schema, '_files')} where id = ${id}::uuid`.execute(db);
  return rows[0];
}

/** The bytes as a web stream: from the row, or read from disk in chunks. */
export async function fileContent(db: ObjectDb, schema: string, options: FileOptions, file: StoredFile): Promise<ReadableStream<Uint8Array>> {
  if (file.storage === 'directory') {
    if (!options.dir) throw new Error('a file stored in a directory, but TESSERA_FILES_DIR is not set');
    return Readable.toWeb(createReadStream(pathOf(options.dir, schema, file))) as ReadableStream<Uint8Array>;
  }
  const { rows } = await sql<{ content: Uint8Array }>`select content from ${sql.id(schema, '_files')} where id = ${file.id}::uuid`.execute(db);
  const content = rows[0]?.content ?? new Uint8Array();
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(content));
      controller.close();
    },
  });
}

/** Removes the directory copies whose rows are gone (detached, purged, or never committed). */
export async function removeStrayBytes(db: ObjectDb, schema: string, dir: string): Promise<number> {
  const root = join(dir, schema);
  const prefixes = await readdir(root).catch(() => [] as string[]);
  let removed = 0;
  for (const prefix of prefixes) {
    const names = await readdir(join(root, prefix)).catch(() => [] as string[]);
    if (names.length === 0) continue;
    const { rows } = await sql<{ id: string }>`
      select id::text as id from ${sql.id(schema, '_files')} where id::text = any(${names}::text[])`.execute(db);
    const live = new Set(rows.map((row) => row.id));
    for (const name of names.filter((candidate) => !live.has(candidate))) {
      await rm(join(root, prefix, name), { force: true });
      removed++;
    }
  }
  return removed;
}
