// Wire types of /api/v1/metadata plan, apply and revisions (README "Changing metadata"), as the
// Setup editors read them. Definitions and actions are the metamodel's own types.
import type { MetadataBundle, MetadataSnapshot, MigrationAction, ObjectDef } from '@tessera/metadata';
import type { StepRisk } from './package-types.ts';

/** The body of POST /metadata/plan and /metadata/apply: what to change and how it was reviewed. */
export interface MetadataChange {
  definition: ObjectDef | MetadataBundle;
  /** The reviewed plan's hash: apply refuses (409) when the plan it would run differs. */
  planHash?: string;
  /** The admin confirmed the destructive steps. */
  allowDestructive?: boolean;
}

export interface MetadataPlanStep {
  step: number;
  kind: MigrationAction['kind'];
  object: string;
  field?: string;
  /** English; the designer words steps from `actions` in the UI language. */
  description: string;
  risk: StepRisk;
  rows: number;
}

/** POST /metadata/plan: nothing is written. `steps[i]` describes `actions[i]`. */
export interface MetadataPlan {
  baseRevision: number;
  changed: boolean;
  planHash: string;
  definitionHash: string;
  requiresPlanHash: boolean;
  destructive: boolean;
  steps: MetadataPlanStep[];
  actions: MigrationAction[];
  warnings?: { object: string; rule: string; permissionSet: string; fields: string[]; message?: string }[];
}

/** POST /metadata/apply. */
export interface AppliedMetadataChange {
  revision: number;
  changed: boolean;
  baseRevision?: number;
  planHash?: string;
}

/** GET /metadata/revisions: one entry, newest first. `changes`: action count per kind. */
export interface RevisionSummary {
  revision: number;
  author: string;
  createdAt: string;
  baseRevision: number | null;
  planHash: string | null;
  revertedTo: number | null;
  changes: Record<string, number>;
}

/** GET /metadata/revisions/:revision. */
export interface RevisionDetail extends Omit<RevisionSummary, 'changes'> {
  actions: MigrationAction[];
  snapshot: MetadataSnapshot;
}
