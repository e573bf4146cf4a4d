// Email + password → a session, with exponential backoff after repeated failures, per email and
// per client address, kept in the tenant's database so restarts do not reset it. Unknown emails
// are throttled and timed exactly like known ones, so neither reveals who has an account.
import { createHash, randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { ApiError } from '../http/api-error.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import { reserveAttempt, settleSuccess } from './sign-in-throttle.ts';

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
  const wait = await reserveAttempt(db, tenant.schema, keys, policy);
  if (wait > 0) throw new RetryAfterError('TSR306', 'Too many failed sign-ins; wait before trying again.', wait);
  const found = await sql<{ id: string; email: string; password_hash: string | null }>`
    select id, email, password_hash from ${t('_users')} where lower(email) = ${email.trim().toLowerCase()} and active`.execute(db);
  const user = found.rows[0];
  let valid = false;
  if (user?.password_hash) valid = await verifyPassword(password, user.password_hash);
  else await burnPasswordCheck(password);
  // A failure was counted when the attempt was reserved.
  if (!valid || !user) return undefined;
  await settleSuccess(db, tenant.schema, keys, policy);
  const secret = randomBytes(32).toString('base64url');
  const sessionValue = `${tenant.slug}.${secret}`;
  const sessionHash = hashSecret(sessionValue);
  const expiresAt = new Date(Date.now() + policy.sessionTtlMs);
  await sql`insert into ${t('_sessions')} (id_hash, user_id, expires_at) values (${sessionHash}, ${user.id}::uuid, ${expiresAt.toISOString()}::timestamptz)`.execute(db);
  return { userId: user.id, email: user.email, sessionValue, sessionHash, expiresAt };
}

export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
