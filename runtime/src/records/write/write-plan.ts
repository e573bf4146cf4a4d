// A record write as data: what to do (create, patch, stage move, delete, restore), to which object,
// for which records, with which checked values. Built by plan-write.ts before any SQL runs and
// frozen, so no step can change what another step was asked to do; steps keep their results in
// the WriteContext (write-context.ts) instead.
import type { CompiledObject } from '../../catalog/catalog-types.ts';

/** `stageMove` is a patch of the stage field that must move the record (POST …/records/:id/stage). */
export type WriteKind = 'create' | 'patch' | 'stageMove' | 'delete' | 'restore';

/**
 * A change to one many-to-many field's links (write/steps/write-links.ts): the whole set (a body
 * value), or ids added or removed (the link endpoints). `path` is where the ids came from, for errors.
 */
export interface LinkChange {
  readonly mode: 'set' | 'add' | 'remove';
  readonly ids: readonly string[];
  readonly path: string;
}

export interface WriteItem {
  /** Absent for a create: the database assigns it. */
  readonly id?: string;
  /** Many-to-many fields written: they have no column, so they are kept out of `values`. */
  readonly links?: Readonly<Record<string, LinkChange>>;
  /** Column values as validated (create: with owner and creator). Empty for delete and restore. */
  readonly values: Readonly<Record<string, unknown>>;
  /** If-Match or the body's version: the write happens only at this version. */
  readonly expectedVersion?: number;
}

/** The comment and reason of a stage move, kept with its history entry. */
export interface StageNote {
  readonly comment?: string;
  readonly reason?: string;
}

export interface WritePlan {
  readonly kind: WriteKind;
  /** The object as the caller sees it: a user's view carries row access and hides fields. */
  readonly object: CompiledObject;
  /** The object as stored: rules, history and stage requirements read every field. */
  readonly stored: CompiledObject;
  /** One or many records; every step handles all of them. */
  readonly items: readonly WriteItem[];
  readonly stage?: StageNote;
  /**
   * What the caller reads back: the record as it sees it (the default: a response body), or only
   * each record's id and version (an import keeps its own report), so a create's INSERT returns no
   * record JSON nobody reads. Creates honour it; other kinds return the record anyway.
   */
  readonly answer?: 'record' | 'version';
}

export const isUpdateKind = (kind: WriteKind): boolean => kind === 'patch' || kind === 'stageMove';

/** Freezes the plan and its items (values included) so steps can only read them. */
export function freezePlan(plan: WritePlan): WritePlan {
  for (const item of plan.items) {
    Object.freeze(item.values);
    if (item.links) Object.freeze(item.links);
    Object.freeze(item);
  }
  Object.freeze(plan.items);
  if (plan.stage) Object.freeze(plan.stage);
  return Object.freeze(plan);
}
