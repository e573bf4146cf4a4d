// Per-process cache of compiled catalogs, one per tenant, keyed by revision. A new revision
// reaches this process three ways: the apply that made it (set), a NOTIFY from another process
// (markStale), or the periodic safety-net check. Loads are coalesced so a burst of requests after
// a change compiles the catalog once.
import { EMPTY_SNAPSHOT, type MetadataSnapshot, type MigrationAction } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import type { TenantRef } from '../tenants/tenant-store.ts';
import type { Catalog } from './catalog-types.ts';
import { aliasesOf, compileCatalog } from './compile-catalog.ts';

export const METADATA_CHANNEL = 'tessera_metadata';

interface Entry {
  catalog: Catalog;
  stale: boolean;
}

export class CatalogCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Catalog>>();

  // biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
  constructor(
    private readonly db: Kysely<any>,
    private readonly maxTenants = 1000,
  ) {}

  async get(tenant: TenantRef): Promise<Catalog> {
    const entry = this.entries.get(tenant.slug);
    if (entry && !entry.stale) return entry.catalog;
    const pending = this.loading.get(tenant.slug);
    if (pending) return pending;
    const load = this.load(tenant).finally(() => this.loading.delete(tenant.slug));
    this.loading.set(tenant.slug, load);
    return load;
  }

  /** Compiles and installs the revision an apply in this process just made (metadata or package routes). */
  installApplied(tenant: TenantRef, outcome: { revision: number; snapshot: MetadataSnapshot; actions: readonly MigrationAction[] }): void {
    this.set(
      compileCatalog({
        tenant: tenant.slug,
        schema: tenant.schema,
        revision: outcome.revision,
        snapshot: outcome.snapshot,
        aliases: aliasesOf(outcome.actions),
      }),
    );
  }

  /** Installs a catalog compiled by the apply that produced it (never goes backwards). */
  set(catalog: Catalog): void {
    const current = this.entries.get(catalog.tenant);
    if (current && current.catalog.revision > catalog.revision) return;
    this.remember(catalog.tenant, { catalog, stale: false });
  }

  /** Another process announced `revision`; reload on next use if ours is older. */
  markStale(slug: string, revision: number): void {
    const entry = this.entries.get(slug);
    if (entry && entry.catalog.revision < revision) entry.stale = true;
  }

  cachedTenants(): { slug: string; revision: number }[] {
    return [...this.entries.entries()].map(([slug, entry]) => ({ slug, revision: entry.catalog.revision }));
  }

  private async load(tenant: TenantRef): Promise<Catalog> {
    const latest = await loadLatestRevision(this.db, tenant.schema);
    const catalog = compileCatalog({
      tenant: tenant.slug,
      schema: tenant.schema,
      revision: latest.revision,
      snapshot: latest.snapshot,
      aliases: aliasesOf(latest.actions),
    });
    this.set(catalog);
    return this.entries.get(tenant.slug)?.catalog ?? catalog;
  }

  private remember(slug: string, entry: Entry): void {
    // Map iteration order is insertion order: delete + set moves the tenant to the young end.
    this.entries.delete(slug);
    this.entries.set(slug, entry);
    while (this.entries.size > this.maxTenants) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }
}

export async function loadLatestRevision(
  // biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
  db: Kysely<any>,
  schema: string,
): Promise<{ revision: number; snapshot: MetadataSnapshot; hash: string | null; actions: MigrationAction[] }> {
  const result = await sql<{ revision: number; snapshot: MetadataSnapshot | string; snapshot_hash: string; actions: MigrationAction[] | string }>`
    select revision, snapshot, snapshot_hash, actions from ${sql.id(schema, '_meta_revision')} order by revision desc limit 1`.execute(db);
  const row = result.rows[0];
  if (!row) return { revision: 0, snapshot: EMPTY_SNAPSHOT, hash: null, actions: [] };
  const parse = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);
  return { revision: row.revision, snapshot: parse(row.snapshot), hash: row.snapshot_hash, actions: parse(row.actions) };
}
