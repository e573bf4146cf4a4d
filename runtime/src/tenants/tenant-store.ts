// Tenants and their tokens: create a tenant (schema + system tables + first token in one
// transaction), issue tokens, and resolve a token to its tenant with a small in-process cache so
// the hot path does not query the cross-tenant tables on every request.
import { type Kysely, sql } from 'kysely';
import type { SystemDatabase } from '../db/system-schema.ts';
import { ApiError } from '../core/api-error.ts';
import { runTenantMigrations } from './tenant-migrations.ts';
import { generateToken, hashToken } from './tokens.ts';

export const TENANT_SLUG_PATTERN = /^[a-z][a-z0-9_]{1,30}$/;

export interface TenantRef {
  slug: string;
  schema: string;
}

const CACHE_TTL_MS = 60_000;

export class TenantStore {
  private readonly tokenCache = new Map<string, { tenant: TenantRef; expires: number }>();
  private readonly slugCache = new Map<string, { tenant: TenantRef; expires: number }>();

  constructor(readonly db: Kysely<SystemDatabase>) {}

  /** A token was revoked or rotated here: stop answering it from this process's cache at once. */
  forgetTokenHash(hash: string): void {
    this.tokenCache.delete(hash);
  }

  async createTenant(slug: string, label = 'initial token'): Promise<{ tenant: TenantRef; token: string }> {
    if (!TENANT_SLUG_PATTERN.test(slug)) {
      throw new ApiError('TSR304', `Tenant slug '${slug}' is invalid: use 2–31 characters a–z, 0–9 and _, starting with a letter.`, [
        { path: '/slug', code: 'TSR304', message: 'must match ^[a-z][a-z0-9_]{1,30}$' },
      ]);
    }
    const schema = `t_${slug}`;
    const token = generateToken('tsr');
    await this.db.transaction().execute(async (trx) => {
      const existing = await trx.selectFrom('tessera.tenants').select('slug').where('slug', '=', slug).executeTakeFirst();
      if (existing) throw new ApiError('TSR303', `Tenant '${slug}' already exists.`, [{ path: '/slug', code: 'TSR303', message: 'already exists' }]);
      await trx.insertInto('tessera.tenants').values({ slug, schema_name: schema }).execute();
      // The schema name is derived from a slug that matched TENANT_SLUG_PATTERN above.
      await sql`create schema ${sql.id(schema)}`.execute(trx);
      await runTenantMigrations(trx, schema);
      await trx
        .insertInto('tessera.api_tokens')
        .values({ token_hash: hashToken(token), tenant_slug: slug, label, revoked_at: null })
        .execute();
    });
    return { tenant: { slug, schema }, token };
  }

  async issueToken(slug: string, label: string, db: Kysely<SystemDatabase> = this.db): Promise<string> {
    // Through `db`: inside a caller's transaction on PGlite (one connection) this.db would wait for it.
    const tenant = await db.selectFrom('tessera.tenants').select('slug').where('slug', '=', slug).executeTakeFirst();
    if (!tenant) throw new ApiError('TSR305', `Tenant '${slug}' does not exist.`);
    const token = generateToken('tsr');
    await db
      .insertInto('tessera.api_tokens')
      .values({ token_hash: hashToken(token), tenant_slug: slug, label, revoked_at: null })
      .execute();
    return token;
  }

  /** findTenant with the token cache's lifetime: user credentials name their tenant by slug. */
  async findTenantCached(slug: string, now = Date.now()): Promise<TenantRef | undefined> {
    if (!TENANT_SLUG_PATTERN.test(slug)) return undefined;
    const cached = this.slugCache.get(slug);
    if (cached && cached.expires > now) return cached.tenant;
    const tenant = await this.findTenant(slug);
    if (tenant) this.slugCache.set(slug, { tenant, expires: now + CACHE_TTL_MS });
    return tenant;
  }

  async findTenant(slug: string): Promise<TenantRef | undefined> {
    const row = await this.db.selectFrom('tessera.tenants').select(['slug', 'schema_name']).where('slug', '=', slug).executeTakeFirst();
    return row ? { slug: row.slug, schema: row.schema_name } : undefined;
  }

  async listTenants(): Promise<{ tenant: string; schema: string; createdAt: string }[]> {
    const rows = await this.db.selectFrom('tessera.tenants').select(['slug', 'schema_name', 'created_at']).orderBy('slug').execute();
    return rows.map((row) => ({ tenant: row.slug, schema: row.schema_name, createdAt: new Date(row.created_at).toISOString() }));
  }

  /** Token → tenant, or undefined for an unknown or revoked token. */
  resolveToken(token: string, now = Date.now()): Promise<TenantRef | undefined> {
    return this.resolveTokenHash(hashToken(token), now);
  }

  /** resolveToken for a caller that already holds the token's hash (it keys the rate limiter too). */
  async resolveTokenHash(hash: string, now = Date.now()): Promise<TenantRef | undefined> {
    const cached = this.tokenCache.get(hash);
    if (cached && cached.expires > now) return cached.tenant;
    const row = await this.db
      .selectFrom('tessera.api_tokens as t')
      .innerJoin('tessera.tenants as n', 'n.slug', 't.tenant_slug')
      .select(['n.slug', 'n.schema_name'])
      .where('t.token_hash', '=', hash)
      .where('t.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row) {
      this.tokenCache.delete(hash);
      return undefined;
    }
    const tenant = { slug: row.slug, schema: row.schema_name };
    this.tokenCache.set(hash, { tenant, expires: now + CACHE_TTL_MS });
    return tenant;
  }

  async isAdminToken(token: string): Promise<boolean> {
    const row = await this.db.selectFrom('tessera.admin_tokens').select('token_hash').where('token_hash', '=', hashToken(token)).executeTakeFirst();
    return row !== undefined;
  }

  async hasAdminToken(): Promise<boolean> {
    const row = await this.db.selectFrom('tessera.admin_tokens').select('token_hash').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  async addAdminToken(token: string, label: string): Promise<void> {
    await this.db
      .insertInto('tessera.admin_tokens')
      .values({ token_hash: hashToken(token), label })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}
