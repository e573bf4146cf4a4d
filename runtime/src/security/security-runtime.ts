// The per-process security machinery: tenant system-table upgrades, the cache of each tenant's
// security state (swapped on a new security revision: set in-process by the change, NOTIFY from
// other processes, a periodic check as safety net), credential → principal resolution and the
// per-credential rate limiter. On the hot path a known credential costs no database query.
import { sql } from 'kysely';
import type { Catalog } from '../catalog/catalog-types.ts';
import type { TenantRef, TenantStore } from '../tenants/tenant-store.ts';
import { type TenantUpgrader, tenantUpgraderFor } from '../tenants/tenant-migrations.ts';
import { CredentialHashes } from './credential-hashes.ts';
import { DEFAULT_RATE_LIMIT, type RateLimit, RateLimiter } from './rate-limiter.ts';
import { secureCatalog } from './secure-catalog.ts';
import type { Principal, RequestAccess, TenantSecurity } from './security-types.ts';
import { DEFAULT_SIGN_IN_POLICY, type SignInPolicy } from './sign-in-policy.ts';
import { FailureWindows, type ValidationFailureLimit, validationFailureLimitFromEnv } from './validation-throttle.ts';
import { loadTenantSecurity, securityRevision, userAccess } from './tenant-security.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';

export const SECURITY_CHANNEL = 'tessera_security';
export const SESSION_COOKIE = 'tessera_session';
export const USER_TOKEN_PREFIX = 'tsu_';

export interface SecurityOptions {
  /** Per-credential limit; false turns it off. */
  rateLimit?: RateLimit | false;
  signIn?: Partial<SignInPolicy>;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy?: boolean;
  /** Writes failing validation per user and object per minute before 429 TSR313 (validation-throttle.ts); false turns it off. */
  validationFailures?: ValidationFailureLimit | false;
}

export type Credential = { kind: 'bearer'; token: string } | { kind: 'session'; value: string };

export interface Authenticated {
  tenant: TenantRef;
  principal: Principal;
  /** Key for the rate limiter: a hash of the credential. */
  limitKey: string;
}

export class SecurityRuntime {
  readonly upgrader: TenantUpgrader;
  readonly policy: SignInPolicy;
  readonly trustProxy: boolean;
  private readonly limiter: RateLimiter | undefined;
  readonly validationFailures: FailureWindows | undefined;
  private readonly states = new Map<string, { state: TenantSecurity; stale: boolean }>();
  private readonly loading = new Map<string, Promise<TenantSecurity>>();
  /** Bearer tokens and session cookies → their sha256 (hashToken and hashSecret are both sha256 hex). */
  private readonly hashes = new CredentialHashes();

  constructor(
    private readonly db: ObjectDb,
    private readonly tenants: TenantStore,
    options: SecurityOptions = {},
  ) {
    this.upgrader = tenantUpgraderFor(db);
    this.policy = { ...DEFAULT_SIGN_IN_POLICY, ...options.signIn };
    this.trustProxy = options.trustProxy ?? false;
    this.limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
    const failures = options.validationFailures ?? validationFailureLimitFromEnv();
    this.validationFailures = failures === false ? undefined : new FailureWindows(failures);
  }

  async state(tenant: TenantRef): Promise<TenantSecurity> {
    const entry = this.states.get(tenant.slug);
    if (entry && !entry.stale) return entry.state;
    let pending = this.loading.get(tenant.slug);
    if (!pending) {
      pending = (async () => {
        await this.upgrader.ensure(tenant.schema);
        const state = await loadTenantSecurity(this.db, tenant.slug, tenant.schema);
        const current = this.states.get(tenant.slug);
        if (!current || current.stale || current.state.revision <= state.revision) this.states.set(tenant.slug, { state, stale: false });
        return state;
      })().finally(() => this.loading.delete(tenant.slug));
      this.loading.set(tenant.slug, pending);
    }
    return pending;
  }

  /** This process changed the tenant's security: reload before the next request. */
  invalidate(slug: string): void {
    const entry = this.states.get(slug);
    if (entry) entry.stale = true;
    // A load that started before the change may carry the old state: let the next request start afresh.
    this.loading.delete(slug);
  }

  markStale(slug: string, revision: number): void {
    const entry = this.states.get(slug);
    if (entry && entry.state.revision < revision) entry.stale = true;
  }

  async checkRevisions(): Promise<void> {
    for (const [slug, entry] of this.states) {
      try {
        this.markStale(slug, await securityRevision(this.db, entry.state.schema));
      } catch {
        // The next request reloads or reports; the check must never crash the process.
      }
    }
  }

  /** Credential → tenant and principal, or undefined when it is unknown, revoked or expired. */
  async authenticate(credential: Credential): Promise<Authenticated | undefined> {
    if (credential.kind === 'bearer' && !credential.token.startsWith(USER_TOKEN_PREFIX)) {
      // The token's sha256 (remembered per credential): it finds the token and keys the rate limiter.
      const hash = this.hashes.hash(credential.token);
      const tenant = await this.tenants.resolveTokenHash(hash);
      if (!tenant) return undefined;
      await this.upgrader.ensure(tenant.schema);
      return { tenant, principal: { kind: 'integration' }, limitKey: hash };
    }
    const value = credential.kind === 'bearer' ? credential.token.slice(USER_TOKEN_PREFIX.length) : credential.value;
    const dot = value.indexOf('.');
    if (dot < 2 || value.length > 512) return undefined;
    const tenant = await this.tenants.findTenantCached(value.slice(0, dot));
    if (!tenant) return undefined;
    const hash = this.hashes.hash(credential.kind === 'bearer' ? credential.token : credential.value);
    const state = await this.state(tenant);
    let cached = state.credentials.get(hash);
    if (!cached) {
      const tables = tenantTables(this.db, tenant.schema);
      const row =
        credential.kind === 'bearer'
          ? await tables
              .selectFrom('_user_tokens')
              .select(['user_id', sql<number | null>`null::float8`.as('expires')])
              .where('token_hash', '=', hash)
              .where('revoked_at', 'is', null)
              .executeTakeFirst()
          : await tables
              .selectFrom('_sessions')
              .select(['user_id', sql<number | null>`(extract(epoch from expires_at) * 1000)::float8`.as('expires')])
              .where('id_hash', '=', hash)
              .where('revoked_at', 'is', null)
              .where('expires_at', '>', sql<Date>`now()`)
              .executeTakeFirst();
      if (!row) return undefined;
      cached = { userId: row.user_id, expiresAt: row.expires === null ? null : Number(row.expires) };
      if (state.credentials.size > 10_000) state.credentials.clear();
      state.credentials.set(hash, cached);
    }
    if (cached.expiresAt !== null && cached.expiresAt <= Date.now()) return undefined;
    const user = await userAccess(this.db, state, cached.userId);
    if (!user?.active) return undefined;
    return {
      tenant,
      principal: { kind: 'user', userId: user.userId, via: credential.kind === 'bearer' ? 'token' : 'session', credentialHash: hash },
      limitKey: hash,
    };
  }

  async access(tenant: TenantRef, principal: Principal): Promise<RequestAccess> {
    const security = await this.state(tenant);
    if (principal.kind === 'integration') return { principal, security, user: undefined, admin: true };
    const user = await userAccess(this.db, security, principal.userId);
    return { principal, security, user, admin: user?.admin === true };
  }

  /** The catalog as this request may see it. */
  catalogFor(catalog: Catalog, access: RequestAccess): Catalog {
    return access.admin || !access.user ? catalog : secureCatalog(catalog, access.security, access.user);
  }

  /** 0 = go ahead; else seconds to wait. */
  rateLimit(key: string): number {
    return this.limiter ? this.limiter.take(key) : 0;
  }
}

/** Bumps the tenant's security revision in the caller's transaction and tells other processes at commit. */
export async function bumpSecurityRevision(trx: ObjectDb, tenant: TenantRef): Promise<number> {
  const bumped = await tenantTables(trx, tenant.schema)
    .updateTable('_security_revision')
    .set((eb) => ({ revision: eb('revision', '+', 1) }))
    .returning(sql<number>`revision::int`.as('revision'))
    .executeTakeFirst();
  const revision = bumped?.revision ?? 0;
  await sql`select pg_notify(${SECURITY_CHANNEL}, ${`${tenant.slug}:${revision}`})`.execute(trx);
  return revision;
}
