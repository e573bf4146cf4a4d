// Validated metadata → one transaction: lock the tenant's metadata, diff against the live
// revision, run the DDL, record the new revision, NOTIFY other processes. Any failure rolls back
// schema, data and metadata together.
import { createHash } from 'node:crypto';
import { diffSnapshots, documentObjectPaths, type MetadataSnapshot, type MigrationAction, validateDocument } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import { METADATA_CHANNEL, loadLatestRevision } from '../catalog/catalog-cache.ts';
import { unwrap } from '../http/api-error.ts';
import type { TenantRef } from '../tenants/tenant-store.ts';
import { runMigrationActions } from './run-migration-actions.ts';

export interface ApplyOutcome {
  revision: number;
  changed: boolean;
  actions: MigrationAction[];
  snapshot: MetadataSnapshot;
}

export interface ApplyOptions {
  author: string;
  /** Validate and plan only; nothing is written. */
  dryRun?: boolean;
}

export async function applyMetadata(
  // biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
  db: Kysely<any>,
  tenant: TenantRef,
  document: unknown,
  options: ApplyOptions,
): Promise<ApplyOutcome> {
  return db.transaction().execute(async (trx) => {
    // One metadata change per tenant at a time; other tenants are not blocked.
    await sql`select pg_advisory_xact_lock(hashtext(${`tessera.metadata.${tenant.schema}`}))`.execute(trx);
    await sql`set local lock_timeout = '5s'`.execute(trx);
    const live = await loadLatestRevision(trx, tenant.schema);
    const incoming = unwrap(validateDocument(document, live.snapshot), 'TSR200', 'The metadata is invalid; nothing was applied.');
    const plan = unwrap(diffSnapshots(live.snapshot, incoming, documentObjectPaths(document)), 'TSR209', 'The metadata contains changes that are not supported yet; nothing was applied.');
    const hash = snapshotHash(plan.next);
    if (plan.actions.length === 0 || hash === live.hash) {
      return { revision: live.revision, changed: false, actions: [], snapshot: live.snapshot };
    }
    if (options.dryRun) return { revision: live.revision, changed: true, actions: plan.actions, snapshot: plan.next };
    await runMigrationActions(trx, tenant.schema, plan.actions);
    const revision = live.revision + 1;
    await sql`
      insert into ${sql.id(tenant.schema, '_meta_revision')} (revision, author, snapshot, actions, snapshot_hash)
      values (${revision}, ${options.author}, ${JSON.stringify(plan.next)}::jsonb, ${JSON.stringify(plan.actions)}::jsonb, ${hash})`.execute(trx);
    // Delivered at commit, so listeners never see a revision that rolled back.
    await sql`select pg_notify(${METADATA_CHANNEL}, ${`${tenant.slug}:${revision}`})`.execute(trx);
    return { revision, changed: true, actions: plan.actions, snapshot: plan.next };
  });
}

export function snapshotHash(snapshot: MetadataSnapshot): string {
  return createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
}
