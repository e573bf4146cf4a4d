// Shared by the package journeys: a security-enabled server with a fixed clock (SLA and "today"
// formulas are asserted exactly), a tenant with shipped packages installed through the public API,
// and users of the packages' roles and permission sets with personal tokens.
import { join, resolve } from 'node:path';
import type { DatabaseKind } from '@tessera/runtime';
import { expect } from 'vitest';
import { type InstalledPackage, installPackageOverApi, type PackageFolder, readPackageFolder } from '../../runtime/src/cli/install-package-over-api.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';

export const PACKAGES_DIR = resolve(import.meta.dirname, '../../packages');
/** The journeys' "now": 2026-12-01 09:00 UTC. */
export const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);
export const TODAY = '2026-12-01';

export function startJourneyServer(kind: DatabaseKind): Promise<RunningSecurityServer> {
  return startSecurityServer(kind, { rateLimit: false, validationFailures: false }, { clock: () => new Date(NOW) });
}

export const shippedPackage = (name: string): PackageFolder => readPackageFolder(join(PACKAGES_DIR, name));

export interface JourneyTenant {
  admin: TenantAdmin;
  token: string;
  /** Per package name, what its install created (role and set ids, sample records by `$ref`). */
  installed: Record<string, InstalledPackage>;
}

/**
 * A fresh tenant with the packages installed in order (dependencies first), through
 * POST /metadata/apply, the security routes and the records API: the package engine's install
 * route (issue #19, P1) was not in the tree when these journeys were written.
 */
export async function tenantWithPackages(server: RunningSecurityServer, slug: string, packages: (string | PackageFolder)[]): Promise<JourneyTenant> {
  const token = await server.createTenant(slug);
  const call = async (method: string, path: string, body?: unknown) => {
    const result = await server.request(method, path, { token, body });
    return { status: result.status, body: result.body };
  };
  const installed: Record<string, InstalledPackage> = {};
  for (const entry of packages) {
    const pkg = typeof entry === 'string' ? shippedPackage(entry) : entry;
    installed[pkg.manifest.name] = await installPackageOverApi(call, pkg);
  }
  return { admin: new TenantAdmin(server, slug, token), token, installed };
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
