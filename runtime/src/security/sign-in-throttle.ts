// Sign-in attempts counted before the password is checked, atomically in the tenant's database.
// Counting failures after the (slow, scrypt) check let a parallel burst through: every guess
// passed the lock check before any failure was written, so 29 wrong passwords and the right one
// all got checked. Now each attempt first takes a numbered slot under a row lock per key (email,
// client address); past the limit the key is locked and further attempts are refused unchecked.
// A successful sign-in gives its slot back (the email's counter is cleared).
import { sql } from 'kysely';
import type { SignInPolicy } from './sign-in-policy.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';

const maxFor = (key: string, policy: SignInPolicy) => (key.startsWith('ip:') ? policy.ipMaxFailures : policy.maxFailures);

/** Takes one attempt for every key, or none: 0 when the attempt may go ahead, else the seconds to wait. */
export async function reserveAttempt(db: ObjectDb, schema: string, keys: readonly string[], policy: SignInPolicy): Promise<number> {
  const table = sql.id(schema, '_sign_in_throttle');
  // Keys in one order, so two attempts never wait on each other's rows crosswise.
  const ordered = [...keys].sort();
  return db.transaction().execute(async (trx) => {
    await sql`insert into ${table} (key, failures) select unnest(cast(${ordered} as text[])), 0 on conflict (key) do nothing`.execute(trx);
    const rows = await sql<{ key: string; wait_ms: number | null }>`
      select key, case when locked_until > now() then ceil(extract(epoch from (locked_until - now())) * 1000)::int end as wait_ms
      from ${table} where key = any(cast(${ordered} as text[])) order by key for update`.execute(trx);
    const waitMs = Math.max(0, ...rows.rows.map((row) => row.wait_ms ?? 0));
    if (waitMs > 0) return Math.ceil(waitMs / 1000);
    for (const key of ordered) {
      const max = maxFor(key, policy);
      await sql`
        update ${table} as s set failures = s.failures + 1, updated_at = now(),
          locked_until = case when s.failures + 1 >= ${max}::int
            then now() + make_interval(secs => least(${policy.maxLockMs / 1000}::float8, ${policy.baseLockMs / 1000}::float8 * power(2, s.failures + 1 - ${max}::int)))
            else s.locked_until end
        where key = ${key}`.execute(trx);
    }
    return 0;
  });
}

/** The attempt was right: the email starts afresh; the client address gets its slot back. */
export async function settleSuccess(db: ObjectDb, schema: string, keys: readonly string[], policy: SignInPolicy): Promise<void> {
  const table = sql.id(schema, '_sign_in_throttle');
  for (const key of keys) {
    if (!key.startsWith('ip:')) {
      await sql`delete from ${table} where key = ${key}`.execute(db);
      continue;
    }
    await sql`
      update ${table} set failures = greatest(failures - 1, 0), updated_at = now(),
        locked_until = case when failures - 1 < ${maxFor(key, policy)}::int then null else locked_until end
      where key = ${key}`.execute(db);
  }
}
