// The packages this installation can install by name: the repository's packages/ folder
// (bundled) and npm packages in node_modules that carry a tessera.json (`@tessera-packages/*`).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Labels } from '@tessera/metadata';
import type { PackageManifest } from '@tessera/metadata/packages';

export interface AvailablePackage {
  name: string;
  namespace: string;
  version: string;
  labels: Labels;
  description: Labels | null;
  source: 'bundled' | 'node_modules';
  folder: string;
}

export interface PackageRoots {
  bundled: string;
  nodeModules: string[];
}

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const DEFAULT_PACKAGE_ROOTS: PackageRoots = { bundled: join(REPO, 'packages'), nodeModules: [join(REPO, 'node_modules')] };

async function subfolders(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() || entry.isSymbolicLink())
      .map((entry) => join(folder, entry.name));
  } catch {
    return [];
  }
}

async function manifestOf(folder: string): Promise<PackageManifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(folder, 'tessera.json'), 'utf8')) as PackageManifest;
    return typeof manifest?.name === 'string' && typeof manifest.namespace === 'string' && typeof manifest.version === 'string' ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export async function listAvailable(roots: PackageRoots = DEFAULT_PACKAGE_ROOTS): Promise<AvailablePackage[]> {
  const candidates: { folder: string; source: AvailablePackage['source'] }[] = (await subfolders(roots.bundled)).map((folder) => ({
    folder,
    source: 'bundled',
  }));
  for (const modules of roots.nodeModules) {
    for (const folder of await subfolders(join(modules, '@tessera-packages'))) candidates.push({ folder, source: 'node_modules' });
  }
  const found: AvailablePackage[] = [];
  for (const { folder, source } of candidates) {
    const manifest = await manifestOf(folder);
    if (!manifest || found.some((other) => other.name === manifest.name)) continue;
    found.push({
      name: manifest.name,
      namespace: manifest.namespace,
      version: manifest.version,
      labels: manifest.labels,
      description: manifest.description ?? null,
      source,
      folder,
    });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** `crm-core` or `@tessera-packages/crm-core` → its folder; bundled packages win over node_modules. */
export async function findAvailable(name: string, roots: PackageRoots = DEFAULT_PACKAGE_ROOTS): Promise<AvailablePackage | undefined> {
  const short = name.replace(/^@tessera-packages\//, '');
  return (await listAvailable(roots)).find((candidate) => candidate.name === short);
}
