// Imports queued but never started: the request stored the upload and the `_imports` row, then the
// process went away (a restart, a crash) before the run claimed it. An admin who pressed "Run"
// expects the import to happen, so the jobs tick (and a runtime's start) RUNS such an import — as
// the user who queued it, with that user's current rights — once it has waited QUEUED_GRACE_MS
// (a live request claims its import within milliseconds, so an older `queued` row has no runner;
// the claim is conditional on `queued`, so even a slow one and the sweep never both run it). It is
// marked failed with the reason instead when it cannot run: its file is gone, its user is no
// longer active, or the user may no longer see the object or edit a mapped field.
import { sql } from 'kysely';
import { auditActor } from '../audit/audit-actor.ts';
import type { CatalogCache } from '../catalog/catalog-cache.ts';
import { ApiError } from '../core/api-error.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';
import type { SecurityRuntime } from '../security/security-runtime.ts';
import type { Principal } from '../security/security-types.ts';
import { keptFile } from './import-files.ts';
import { checkMapping, type ImportOptions } from './import-options.ts';
import { resolveMapping, runImport } from './run-import.ts';

export const QUEUED_GRACE_MS = 60_000;
export const NEVER_STARTED = 'never started';

export interface QueuedImportDeps {
  db: ObjectDb;
  catalogs: CatalogCache;
  security: SecurityRuntime;
  connections: 'many' | 'one';
  graceMs?: number;
}

export interface QueuedSweep {
  started: string[];
  failed: string[];
  /** The runs started, for callers (tests, the CLI) that wait for them. */
  runs: Promise<unknown>[];
}

/** Starts (or fails, with the reason) every import queued longer than the grace period. */
export async function sweepQueuedImports(deps: QueuedImportDeps): Promise<QueuedSweep> {
  const sweep: QueuedSweep = { started: [], failed: [], runs: [] };
  const grace = deps.graceMs ?? QUEUED_GRACE_MS;
  const tenants = await sql<{ slug: string; schema_name: string; has_imports: boolean }>`
    select slug, schema_name, to_regclass(quote_ident(schema_name) || '._imports') is not null as has_imports from tessera.tenants order by slug`.execute(
    deps.db,
  );
  for (const tenant of tenants.rows) {
    if (!tenant.has_imports) continue;
    const ref = { slug: tenant.slug, schema: tenant.schema_name };
    const queued = await tenantTables(deps.db, ref.schema)
      .selectFrom('_imports')
      .select(['id', 'object', 'file_name', 'options', 'created_by'])
      .where('status', '=', 'queued')
      .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${grace / 1000})`)
      .orderBy('created_at')
      .execute();
    for (const row of queued) {
      const fail = async (why: string) => {
        await failQueued(deps.db, ref.schema, row.id, `${NEVER_STARTED}: ${why}`);
        sweep.failed.push(row.id);
      };
      const file = await keptFile(ref.schema, row.id, row.file_name);
      if (!file) {
        await fail('the runtime stopped before the import began and its uploaded file is gone; upload the file again');
        continue;
      }
      const principal: Principal = row.created_by ? { kind: 'user', userId: row.created_by, via: 'token', credentialHash: '' } : { kind: 'integration' };
      const access = await deps.security.access(ref, principal);
      // Without its user the catalog would not be narrowed (security-runtime.ts): never run it then.
      if (principal.kind === 'user' && !access.user?.active) {
        await fail('the user who started it is no longer active');
        continue;
      }
      const catalog = deps.security.catalogFor(await deps.catalogs.get(ref), access);
      const object = catalog.objects.get(row.object);
      const options = row.options as unknown as ImportOptions & { mapping: Record<string, string | null> };
      try {
        if (!object) throw new ApiError('TSR156', `${row.object} is not an object its user may see`);
        checkMapping(object, options.mapping);
        const { headers, mapping } = await resolveMapping(deps.db, object, file, options);
        const context = { actor: auditActor(access), trackedFields: access.security.trackedFields, rules: { language: options.language } };
        sweep.started.push(row.id);
        sweep.runs.push(runImport(deps.db, catalog, context, object, row.id, file, headers, { ...options, mapping }, deps.connections).catch(() => undefined));
      } catch (error) {
        await fail(error instanceof Error ? error.message : String(error));
      }
    }
  }
  return sweep;
}

async function failQueued(db: ObjectDb, schema: string, id: string, reason: string): Promise<void> {
  await sql`
    update ${sql.id(schema, '_imports')}
    set status = 'failed', finished_at = now(),
        report = jsonb_build_object('counts', jsonb_build_object('create', 0, 'update', 0, 'skip', 0, 'error', 0),
          'errorCount', 0, 'errors', '[]'::jsonb, 'mapping', coalesce(options -> 'mapping', '{}'::jsonb), 'rows', 0, 'failure', ${reason}::text)
    where id = ${id}::uuid and status = 'queued'`.execute(db);
}
