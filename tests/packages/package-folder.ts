// A shipped package folder read as the tests need it: the manifest, every file the contents name
// (with its kind, so the contents test can compare them with the folder), and the parts by kind.
// The engine's own loader is runtime/src/packages/load-package-bundle.ts; this one stays small
// and independent of it, so the tests check the folder rather than the engine's reading of it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RoleSpec {
  name: string;
  label?: string;
  /** Name of the parent role (ids are the tenant's, so a package names roles). */
  parent?: string;
}

export interface PackageSecurity {
  roles: RoleSpec[];
  permissionSets: { name: string; label?: string; objects: Record<string, unknown> }[];
  objectAccess: Record<string, { defaultAccess: string; managerAccess?: string }>;
}

export interface PackageFolder {
  manifest: { namespace: string; name: string; version: string; contents: Record<string, string[]> } & Record<string, unknown>;
  /** Every file the contents name, relative to the folder, with its parsed JSON. */
  files: { path: string; kind: string; json: unknown }[];
  objects: Record<string, unknown>[];
  security: PackageSecurity;
  sampleData: { object: string; records: Record<string, unknown>[] }[];
}

/** Expands a contents pattern: a plain path or `dir/*.json` (the only glob packages use), sorted. */
function expand(folder: string, pattern: string): string[] {
  const star = pattern.lastIndexOf('/*');
  if (star < 0) return [pattern];
  const dir = pattern.slice(0, star);
  const suffix = pattern.slice(star + 2);
  return readdirSync(join(folder, dir))
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => `${dir}/${name}`);
}

export function readPackageFolder(folder: string): PackageFolder {
  const manifest = JSON.parse(readFileSync(join(folder, 'tessera.json'), 'utf8'));
  const files: PackageFolder['files'] = [];
  for (const [kind, patterns] of Object.entries(manifest.contents as Record<string, string[]>)) {
    for (const pattern of patterns) {
      for (const path of expand(folder, pattern)) files.push({ path, kind, json: JSON.parse(readFileSync(join(folder, path), 'utf8')) });
    }
  }
  // biome-ignore lint/suspicious/noExplicitAny: each kind's JSON is checked by its schema (package-contents test), not here
  const ofKind = (kind: string): any[] => files.filter((file) => file.kind === kind).map((file) => file.json);
  const security: PackageSecurity = { roles: [], permissionSets: [], objectAccess: {} };
  for (const part of ofKind('security')) {
    security.roles.push(...(part.roles ?? []));
    security.permissionSets.push(...(part.permissionSets ?? []));
    Object.assign(security.objectAccess, part.objectAccess ?? {});
  }
  return { manifest, files, objects: ofKind('objects'), security, sampleData: ofKind('sampleData') };
}
