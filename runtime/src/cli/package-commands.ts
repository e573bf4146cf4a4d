// `tessera pkg validate|pack|install|upgrade|uninstall|list`: the package engine from the command
// line, on the same services as /api/v1/packages (runtime/src/packages/). Each returns a summary
// for people and the same JSON the API answers for --json.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { normalise, type ObjectDef } from '@tessera/metadata';
import { type MergeResolution, validatePackage } from '@tessera/metadata/packages';
import type { Database } from '../db/create-database.ts';
import { ApiError } from '../core/api-error.ts';
import { applyPackage, listAvailable, listInstalled, loadPackageBundle, type PackageRequest, planPackage, sourceFromArgument } from '../packages/index.ts';
import { fileProblemPath } from '../packages/bundle-from-files.ts';
import { TenantUpgrader } from '../tenants/tenant-migrations.ts';
import { type TenantRef, TenantStore } from '../tenants/tenant-store.ts';
import { openConfiguredDatabase, readConfig, resolveFromCaller } from './runtime-config.ts';

type Result = { summary: string; data: Record<string, unknown> };

export interface PackageFlags {
  planHash?: string;
  allowDestructive?: boolean;
  sampleData?: boolean;
  purge?: boolean;
  dryRun?: boolean;
  /** `--take <conflict path>=package|tenant`, repeatable. */
  take?: string[];
}

async function withTenant(slug: string, work: (database: Database, tenant: TenantRef) => Promise<Result>): Promise<Result> {
  const database = await openConfiguredDatabase(readConfig());
  try {
    const tenant = await new TenantStore(database.system).findTenant(slug);
    if (!tenant) throw new ApiError('TSR305', `Tenant '${slug}' does not exist.`);
    // A tenant created before _packages existed gets it now, as the server would on its first request.
    await new TenantUpgrader(database.db).ensure(tenant.schema);
    return await work(database, tenant);
  } finally {
    await database.close();
  }
}

/** Validates a package folder; lookups to objects of its dependencies are checked against the available packages. */
export async function pkgValidateCommand(folder: string): Promise<Result> {
  const bundle = await loadPackageBundle({ kind: 'folder', path: resolveFromCaller(folder) });
  const dependencyObjects = [];
  for (const available of await listAvailable()) {
    if (bundle.manifest.dependencies?.[available.namespace] === undefined) continue;
    const dependency = await loadPackageBundle({ kind: 'folder', path: available.folder });
    dependencyObjects.push(...dependency.objects.map((object: ObjectDef) => normalise(object)));
  }
  const checked = validatePackage(bundle, { objects: dependencyObjects });
  if (!checked.ok) {
    const errors = checked.errors.map((found) => ({ ...found, path: fileProblemPath(bundle, found.path) }));
    throw new ApiError('TSR600', `The package is invalid: ${errors.length} problem(s).`, errors);
  }
  const { manifest } = bundle;
  const summary = `${manifest.name} ${manifest.version} (namespace ${manifest.namespace}) is valid: ${bundle.objects.length} objects, ${bundle.security.roles.length} roles, ${bundle.security.permissionSets.length} permission sets, ${bundle.sampleData.reduce((sum, set) => sum + set.records.length, 0)} sample records.`;
  return {
    summary,
    data: {
      valid: true,
      namespace: manifest.namespace,
      name: manifest.name,
      version: manifest.version,
      objects: bundle.objects.map((object) => object.apiName),
    },
  };
}

/** Validates, then `npm pack`s the folder into `to` (default: the current directory). */
export async function pkgPackCommand(folder: string, to?: string): Promise<Result> {
  const validated = await pkgValidateCommand(folder);
  const destination = to === undefined ? resolveFromCaller('.') : resolveFromCaller(to);
  const output = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], { cwd: resolveFromCaller(folder), encoding: 'utf8' });
  const tarball = resolve(destination, output.trim().split('\n').at(-1) ?? '');
  return { summary: `${validated.summary}\nPacked ${tarball}`, data: { ...validated.data, tarball } };
}

function resolutions(take: readonly string[] = []): MergeResolution[] {
  return take.map((entry) => {
    const at = entry.lastIndexOf('=');
    const side = entry.slice(at + 1);
    if (at < 1 || (side !== 'package' && side !== 'tenant')) throw new ApiError('TSR100', `--take must be <conflict path>=package|tenant, not ${entry}`);
    return { path: entry.slice(0, at), take: side };
  });
}

const stepLine = (step: { step: number; description: string; risk: string; rows: number }) =>
  `  ${String(step.step).padStart(3)}. [${step.risk.replace('_', ' ')}${step.rows > 0 ? `, ${step.rows} rows` : ''}] ${step.description}`;

async function operate(slug: string, request: PackageRequest, flags: PackageFlags): Promise<Result> {
  return withTenant(slug, async (database, tenant) => {
    if (flags.dryRun) {
      const plan = await planPackage(database.db, tenant, request, flags.sampleData === false ? { sampleData: false } : {});
      const summary = [
        `${plan.operation} ${plan.namespace} ${plan.from ?? '-'} → ${plan.to ?? '-'} (${plan.steps.length} steps, ${plan.sampleData.records} sample records):`,
        ...plan.steps.map(stepLine),
        ...plan.deprecated.map((path) => `  deprecated (kept, hidden): ${path}`),
        `Plan hash: ${plan.planHash}${plan.requiresPlanHash ? ' (apply with --plan-hash)' : ''}`,
      ].join('\n');
      return { summary, data: { tenant: slug, ...plan } };
    }
    const applied = await applyPackage(database.changes, tenant, request, {
      actor: { id: null, label: 'cli' },
      ...(flags.planHash === undefined ? {} : { planHash: flags.planHash }),
      ...(flags.allowDestructive ? { allowDestructive: true } : {}),
      ...(flags.sampleData === false ? { sampleData: false } : {}),
    });
    const data = {
      tenant: slug,
      operation: applied.operation,
      namespace: applied.namespace,
      version: applied.version,
      revision: applied.revision,
      steps: applied.steps,
      records: applied.records,
    };
    return {
      summary: `${applied.operation} ${applied.namespace}${applied.version ? ` ${applied.version}` : ''}: revision ${applied.revision}, ${applied.steps.length} steps, ${applied.records} sample records.`,
      data,
    };
  });
}

export async function pkgInstallCommand(operation: 'install' | 'upgrade', argument: string, slug: string, flags: PackageFlags): Promise<Result> {
  const source = await sourceFromArgument(resolveFromCallerIfPath(argument));
  const bundle = await loadPackageBundle(source);
  return operate(slug, { operation, bundle, resolutions: resolutions(flags.take) }, flags);
}

export function pkgUninstallCommand(namespace: string, slug: string, flags: PackageFlags): Promise<Result> {
  // Purging drops data: the plan hash of the reviewed purge plan is the confirmation.
  const confirmed = flags.purge === true && flags.planHash !== undefined;
  return operate(slug, { operation: 'uninstall', namespace, purge: flags.purge === true }, { ...flags, ...(confirmed ? { allowDestructive: true } : {}) });
}

export function pkgListCommand(slug: string): Promise<Result> {
  return withTenant(slug, async (database, tenant) => {
    const rows = await listInstalled(database.db, tenant.schema);
    const data = rows.map((row) => ({
      namespace: row.namespace,
      name: row.name,
      version: row.version,
      installedAt: row.installedAt,
      upgradedAt: row.upgradedAt,
      dependencies: row.manifest.dependencies ?? {},
      objects: row.base.map((object) => object.apiName),
    }));
    const summary =
      data.length === 0
        ? `No packages are installed in ${slug}.`
        : data.map((row) => `${row.namespace}  ${row.name} ${row.version}  (${row.objects.join(', ')})`).join('\n');
    return { summary, data: { tenant: slug, data } };
  });
}

/** A relative path is the caller's (pnpm runs the CLI from the repository root); a bare name is a package name. */
function resolveFromCallerIfPath(argument: string): string {
  return argument.includes('/') || argument.endsWith('.tgz') || argument.startsWith('.') ? resolveFromCaller(argument) : argument;
}
