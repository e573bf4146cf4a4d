// What every approval operation runs with: the root database handle, the tenant's whole catalog
// (final actions and approver fields read every field, whatever the actor may see), the app's
// clock and the acting principal. Built per request by the routes and per run by the timeout job.
import type { AuditActor } from '../audit/audit-log.ts';
import type { Catalog } from '../catalog/catalog-types.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';

/** The approval engine's handle: it reads object tables as well as its own. */
export type Db = ObjectDb;

export interface ApprovalActor extends AuditActor {
  /** Tenant administrators and integration tokens: may edit locked records, recall and reassign any request. */
  admin: boolean;
}

export interface ApprovalContext {
  db: Db;
  /** The tenant's unrestricted catalog. */
  catalog: Catalog;
  schema: string;
  tenant: string;
  now: () => Date;
  actor: ApprovalActor;
  requestId?: string;
  /** Tracked field names per object, so final actions keep field history. */
  trackedFields?: ReadonlyMap<string, readonly string[]>;
}

/** The engine's own actor for escalations run by the timeout job. */
export const SYSTEM_ACTOR: ApprovalActor = { id: null, label: 'system:approvals', admin: true };
