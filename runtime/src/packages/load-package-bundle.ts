// A package source (a folder, an `npm pack` tarball, a bundle of files sent by a browser, or the
// name of an available package) → its bundle, or every problem naming the file it is in.
import { stat, readFile } from 'node:fs/promises';
import type { PackageBundle } from '@tessera/metadata/packages';
import { ApiError } from '../core/api-error.ts';
import { type PackageRoots, DEFAULT_PACKAGE_ROOTS, findAvailable } from './available-packages.ts';
import { bundleFromFiles } from './bundle-from-files.ts';
import { type PackageFiles, readFolderFiles, readTarballFiles, sourceError } from './read-package-files.ts';

export type PackageSource =
  | { kind: 'available'; name: string }
  | { kind: 'tarball'; base64: string }
  | { kind: 'bundle'; files: Record<string, unknown> }
  | { kind: 'folder'; path: string };

export async function loadPackageBundle(source: PackageSource, roots: PackageRoots = DEFAULT_PACKAGE_ROOTS): Promise<PackageBundle> {
  const built = bundleFromFiles(await sourceFiles(source, roots));
  if (!built.ok) throw new ApiError('TSR600', 'The package is invalid; nothing was installed.', built.errors);
  return built.bundle;
}

/** CLI argument → source: an existing .tgz file, an existing folder, else a package name. */
export async function sourceFromArgument(argument: string): Promise<PackageSource> {
  const found = await stat(argument).catch(() => undefined);
  if (found?.isDirectory()) return { kind: 'folder', path: argument };
  if (found?.isFile()) return { kind: 'tarball', base64: (await readFile(argument)).toString('base64') };
  return { kind: 'available', name: argument };
}

async function sourceFiles(source: PackageSource, roots: PackageRoots): Promise<PackageFiles> {
  switch (source.kind) {
    case 'folder':
      return readFolderFiles(source.path);
    case 'available': {
      const found = await findAvailable(source.name, roots);
      if (!found)
        throw new ApiError('TSR608', `No available package is named '${source.name}'.`, [
          { path: '/source/name', code: 'TSR608', message: 'not in packages/ or node_modules' },
        ]);
      return readFolderFiles(found.folder);
    }
    case 'tarball':
      return readTarballFiles(Buffer.from(source.base64, 'base64'));
    case 'bundle': {
      const files: PackageFiles = new Map();
      for (const [path, content] of Object.entries(source.files)) files.set(path, typeof content === 'string' ? content : JSON.stringify(content));
      return files;
    }
  }
}

/** The request body's `source` → a typed source, or a 400 naming what is wrong. Folders are for the CLI only. */
export function parseSource(value: unknown): PackageSource {
  const source = (value ?? {}) as Record<string, unknown>;
  if (source.kind === 'available' && typeof source.name === 'string' && source.name !== '') return { kind: 'available', name: source.name };
  if (source.kind === 'tarball' && typeof source.base64 === 'string' && /^[A-Za-z0-9+/=\s]+$/.test(source.base64))
    return { kind: 'tarball', base64: source.base64 };
  if (source.kind === 'bundle' && source.files !== null && typeof source.files === 'object' && !Array.isArray(source.files))
    return { kind: 'bundle', files: source.files as Record<string, unknown> };
  throw sourceError('source must be {"kind": "available", "name"}, {"kind": "tarball", "base64"} or {"kind": "bundle", "files"}');
}
