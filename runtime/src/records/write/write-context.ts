// What the steps of one write share: the frozen plan, the request's rule options and actor, the
// handle the write runs on (its transaction once one is open), and per record what earlier steps
// found: the stored row as locked and read before the write, and the row as written.
import type { Kysely } from 'kysely';
import type { AuditActor } from '../../audit/audit-log.ts';
import type { Catalog } from '../../catalog/catalog-types.ts';
import type { RecordRuleOptions } from '../../rules/record-rules.ts';
import type { StatementPart } from '../../sql/statement-template.ts';
import type { WritePlan } from './write-plan.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
export type ObjectDb = Kysely<any>;

/** A stored row as the lock-and-read step found it (FOR UPDATE, before the write). */
export interface StoredRow {
  version: number;
  /** The deleted_at text, null for a live record. */
  deletedAt: string | null;
  /** Whether the caller may see the row and make this write's change to it (row access). */
  visible: boolean;
  allowed: boolean;
  /** The full record as stored (every field, API form); absent for delete and restore. */
  record?: Record<string, unknown>;
}

/** The row as the SQL write returned it. */
export interface WrittenRow {
  /** The record as the caller sees it: the response body ('' when the plan answers versions only, WritePlan.answer). */
  json: string;
  version: number;
  id: string;
  /** The full record as stored (every field, formulas as computed), when a later step reads it. */
  record?: Record<string, unknown>;
}

export interface ItemState {
  /** Undefined when not read (a create, or nothing needed it) or when the row does not exist. */
  stored?: StoredRow;
  written?: WrittenRow;
}

export interface WriteContext {
  readonly plan: WritePlan;
  readonly catalog: Catalog;
  /** The write's transaction when it has one, else the root handle. */
  readonly db: ObjectDb;
  readonly rules: RecordRuleOptions;
  readonly actor: AuditActor;
  readonly requestId?: string;
  /** Tracked fields this write may change (field history), already filtered to trackable ones. */
  readonly tracked: readonly string[];
  /** Administrators and integration tokens (no row access on the view). */
  readonly admin: boolean;
  /** Tracked fields of another object (a junction object's records written through a many-to-many field). */
  readonly trackedFor?: (object: string) => readonly string[];
  /** Whether a later step reads the written record as stored (the write returns it). */
  readonly wantsWrittenRecord: boolean;
  /** The written record's fields the later steps read, when they all name theirs; absent: every field. */
  readonly writtenFields?: readonly string[];
  /** One per plan item, in the same order. */
  readonly items: ItemState[];
  /** Steps whose work rides in the write's own statement (`WriteStep.fold`), in step order. */
  readonly folded: readonly WriteStep[];
}

/**
 * A step's work as part of the write's own statement: a data-modifying CTE after the write's, which
 * reads the written rows as `w` (id, j, version, f, and each column named in `reads` as
 * `w.r_<column>`). `key` names the text for the template cache (the parts must not change for the
 * same key); `values` fill the parts' slots in order.
 */
export interface FoldedWork {
  readonly key: string;
  readonly parts: readonly StatementPart[];
  readonly values: readonly unknown[];
  /** Columns of the written rows the work reads, returned by the write as `r_<column>`. */
  readonly reads?: readonly string[];
}

/** What a step needs from the steps before it, declared so the runner does no work nobody uses. */
export interface WriteNeeds {
  /** The stored rows, locked FOR UPDATE and read before the write. */
  stored?: boolean;
  /** The full stored record in the written row (else only the caller's view is returned). */
  writtenRecord?: boolean;
  /**
   * With `writtenRecord`: the only fields of it the step reads. When every step that reads the
   * written record names its fields, the write returns just those (row_to_json of every column
   * costs an import's chunk a third of its INSERT); one step without a list gets every field.
   */
  writtenFields?: readonly string[];
  /** The write runs in one transaction (the step writes more, or may refuse after the write). */
  transaction?: boolean;
}

export interface WriteStep {
  readonly name: string;
  /**
   * Whether the step has work in this plan. `later` is what the active steps after it need, so a
   * step that provides something (the stored rows) applies exactly when someone uses it.
   */
  applies(plan: WritePlan, context: StepSetup, later: WriteNeeds): boolean;
  /** What the step needs when it applies. */
  readonly needs: WriteNeeds | ((plan: WritePlan) => WriteNeeds);
  run(context: WriteContext): Promise<void>;
  /**
   * The compiled fast path of a step: when `applies` says yes for this plan (decided from metadata
   * and the plan's values, before any SQL: nothing the step would check can refuse the write), the
   * step does not run on its own; its work is appended to the write statement (`sql`). The runner
   * then drops the step and its needs, so e.g. a create that enters its first stage is one statement
   * instead of BEGIN, INSERT, INSERT, COMMIT. Turned off per request by `WriteRequest.fold: false`.
   */
  readonly fold?: {
    applies(plan: WritePlan, context: StepSetup): boolean;
    sql(context: WriteContext): FoldedWork;
  };
}

/** What `applies` may look at: the request, not the database. */
export interface StepSetup {
  readonly catalog: Catalog;
  readonly tracked: readonly string[];
  readonly admin: boolean;
  /** Whether steps may fold into the write statement (`WriteStep.fold`); false runs every step on its own. */
  readonly fold?: boolean;
}
