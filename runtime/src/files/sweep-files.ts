// The files sweep, so no bytes are kept forever: uploads never attached within a day (a form
// abandoned after its upload), files of records purged from the recycle bin or of fields and
// objects removed from the model, and, with TESSERA_FILES_DIR, directory copies whose row is gone
// (files detached by a record write, whose bytes the write's transaction could not safely remove).
import { sql } from 'kysely';
import { loadLatestRevision } from '../catalog/catalog-cache.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';
import { tenantUpgraderFor } from '../tenants/tenant-migrations.ts';
import { removeStrayBytes } from './file-storage.ts';

/** How long an upload may wait for the record write that attaches it. */
export const UNATTACHED_GRACE_MS = 24 * 60 * 60 * 1000;

export interface FileSweep {
  /** Rows removed (unattached, purged record, removed field). */
  removed: number;
  /** Directory copies removed. */
  bytesRemoved: number;
}

export async function sweepTenantFiles(db: ObjectDb, schema: string, now: Date, dir?: string): Promise<FileSweep> {
  const table = sql.id(schema, '_files');
  const { snapshot } = await loadLatestRevision(db, schema);
  const cutoff = new Date(now.getTime() - UNATTACHED_GRACE_MS).toISOString();
  let removed = Number((await sql`delete from ${table} where record_id is null and created_at < ${cutoff}::timestamptz`.execute(db)).numAffectedRows ?? 0);
  const fileFields = snapshot.objects.flatMap((object) =>
    object.fields.filter((field) => field.type === 'file' || field.type === 'image').map((field) => ({ object: object.apiName, field: field.apiName })),
  );
  // Fields and objects no longer in the model (their column is gone, and with it every reference).
  const kept = fileFields.map((entry) => `${entry.object}.${entry.field}`);
  removed += Number((await sql`delete from ${table} where not ((object || '.' || field) = any(${kept}::text[]))`.execute(db)).numAffectedRows ?? 0);
  // Records purged from the recycle bin: their row is gone (a soft-deleted record keeps its files).
  for (const object of new Set(fileFields.map((entry) => entry.object))) {
    const result = await sql`
      delete from ${table} as f where f.object = ${object} and f.record_id is not null
        and not exists (select 1 from ${sql.id(schema, object)} as r where r.id = f.record_id)`.execute(db);
    removed += Number(result.numAffectedRows ?? 0);
  }
  const bytesRemoved = dir ? await removeStrayBytes(db, schema, dir) : 0;
  return { removed, bytesRemoved };
}

/** Every tenant, each on its own: one tenant's failure does not stop the others. */
export async function runFileSweep(db: ObjectDb, now: Date, dir: string | undefined, onError: (error: unknown) => void): Promise<void> {
  const tenants = await sql<{ schema_name: string }>`select schema_name from tessera.tenants order by slug`.execute(db);
  for (const tenant of tenants.rows) {
    try {
      await tenantUpgraderFor(db).ensure(tenant.schema_name);
      await sweepTenantFiles(db, tenant.schema_name, now, dir);
    } catch (error) {
      onError(error);
    }
  }
}
