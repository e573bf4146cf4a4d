// A package operation (install, upgrade, uninstall) + the tenant's live state, inside the planning
// transaction → the metadata document to plan and apply, or a refusal listing every reason at once
// (invalid package, dependencies, downgrade, collisions with the tenant's or another package's
// names, merge conflicts, dependants, data). The document then goes through the same planner as
// any change (migrate/plan-change.ts), so risk, row counts and the plan hash mean the same.
import { isDeepStrictEqual } from 'node:util';
import { type CalendarDef, ERROR_CODES, type MetadataBundle, type NormalisedObject, type ProblemDetail } from '@tessera/metadata';
import {
  compareVersions,
  type DependencyStatus,
  type MergeResolution,
  mergePackageUpgrade,
  type PackageBundle,
  resolveDependencies,
  toApplicableDef,
  validatePackage,
} from '@tessera/metadata/packages';
import { type Kysely, sql } from 'kysely';
import { ApiError, ApiErrorWithExtensions } from '../core/api-error.ts';
import type { LiveRevision } from '../migrate/plan-change.ts';
import { fileProblemPath } from './bundle-from-files.ts';
import { mergePackageCalendars } from './merge-package-calendars.ts';
import { listInstalled, type PackageRow } from './package-store.ts';
import { securityCollisions, securityNames } from './package-security.ts';
import { PLATFORM_VERSION } from './platform-version.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

export type PackageRequest =
  | { operation: 'install' | 'upgrade' | 'auto'; bundle: PackageBundle; resolutions?: MergeResolution[] }
  | { operation: 'uninstall'; namespace: string; purge?: boolean };

/** What the derivation found, for the plan's answer and for the work after the metadata steps. */
export interface PreparedPackageChange {
  operation: 'install' | 'upgrade' | 'uninstall';
  namespace: string;
  from: string | null;
  to: string | null;
  dependencies: DependencyStatus[];
  deprecated: string[];
  /** The new merge base (the package version's normalised objects). */
  nextBase: NormalisedObject[];
  /** The package version's calendars as shipped: the merge base of their next upgrade. */
  nextBaseCalendars: CalendarDef[];
  existing: PackageRow | undefined;
  document: MetadataBundle;
}

export function refusal(problems: ProblemDetail[], detail: string, extensions?: Record<string, unknown>): ApiError {
  const code = problems[0]?.code ?? 'TSR600';
  const all = `${detail} ${problems.map((found) => found.message).join('; ')}.`;
  // The first problem decides the status; a client reads every reason in errors[].
  return extensions ? new ApiErrorWithExtensions(code, all, problems, extensions, ERROR_CODES[code].status) : new ApiError(code, all, problems);
}

async function rowsOf(trx: Db, schema: string, object: string, field?: string): Promise<number> {
  const where = field === undefined ? sql`true` : sql`${sql.ref(field)} is not null`;
  const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(schema, object)} where ${where}`.execute(trx);
  return result.rows[0]?.n ?? 0;
}

export async function preparePackageChange(trx: Db, schema: string, live: LiveRevision, request: PackageRequest): Promise<PreparedPackageChange> {
  const installed = await listInstalled(trx, schema);
  const liveNames = new Set(live.snapshot.objects.map((object) => object.apiName));
  if (request.operation === 'uninstall') return prepareUninstall(trx, schema, installed, liveNames, request.namespace, request.purge === true);

  const { bundle } = request;
  const checked = validatePackage(bundle, live.snapshot);
  const invalid = checked.ok ? [] : checked.errors.map((found) => ({ ...found, path: fileProblemPath(bundle, found.path) }));
  // With a valid manifest, the dependencies are checked too: a lookup to an object of a missing
  // dependency is then reported after the missing dependency, its real cause.
  const objectsReadable =
    Array.isArray(bundle.objects) &&
    bundle.objects.every((object) => typeof object?.apiName === 'string') &&
    Array.isArray(bundle.security?.roles) &&
    Array.isArray(bundle.security?.permissionSets);
  if (invalid.some((found) => found.path.startsWith('/manifest')) || !objectsReadable) throw refusal(invalid, 'The package is invalid; nothing was installed.');
  const { manifest } = bundle;
  const existing = installed.find((row) => row.namespace === manifest.namespace);
  const problems: ProblemDetail[] = [];
  if (request.operation === 'install' && existing)
    problems.push({ path: '/manifest/namespace', code: 'TSR609', message: `${manifest.namespace} ${existing.version} is installed; upgrade it instead` });
  if (request.operation === 'upgrade' && !existing)
    problems.push({ path: '/manifest/namespace', code: 'TSR608', message: `${manifest.namespace} is not installed; install it first` });
  if (existing && compareVersions(manifest.version, existing.version) < 0)
    problems.push({
      path: '/manifest/version',
      code: 'TSR604',
      message: `${manifest.version} is older than the installed ${existing.version}; downgrades are refused`,
    });
  if (existing && compareVersions(manifest.version, existing.version) === 0)
    problems.push({ path: '/manifest/version', code: 'TSR616', message: `${manifest.namespace} ${existing.version} is installed already` });
  const others = installed.filter((row) => row.namespace !== manifest.namespace);
  const dependencies = resolveDependencies(
    manifest,
    others.map((row) => ({ namespace: row.namespace, version: row.version, dependencies: row.manifest.dependencies ?? {} })),
    PLATFORM_VERSION,
  );
  problems.push(...dependencies.problems);
  const ownBase = new Set((existing?.base ?? []).map((object) => object.apiName));
  bundle.objects.forEach((object, index) => {
    if (!liveNames.has(object.apiName) || ownBase.has(object.apiName)) return;
    const owner = others.find((row) => row.base.some((candidate) => candidate.apiName === object.apiName));
    const path = fileProblemPath(bundle, `/objects/${index}/apiName`);
    if (owner && manifest.dependencies?.[owner.namespace] !== undefined)
      problems.push({
        path,
        code: 'TSR613',
        message: `${object.apiName} belongs to ${owner.namespace}; extending another package's object is not supported yet`,
      });
    else
      problems.push({
        path,
        code: 'TSR607',
        message: `object ${object.apiName} exists and belongs to ${owner ? `package ${owner.namespace}` : 'the tenant'}; package ${manifest.namespace} brings one of the same name`,
      });
  });
  problems.push(...securityCollisions(bundle, await securityNames(trx, schema), existing?.security ?? { roles: [], permissionSets: [] }));
  if (!existing) problems.push(...calendarCollisions(bundle, live.snapshot.calendars ?? []));
  problems.push(...invalid);
  if (problems.length > 0 || !checked.ok)
    throw refusal(problems, `${manifest.namespace} ${manifest.version} cannot be ${existing ? 'upgraded to' : 'installed'}; nothing was changed.`);

  const next = checked.value;
  const base = existing?.base ?? [];
  const withData = new Set<string>();
  for (const object of base) {
    const incoming = next.find((candidate) => candidate.apiName === object.apiName);
    if (!liveNames.has(object.apiName)) continue;
    if (!incoming && (await rowsOf(trx, schema, object.apiName)) > 0) withData.add(object.apiName);
    const liveObject = live.snapshot.objects.find((candidate) => candidate.apiName === object.apiName);
    for (const field of object.fields) {
      const stored = liveObject?.fields.find((candidate) => candidate.apiName === field.apiName);
      const removed = !incoming || !incoming.fields.some((candidate) => candidate.apiName === field.apiName);
      if (removed && stored && field.type !== 'formula' && (await rowsOf(trx, schema, object.apiName, field.apiName)) > 0)
        withData.add(`${object.apiName}.${field.apiName}`);
    }
  }
  const merged = mergePackageUpgrade(base, next, live.snapshot.objects, {
    resolutions: request.resolutions ?? [],
    holdsData: (object, field) => withData.has(field === undefined ? object : `${object}.${field}`),
  });
  // Calendars merge three ways too; their conflicts join the objects' in one refusal.
  const calendars =
    bundle.calendars && bundle.calendars.length > 0
      ? mergePackageCalendars(existing ? (existing.baseCalendars ?? undefined) : [], bundle.calendars, live.snapshot.calendars ?? [], request.resolutions ?? [])
      : undefined;
  const conflicts = [...(merged.ok ? [] : merged.conflicts), ...(calendars?.conflicts ?? [])];
  if (!merged.ok || conflicts.length > 0) {
    const errors = conflicts.map(
      (conflict): ProblemDetail => ({
        path: conflict.path,
        code: 'TSR605',
        message: `${conflict.path}: the package changes it to ${JSON.stringify(conflict.package)}, the tenant changed it to ${JSON.stringify(conflict.tenant)}; resolve with {"path": "${conflict.path}", "take": "package" | "tenant"}`,
      }),
    );
    throw refusal(errors, `Upgrading ${manifest.namespace} to ${manifest.version} conflicts with the tenant's changes; nothing was changed.`, {
      conflicts,
    });
  }
  const kept = new Set(merged.objects.map((object) => object.apiName));
  return {
    operation: existing ? 'upgrade' : 'install',
    namespace: manifest.namespace,
    from: existing?.version ?? null,
    to: manifest.version,
    dependencies: dependencies.dependencies,
    deprecated: [...new Set([...(existing?.deprecated ?? []), ...merged.deprecated])],
    nextBase: next,
    nextBaseCalendars: bundle.calendars ?? [],
    existing,
    document: {
      objects: merged.objects.map(toApplicableDef),
      remove: base.map((object) => object.apiName).filter((name) => liveNames.has(name) && !kept.has(name)),
      ...(calendars ? { calendars: calendars.calendars } : {}),
    },
  };
}

async function prepareUninstall(
  trx: Db,
  schema: string,
  installed: PackageRow[],
  liveNames: Set<string>,
  namespace: string,
  purge: boolean,
): Promise<PreparedPackageChange> {
  const existing = installed.find((row) => row.namespace === namespace);
  if (!existing) throw new ApiError('TSR608', `No package ${namespace} is installed.`, [{ path: '/namespace', code: 'TSR608', message: 'not installed' }]);
  const problems: ProblemDetail[] = [];
  for (const dependant of installed) {
    const range = dependant.manifest.dependencies?.[namespace];
    if (range !== undefined)
      problems.push({
        path: `/dependants/${dependant.namespace}`,
        code: 'TSR610',
        message: `${dependant.namespace} ${dependant.version} depends on ${namespace} (${range}); uninstall it first`,
      });
  }
  const objects = existing.base.map((object) => object.apiName).filter((name) => liveNames.has(name));
  if (!purge) {
    for (const object of objects) {
      const rows = await rowsOf(trx, schema, object);
      if (rows > 0)
        problems.push({
          path: `/objects/${object}`,
          code: 'TSR611',
          message: `${object} holds ${rows} records; delete them, or uninstall with purge=true (planned as destructive)`,
        });
    }
  }
  if (problems.length > 0) throw refusal(problems, `${namespace} cannot be uninstalled; nothing was changed.`);
  return {
    operation: 'uninstall',
    namespace,
    from: existing.version,
    to: null,
    dependencies: [],
    deprecated: [],
    nextBase: [],
    nextBaseCalendars: [],
    existing,
    document: { objects: [], remove: objects },
  };
}

/** TSR607 on install: a calendar of the same name that the tenant (or another package) defined differently. */
function calendarCollisions(bundle: PackageBundle, live: readonly CalendarDef[]): ProblemDetail[] {
  const liveByName = new Map(live.map((calendar) => [calendar.apiName, calendar]));
  return (bundle.calendars ?? []).flatMap((calendar, index) => {
    const existing = liveByName.get(calendar.apiName);
    if (!existing || isDeepStrictEqual(existing, calendar)) return [];
    return [
      {
        path: fileProblemPath(bundle, `/calendars/${index}/apiName`),
        code: 'TSR607' as const,
        message: `calendar ${calendar.apiName} exists with other hours or dates; package ${bundle.manifest.namespace} brings one of the same name`,
      },
    ];
  });
}
