// Shared by the package journeys: a security-enabled server with a fixed clock (SLA and "today"
// formulas are asserted exactly), a tenant with shipped packages installed through
// POST /api/v1/packages/install, and users of the packages' roles and permission sets with
// personal tokens.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DatabaseKind } from '@tessera/runtime';
import { expect } from 'vitest';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { type PackageFolder, readPackageFolder } from './package-folder.ts';

export const PACKAGES_DIR = resolve(import.meta.dirname, '../../packages');
/** The journeys' "now": 2026-12-01 09:00 UTC. */
export const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);
export const TODAY = '2026-12-01';

export function startJourneyServer(kind: DatabaseKind): Promise<RunningSecurityServer> {
  return startSecurityServer(kind, { rateLimit: false, validationFailures: false }, { clock: () => new Date(NOW) });
}

export const shippedPackage = (name: string): PackageFolder => readPackageFolder(join(PACKAGES_DIR, name));

/** What an install left, found through the API: role and permission set ids, sample records by `$ref`. */
export interface InstalledPackage {
  roles: Map<string, string>;
  permissionSets: Map<string, string>;
  records: Map<string, { object: string; id: string }>;
}

export interface JourneyTenant {
  admin: TenantAdmin;
  token: string;
  /** Per package name, what its install created. */
  installed: Record<string, InstalledPackage>;
}

/** `npm pack` of a shipped package, as an ISV publishes it: the .tgz bytes. */
export function packTarball(name: string): { name: string; tarball: Buffer; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-pack-'));
  const file = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: join(PACKAGES_DIR, name), encoding: 'utf8' }).trim();
  const path = join(dir, file);
  return { name, tarball: readFileSync(path), path };
}

/** A package source for POST /api/v1/packages/install: a shipped package by name, or an `npm pack` tarball. */
export type JourneySource = string | { name: string; tarball: Buffer };

/**
 * A fresh tenant with the packages installed in order (dependencies first) through the package
 * API, each install checked: the namespace and version of the manifest, one record per sample record.
 */
export async function tenantWithPackages(server: RunningSecurityServer, slug: string, sources: JourneySource[]): Promise<JourneyTenant> {
  const token = await server.createTenant(slug);
  const admin = new TenantAdmin(server, slug, token);
  const installed: Record<string, InstalledPackage> = {};
  for (const source of sources) {
    const name = typeof source === 'string' ? source : source.name;
    const pkg = shippedPackage(name);
    const body = typeof source === 'string' ? { kind: 'available', name } : { kind: 'tarball', base64: source.tarball.toString('base64') };
    const result = await admin.call('POST', '/api/v1/packages/install', { source: body });
    const sampleCount = pkg.sampleData.reduce((sum, set) => sum + set.records.length, 0);
    expect(result).toMatchObject({ namespace: pkg.manifest.namespace, version: pkg.manifest.version, records: sampleCount });
    installed[name] = await findInstalled(admin, pkg);
  }
  return { admin, token, installed };
}

/** Roles and permission sets by name, and each named sample record by its name field's value. */
async function findInstalled(admin: TenantAdmin, pkg: PackageFolder): Promise<InstalledPackage> {
  const byName = (rows: { id: string; name: string }[]) => new Map(rows.map((row) => [row.name, row.id]));
  const roles = byName((await admin.call('GET', '/api/v1/security/roles')).data);
  const permissionSets = byName((await admin.call('GET', '/api/v1/security/permission-sets')).data);
  const model = (await admin.call('GET', '/api/v1/metadata')).objects as { apiName: string; nameField?: string }[];
  const records = new Map<string, { object: string; id: string }>();
  for (const set of pkg.sampleData) {
    const nameField = model.find((object) => object.apiName === set.object)?.nameField ?? 'name';
    for (const record of set.records.filter((entry) => typeof entry.$ref === 'string')) {
      const filter = JSON.stringify({ '==': [{ var: nameField }, record[nameField]] });
      const found = (await admin.call('GET', `/api/v1/objects/${set.object}/records?filter=${encodeURIComponent(filter)}`)).data;
      expect(found, `${set.object} ${String(record[nameField])}`).toHaveLength(1);
      records.set(String(record.$ref), { object: set.object, id: found[0].id });
    }
  }
  return { roles, permissionSets, records };
}

/** A user with a package role and permission sets (by name), and their personal API token. */
export async function packageUser(
  tenant: JourneyTenant,
  email: string,
  role: string | undefined,
  permissionSets: string[],
): Promise<{ id: string; token: string }> {
  const find = (kind: 'roles' | 'permissionSets', name: string) => {
    const id = Object.values(tenant.installed)
      .map((installed) => installed[kind].get(name))
      .find(Boolean);
    expect(id, `${kind} ${name}`).toBeDefined();
    return id as string;
  };
  const id = await tenant.admin.user(email, {
    ...(role ? { roleId: find('roles', role) } : {}),
    permissionSetIds: permissionSets.map((name) => find('permissionSets', name)),
  });
  return { id, token: await tenant.admin.userToken(email) };
}

/** `n` days after a `YYYY-MM-DD` date, as `YYYY-MM-DD` (UTC). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
