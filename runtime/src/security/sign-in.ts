// Email + password → a session, with exponential backoff after repeated failures, per email and
// per client address, kept in the tenant's database so restarts do not reset it. Unknown emails
// are throttled and timed exactly like known ones, so neither reveals who has an account.
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { ApiError } from '../http/api-error.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

export interface SignInPolicy {
  /** Failures per email before it is locked. */
  maxFailures: number;
  /** Failures per client address before it is locked (higher: many people share one NAT). */
  ipMaxFailures: number;
  /** First lock; each further failure doubles it, up to maxLockMs. */
  baseLockMs: number;
  maxLockMs: number;
  sessionTtlMs: number;
}

export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  maxFailures: 5,
  ipMaxFailures: 50,
  baseLockMs: 30_000,
  maxLockMs: 3_600_000,
  sessionTtlMs: 12 * 3_600_000,
};

/** 429 with a Retry-After header (problem-response adds it). */
export class RetryAfterError extends ApiError {
  constructor(code: 'TSR306' | 'TSR307' | 'TSR313', detail: string, readonly retryAfter: number) {
    super(code, detail);
  }
}

export interface SignedIn {
  userId: string;
  email: string;
  /** `<tenant>.<secret>`: the cookie value. Only its hash is stored. */
  sessionValue: string;
  sessionHash: string;
  expiresAt: Date;
}

export async function signIn(db: Db, tenant: { slug: string; schema: string }, email: string, password: string, ip: string, policy: SignInPolicy): Promise<SignedIn | undefined> {
  const t = (name: string) => sql.id(tenant.schema, name);
  const keys = [`email:${email.trim().toLowerCase()}`, `ip:${ip}`];
  const locks = await sql<{ wait_ms: number }>`
    select ceil(extract(epoch from (max(locked_until) - now())) * 1000)::int as wait_ms
    from ${t('_sign_in_throttle')} where key = any(cast(${keys} as text[])) and locked_until > now()`.execute(db);
  const waitMs = locks.rows[0]?.wait_ms;
  if (waitMs !== null && waitMs !== undefined && waitMs > 0) {
    throw new RetryAfterError('TSR306', 'Too many failed sign-ins; wait before trying again.', Math.ceil(waitMs / 1000));
  }
  const found = await sql<{ id: string; email: string; password_hash: string | null }>`
    select id, email, password_hash from ${t('_users')} where lower(email) = ${email.trim().toLowerCase()} and active`.execute(db);
  const user = found.rows[0];
  let valid = false;
  if (user?.password_hash) valid = await verifyPassword(password, user.password_hash);
  else await burnPasswordCheck(password);
  if (!valid || !user) {
    await recordFailure(db, tenant.schema, keys, policy);
    return undefined;
  }
  await sql`delete from ${t('_sign_in_throttle')} where key = ${keys[0]}`.execute(db);
  const secret = randomBytes(32).toString('base64url');
  const sessionValue = `${tenant.slug}.${secret}`;
  const sessionHash = hashSecret(sessionValue);
  const expiresAt = new Date(Date.now() + policy.sessionTtlMs);
  await sql`insert into ${t('_sessions')} (id_hash, user_id, expires_at) values (${sessionHash}, ${user.id}::uuid, ${expiresAt.toISOString()}::timestamptz)`.execute(db);
  return { userId: user.id, email: user.email, sessionValue, sessionHash, expiresAt };
}

async function recordFailure(db: Db, schema: string, keys: string[], policy: SignInPolicy): Promise<void> {
  for (const key of keys) {
    const max = key.startsWith('ip:') ? policy.ipMaxFailures : policy.maxFailures;
    await sql`
      insert into ${sql.id(schema, '_sign_in_throttle')} as s (key, failures, locked_until, updated_at)
      values (${key}, 1, case when 1 >= ${max}::int then now() + make_interval(secs => ${policy.baseLockMs / 1000}) end, now())
      on conflict (key) do update set
        failures = s.failures + 1,
        updated_at = now(),
        locked_until = case when s.failures + 1 >= ${max}::int
          then now() + make_interval(secs => least(${policy.maxLockMs / 1000}::float8, ${policy.baseLockMs / 1000}::float8 * power(2, s.failures + 1 - ${max}::int)))
          else s.locked_until end`.execute(db);
  }
}

export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
