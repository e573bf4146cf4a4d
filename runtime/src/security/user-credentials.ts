// A user's own credentials as SQL (routes/auth-routes.ts parses and renders): accept an invitation
// (set the first password), end a session, list, create and revoke personal API tokens.
import { sql } from 'kysely';
import { ApiError } from '../core/api-error.ts';
import { isoText, isoTextOrNull } from '../db/iso-text.ts';
import { type ObjectDb, tenantTables } from '../db/tenant-tables.ts';

/** Active personal API tokens per user: enough for every machine and script, few enough to review. */
export const MAX_USER_TOKENS = 20;

/** Sets the password of the active user invited with `inviteHash`, if the invitation is still valid. */
export async function acceptInvite(db: ObjectDb, schema: string, inviteHash: string, passwordHash: string): Promise<{ id: string; email: string } | undefined> {
  return tenantTables(db, schema)
    .updateTable('_users')
    .set({ password_hash: passwordHash, invite_hash: null, invite_expires_at: null, updated_at: sql`now()` })
    .where('invite_hash', '=', inviteHash)
    .where('invite_expires_at', '>', sql<Date>`now()`)
    .where('active', '=', true)
    .returning(['id', 'email'])
    .executeTakeFirst();
}

export async function revokeSession(trx: ObjectDb, schema: string, sessionHash: string): Promise<void> {
  await tenantTables(trx, schema).updateTable('_sessions').set({ revoked_at: sql`now()` }).where('id_hash', '=', sessionHash).execute();
}

export async function listUserTokens(db: ObjectDb, schema: string, userId: string) {
  const rows = await tenantTables(db, schema)
    .selectFrom('_user_tokens')
    .select(['id', 'label', isoText('created_at').as('created_at'), isoTextOrNull('revoked_at').as('revoked_at')])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, label: row.label, createdAt: row.created_at, revokedAt: row.revoked_at }));
}

/** Stores the token's hash for the user; refused (409 TSR316) past MAX_USER_TOKENS active tokens. */
export async function insertUserToken(db: ObjectDb, schema: string, userId: string, tokenHash: string, label: string): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const tables = tenantTables(trx, schema);
    // The user's row lock makes count-then-insert atomic: a parallel burst cannot pass the limit.
    await tables.selectFrom('_users').select('id').where('id', '=', userId).forUpdate().execute();
    const active = await tables
      .selectFrom('_user_tokens')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if ((active?.n ?? 0) >= MAX_USER_TOKENS) {
      throw new ApiError('TSR316', `You hold ${MAX_USER_TOKENS} active API tokens, the most a user may; revoke one first.`);
    }
    const created = await tables.insertInto('_user_tokens').values({ token_hash: tokenHash, user_id: userId, label }).returning('id').executeTakeFirstOrThrow();
    return created.id;
  });
}

/** Revokes the user's active token `id` (compared as text, so a malformed id is 404 TSR310 like a missing one). */
export async function revokeUserToken(trx: ObjectDb, schema: string, userId: string, id: string): Promise<void> {
  const revoked = await tenantTables(trx, schema)
    .updateTable('_user_tokens')
    .set({ revoked_at: sql`now()` })
    .where(sql<string>`id::text`, '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  if (revoked.length === 0) throw new ApiError('TSR310', `You have no active token '${id.slice(0, 64)}'.`);
}
