// Package install, upgrade and uninstall as services: plan (nothing written) and apply (one
// transaction: metadata steps, then security, sample data and the `_packages` row, through
// applyChange's afterApply hook). A refusal anywhere rolls everything back.
import type { PackageBundle } from '@tessera/metadata/packages';
import type { Kysely } from 'kysely';
import type { AuditActor } from '../audit/audit-log.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { loadLatestRevision } from '../catalog/catalog-cache.ts';
import { aliasesOf, compileCatalog } from '../catalog/compile-catalog.ts';
import { type ApplyOutcome, applyChange } from '../migrate/apply-metadata.ts';
import { type PlanStep, planChange } from '../migrate/plan-change.ts';
import { bumpSecurityRevision } from '../security/security-runtime.ts';
import type { TenantRef } from '../tenants/tenant-store.ts';
import { countSampleRecords, loadSampleData } from './load-sample-data.ts';
import type { PackageProgress } from './operation-progress.ts';
import { checkPackageSecurity, removePackageSecurity, writePackageSecurity } from './package-security.ts';
import { deletePackageRow, savePackageRow } from './package-store.ts';
import { type PackageRequest, type PreparedPackageChange, preparePackageChange } from './prepare-package-change.ts';
import { reportPlanSteps } from './report-plan-steps.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

export interface PackagePlan {
  operation: 'install' | 'upgrade' | 'uninstall';
  namespace: string;
  from: string | null;
  to: string | null;
  dependencies: PreparedPackageChange['dependencies'];
  steps: PlanStep[];
  planHash: string;
  requiresPlanHash: boolean;
  destructive: boolean;
  conflicts: [];
  deprecated: string[];
  sampleData: { records: number };
}

export interface ApplyPackageOptions {
  planHash?: string;
  allowDestructive?: boolean;
  /** Load the package's sample records (install only; default true). */
  sampleData?: boolean;
  actor: AuditActor;
  requestId?: string;
  /** Reports each migration step, the security phase and sample records created (GET /packages/operations/:id). */
  progress?: PackageProgress;
}

export interface AppliedPackage {
  operation: 'install' | 'upgrade' | 'uninstall';
  namespace: string;
  version: string | null;
  revision: number;
  steps: PlanStep[];
  records: number;
  outcome: ApplyOutcome;
}

const loadsSampleData = (prepared: PreparedPackageChange, request: PackageRequest, wanted: boolean | undefined): boolean =>
  prepared.operation === 'install' && request.operation !== 'uninstall' && wanted !== false;

/** The plan of a package operation, through the same planner as any metadata change; nothing is written. */
export async function planPackage(db: Db, tenant: TenantRef, request: PackageRequest, options: { sampleData?: boolean } = {}): Promise<PackagePlan> {
  return db.transaction().execute(async (trx) => {
    const live = await loadLatestRevision(trx, tenant.schema);
    let prepared: PreparedPackageChange | undefined;
    const planned = await planChange(trx, tenant, live, {
      actingPackage: request.operation === 'uninstall' ? request.namespace : request.bundle.manifest.namespace,
      derive: async (inner, revision) => {
        prepared = await preparePackageChange(inner, tenant.schema, revision, request);
        return prepared.document;
      },
    });
    const found = prepared as PreparedPackageChange;
    const records =
      loadsSampleData(found, request, options.sampleData) && request.operation !== 'uninstall' ? countSampleRecords(request.bundle.sampleData) : 0;
    return {
      operation: found.operation,
      namespace: found.namespace,
      from: found.from,
      to: found.to,
      dependencies: found.dependencies,
      steps: planned.steps,
      planHash: planned.planHash,
      requiresPlanHash: planned.requiresPlanHash,
      destructive: planned.destructive,
      conflicts: [],
      deprecated: found.deprecated,
      sampleData: { records },
    };
  });
}

/** Applies a package operation in one transaction; the caller installs the new catalog afterwards. */
export async function applyPackage(db: Db, tenant: TenantRef, request: PackageRequest, options: ApplyPackageOptions): Promise<AppliedPackage> {
  let prepared: PreparedPackageChange | undefined;
  let records = 0;
  const namespace = request.operation === 'uninstall' ? request.namespace : request.bundle.manifest.namespace;
  const { progress } = options;
  const steps = progress ? reportPlanSteps(tenant.schema, progress) : undefined;
  const outcome = await applyChange(
    db,
    tenant,
    {
      actingPackage: namespace,
      derive: async (trx, live) => {
        steps?.planning(trx, live.revision + 1);
        prepared = await preparePackageChange(trx, tenant.schema, live, request);
        return prepared.document;
      },
    },
    {
      author: `package:${namespace}`,
      ...(options.planHash === undefined ? {} : { planHash: options.planHash }),
      ...(options.allowDestructive ? { allowDestructive: true } : {}),
      ...(steps ? { beforeStep: (index: number) => steps.beforeStep(index) } : {}),
      audit: {
        event: `package.${request.operation === 'uninstall' ? 'uninstall' : 'apply'}`,
        actor: options.actor,
        ...(options.requestId ? { requestId: options.requestId } : {}),
      },
      afterApply: async (trx, applied) => {
        const change = prepared as PreparedPackageChange;
        progress?.security();
        if (change.operation === 'uninstall') {
          await removePackageSecurity(trx, tenant.schema, (change.existing as NonNullable<typeof change.existing>).security, change.document.remove ?? []);
          await deletePackageRow(trx, tenant.schema, namespace);
        } else {
          const bundle = (request as { bundle: PackageBundle }).bundle;
          const catalog = compileCatalog({
            tenant: tenant.slug,
            schema: tenant.schema,
            revision: applied.revision,
            snapshot: applied.snapshot,
            aliases: aliasesOf(applied.actions),
          });
          const security = await writePackageSecurity(trx, tenant.schema, checkPackageSecurity(bundle, catalog));
          if (loadsSampleData(change, request, options.sampleData)) {
            const total = countSampleRecords(bundle.sampleData);
            progress?.sampleRecords(0, total);
            records = await loadSampleData(
              trx,
              catalog,
              namespace,
              bundle.sampleData,
              (index) => `/files/${bundle.sources?.sampleData?.[index] ?? `sampleData/${index}`}`,
              (created) => progress?.sampleRecords(created, total),
            );
          }
          await savePackageRow(
            trx,
            tenant.schema,
            {
              namespace,
              name: bundle.manifest.name,
              version: bundle.manifest.version,
              manifest: bundle.manifest,
              base: change.nextBase,
              baseCalendars: change.nextBaseCalendars,
              deprecated: change.deprecated,
              security,
            },
            change.operation === 'upgrade',
          );
        }
        await bumpSecurityRevision(trx, tenant);
        await writeAudit(trx, tenant.schema, {
          event: `package.${change.operation}`,
          actor: options.actor,
          target: `package:${namespace}`,
          detail: { from: change.from, to: change.to, revision: applied.revision, records },
          ...(options.requestId ? { requestId: options.requestId } : {}),
        });
      },
    },
  );
  const change = prepared as PreparedPackageChange;
  return { operation: change.operation, namespace, version: change.to, revision: outcome.revision, steps: outcome.plan.steps, records, outcome };
}
