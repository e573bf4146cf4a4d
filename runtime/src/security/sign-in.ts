// Email + password → a session, with exponential backoff after repeated failures, per email and
// per client address, kept in the tenant's database so restarts do not reset it. Unknown emails
// are throttled and timed exactly like known ones, so neither reveals who has an account.
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';
import type { SignInPolicy } from './sign-in-policy.ts';
import { reserveAttempt, settleSuccess } from './sign-in-throttle.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';

/** 429 with a Retry-After header (problem-response adds it). */
export class RetryAfterError extends ApiError {
  constructor(
    code: 'TSR306' | 'TSR307' | 'TSR313',
    detail: string,
    readonly retryAfter: number,
  ) {
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

export async function signIn(
  db: ObjectDb,
  tenant: { slug: string; schema: string },
  email: string,
  password: string,
  ip: string,
  policy: SignInPolicy,
): Promise<SignedIn | undefined> {
  const keys = [`email:${email.trim().toLowerCase()}`, `ip:${ip}`];
  const wait = await reserveAttempt(db, tenant.schema, keys, policy);
  if (wait > 0) throw new RetryAfterError('TSR306', 'Too many failed sign-ins; wait before trying again.', wait);
  const user = await tenantTables(db, tenant.schema)
    .selectFrom('_users')
    .select(['id', 'email', 'password_hash'])
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .where('active', '=', true)
    .executeTakeFirst();
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
  await tenantTables(db, tenant.schema)
    .insertInto('_sessions')
    .values({ id_hash: sessionHash, user_id: user.id, expires_at: expiresAt.toISOString() })
    .execute();
  return { userId: user.id, email: user.email, sessionValue, sessionHash, expiresAt };
}

export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
