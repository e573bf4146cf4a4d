// Where a package comes from → its files as path → text: a folder on disk, or the bytes of an
// `npm pack` tarball. Tarballs are read in memory with `tar` (node-tar, the library npm writes
// them with), never extracted to disk, and refused past a size and file-count bound.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { ReadEntry } from 'tar';
import { ApiError } from '../core/api-error.ts';

export type PackageFiles = Map<string, string>;

const MAX_FILES = 2000;
const MAX_BYTES = 32 * 1024 * 1024;

/** Only JSON files matter; node_modules and dot folders are skipped. */
export async function readFolderFiles(folder: string): Promise<PackageFiles> {
  const files: PackageFiles = new Map();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && entry.name.endsWith('.json')) {
        if (files.size >= MAX_FILES) throw sourceError(`the folder has more than ${MAX_FILES} JSON files`);
        files.set(relative(folder, path).split(sep).join('/'), await readFile(path, 'utf8'));
      }
    }
  };
  try {
    await walk(folder);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw sourceError(`cannot read the folder ${folder}: ${(error as Error).message}`);
  }
  return files;
}

/** An `npm pack` .tgz: files under `package/`, paths returned without that prefix. */
export async function readTarballFiles(bytes: Uint8Array): Promise<PackageFiles> {
  const files: PackageFiles = new Map();
  let total = 0;
  const pending: Promise<void>[] = [];
  // tar is loaded by the first package install from a tarball, not at start.
  const { Parser } = await import('tar');
  await new Promise<void>((resolve, reject) => {
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        const path = entry.path.replace(/^package\//, '');
        if (entry.type !== 'File' || !path.endsWith('.json') || path.split('/').includes('..')) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        pending.push(
          new Promise<void>((done) => {
            entry.on('data', (chunk: Buffer) => {
              total += chunk.length;
              chunks.push(chunk);
            });
            entry.on('end', () => {
              files.set(path, Buffer.concat(chunks).toString('utf8'));
              done();
            });
          }),
        );
        if (files.size + pending.length > MAX_FILES || total > MAX_BYTES) reject(sourceError('the tarball is too large'));
      },
    });
    parser.on('error', (error: Error) => reject(sourceError(`not a readable npm pack tarball (${error.message})`)));
    parser.on('warn', (_code: string, message: string) => reject(sourceError(`not a readable npm pack tarball (${message})`)));
    parser.on('end', () => resolve());
    parser.end(Buffer.from(bytes));
  });
  await Promise.all(pending);
  if (files.size === 0) throw sourceError('the tarball holds no JSON files');
  return files;
}

export function sourceError(message: string, path = '/source'): ApiError {
  return new ApiError('TSR614', `The package source cannot be read: ${message}.`, [{ path, code: 'TSR614', message }]);
}
