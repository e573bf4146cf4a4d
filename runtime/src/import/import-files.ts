// Where an upload waits for its import: a directory that outlives the process (TESSERA_IMPORT_DIR,
// default <tmpdir>/tessera-imports), one file per import named after its tenant schema and id. An
// upload is streamed here first, then renamed to its import's name once the import row exists; the
// run removes it when it finished (done, dry run, bad rows). A run stopped by something else — a
// restart, a crash, the database going away — or never started leaves it here, so "Run again" and
// the queued-imports sweep (queued-imports.ts) can run the same file without another upload.
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportFormat } from './read-rows.ts';
import type { ImportFile } from './run-import.ts';

/** Kept files of imports that never finish are removed this long after they were written. */
export const KEPT_FILE_DAYS = 7;

export function importFilesDir(): string {
  return process.env.TESSERA_IMPORT_DIR ?? join(tmpdir(), 'tessera-imports');
}

/** Makes the directory; the receiver calls it once before a part can arrive. */
export async function ensureImportDir(): Promise<void> {
  await mkdir(importFilesDir(), { recursive: true });
}

/** A fresh path for an upload in progress (same directory, so keeping it is a rename). */
export function uploadPath(format: ImportFormat): string {
  return join(importFilesDir(), `upload-${randomUUID()}.${format}`);
}

const keptPath = (schema: string, importId: string, format: ImportFormat) => join(importFilesDir(), `${schema}-${importId}.${format}`);

/** Gives the upload its import's name, so a later process finds it by the import alone. */
export async function keepFile(file: ImportFile, schema: string, importId: string): Promise<ImportFile> {
  if (!file.temporary) return file;
  const path = keptPath(schema, importId, file.format);
  await rename(file.path, path);
  return { ...file, path };
}

/** The kept file of an import, if it is still there. */
export async function keptFile(schema: string, importId: string, name: string): Promise<ImportFile | undefined> {
  for (const format of ['csv', 'xlsx'] as const) {
    const path = keptPath(schema, importId, format);
    if ((await stat(path).catch(() => undefined))?.isFile()) return { path, format, name, temporary: true };
  }
  return undefined;
}

/** Moves a kept file to another import (a re-run takes over its failed run's file). */
export async function moveKeptFile(file: ImportFile, schema: string, importId: string): Promise<ImportFile> {
  const path = keptPath(schema, importId, file.format);
  await rename(file.path, path);
  return { ...file, path };
}

/** Removes kept files and abandoned uploads older than KEPT_FILE_DAYS (the hourly files sweep). */
export async function sweepKeptFiles(now: Date): Promise<number> {
  const dir = importFilesDir();
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() && now.getTime() - info.mtimeMs > KEPT_FILE_DAYS * 86_400_000) {
      await rm(path, { force: true });
      removed += 1;
    }
  }
  return removed;
}
