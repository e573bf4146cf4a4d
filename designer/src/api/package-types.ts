// Wire types of /api/v1/packages (README "Packages"), as the package manager screen reads them.
import type { DependencyStatus, MergeConflict, MergeResolution } from '@tessera/metadata/packages';
import type { Labels, Problem } from './types.ts';

/** GET /packages: one installed package. */
export interface InstalledPackage {
  namespace: string;
  name: string;
  version: string;
  labels: Labels;
  description: Labels | null;
  installedAt: string;
  upgradedAt: string | null;
  /** Namespace → semver range. */
  dependencies: Record<string, string>;
  /** Api names of the objects the package owns. */
  objects: string[];
  /** `object` or `object.field` the package removed while they held data: hidden, data kept. */
  deprecated?: string[];
}

/** GET /packages/available: a package this installation can install by name. */
export interface AvailablePackage {
  name: string;
  namespace: string;
  version: string;
  labels: Labels;
  description: Labels | null;
  source: 'bundled' | 'node_modules';
  /** The installed version, or null. */
  installed: string | null;
}

/** Where a package comes from: by name, an `npm pack` tarball, or a folder's files (path → JSON text). */
export type PackageSource = { kind: 'available'; name: string } | { kind: 'tarball'; base64: string } | { kind: 'bundle'; files: Record<string, string> };

export type StepRisk = 'safe' | 'rewrites_table' | 'touches_data' | 'destructive';

/** One step of a plan, the same shape as POST /metadata/plan's. */
export interface PlanStep {
  step: number;
  kind: string;
  object: string;
  field?: string;
  description: string;
  risk: StepRisk;
  rows: number;
}

/** The dependency check, conflict and resolution shapes are the metamodel's own (type-only: nothing is bundled). */
export type { DependencyStatus as DependencyCheck, MergeConflict as PackageConflict, MergeResolution as ConflictResolution } from '@tessera/metadata/packages';

/** POST /packages/plan: what an operation would do; nothing is written. */
export interface PackagePlan {
  operation: 'install' | 'upgrade' | 'uninstall';
  namespace: string;
  from: string | null;
  to: string | null;
  dependencies: DependencyStatus[];
  steps: PlanStep[];
  planHash: string;
  requiresPlanHash: boolean;
  destructive: boolean;
  conflicts: MergeConflict[];
  deprecated: string[];
  sampleData: { records: number };
}

export type PackagePlanRequest = { source: PackageSource; resolutions?: MergeResolution[]; sampleData?: boolean } | { uninstall: string; purge?: boolean };

export interface PackageApplyRequest {
  source: PackageSource;
  planHash?: string;
  allowDestructive?: boolean;
  resolutions?: MergeResolution[];
  sampleData?: boolean;
}

/** POST /packages/install | upgrade, DELETE /packages/:namespace. */
export interface AppliedPackage {
  operation?: 'install' | 'upgrade' | 'uninstall';
  namespace: string;
  version: string | null;
  revision: number;
  steps: PlanStep[];
  records: number;
}

/** A refused upgrade (409 TSR605) carries the conflicts beside errors[]. */
export interface PackageProblem extends Problem {
  conflicts?: MergeConflict[];
}

/** GET /packages/operations/:id: the progress of an operation sent with `X-Operation-Id`. */
export interface PackageOperationProgress {
  id: string;
  operation: 'install' | 'upgrade' | 'uninstall';
  namespace: string | null;
  phase: 'metadata' | 'security' | 'sampleData' | 'done' | 'failed';
  startedAt: string;
  endedAt: string | null;
  /** The migration step running (1-based; 0 before the first) of the plan that runs. */
  steps: { current: number; total: number | null; description: string | null; rows: number | null };
  sampleData: { created: number; total: number };
  problem: { status: number; code: string; detail: string } | null;
  events: {
    at: string;
    phase: PackageOperationProgress['phase'];
    step?: number;
    total?: number;
    description?: string;
    rows?: number;
    created?: number;
    code?: string;
  }[];
}
