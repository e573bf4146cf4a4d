// A package folder (tessera.json + objects, security, sample data) → installed on one tenant through
// the public API: POST /metadata/apply, the /security routes, then the records API in file order,
// with `{"$ref": "name"}` lookups resolved to the ids of records created before. A stopgap for the
// first-start demo and the journey tests until the package engine (runtime/src/packages, issue #19)
// installs in one transaction with ownership; this path records no owner and is not atomic.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One API call on behalf of the tenant's integration token (in-process `app.request` or HTTP). */
export type ApiCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: ApiBody }>;

/** The parts of API answers the installer reads (ids of created things, the revision, list data). */
export type ApiBody = { id?: string; revision?: number; data?: { id: string; name: string }[] } & Record<string, unknown>;

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

export interface InstalledPackage {
  revision: number | null;
  roles: Map<string, string>;
  permissionSets: Map<string, string>;
  /** `$ref` name → the created record. */
  records: Map<string, { object: string; id: string }>;
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

async function expect2xx(call: ApiCall, method: string, path: string, body?: unknown): Promise<ApiBody> {
  const response = await call(method, path, body);
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Replaces `{"$ref": name}` values with the id of the record created under that name. */
function resolveRefs(record: Record<string, unknown>, records: InstalledPackage['records']): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === '$ref') continue;
    const ref = value && typeof value === 'object' && !Array.isArray(value) ? (value as { $ref?: unknown }).$ref : undefined;
    if (typeof ref === 'string') {
      const target = records.get(ref);
      if (!target) throw new Error(`sample data: no record named '${ref}' was created before '${String(record.$ref ?? '?')}'`);
      body[key] = target.id;
    } else {
      body[key] = value;
    }
  }
  return body;
}

export async function installPackageOverApi(call: ApiCall, pkg: PackageFolder, options: { sampleData?: boolean } = {}): Promise<InstalledPackage> {
  const objects = pkg.objects.map(({ $schema: _schema, ...object }) => object);
  const applied = await expect2xx(call, 'POST', '/api/v1/metadata/apply', { objects });
  const installed: InstalledPackage = { revision: applied.revision ?? null, roles: new Map(), permissionSets: new Map(), records: new Map() };
  const existingRoles = (await expect2xx(call, 'GET', '/api/v1/security/roles')).data ?? [];
  for (const role of existingRoles) installed.roles.set(role.name, role.id);
  // Parents first: the security file lists roles top-down, and a parent may come from a dependency.
  for (const role of pkg.security.roles) {
    if (installed.roles.has(role.name)) continue;
    const parentId = role.parent ? installed.roles.get(role.parent) : undefined;
    if (role.parent && !parentId) throw new Error(`role ${role.name}: parent role '${role.parent}' is not defined before it`);
    const created = await expect2xx(call, 'POST', '/api/v1/security/roles', { name: role.name, label: role.label, ...(parentId ? { parentId } : {}) });
    installed.roles.set(role.name, String(created.id));
  }
  for (const set of pkg.security.permissionSets) {
    const created = await expect2xx(call, 'POST', '/api/v1/security/permission-sets', set);
    installed.permissionSets.set(set.name, String(created.id));
  }
  for (const [object, access] of Object.entries(pkg.security.objectAccess)) {
    await expect2xx(call, 'PUT', `/api/v1/security/object-access/${object}`, access);
  }
  if (options.sampleData === false) return installed;
  for (const file of pkg.sampleData) {
    for (const record of file.records) {
      const created = await expect2xx(call, 'POST', `/api/v1/objects/${file.object}/records`, resolveRefs(record, installed.records));
      if (typeof record.$ref === 'string') installed.records.set(record.$ref, { object: file.object, id: String(created.id) });
    }
  }
  return installed;
}
