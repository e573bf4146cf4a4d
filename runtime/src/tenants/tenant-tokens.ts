// A tenant's integration tokens for the instance administrator: list, rotate, revoke. A token is
// shown once, when issued; afterwards it is named by its fingerprint, the first 12 hex digits of
// its SHA-256 (what is stored), which identifies it without revealing anything that signs in.
// Revocation takes effect at once in this process and within the token cache's minute elsewhere.
import type { Kysely } from 'kysely';
import type { SystemDatabase } from '../db/system-schema.ts';
import { ApiError } from '../core/api-error.ts';
import type { TenantStore } from './tenant-store.ts';
import { hashToken } from './tokens.ts';

export interface TenantTokenInfo {
  fingerprint: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

const FINGERPRINT = /^[0-9a-f]{12}$/;
export const fingerprintOf = (token: string): string => hashToken(token).slice(0, 12);

export async function listTenantTokens(store: TenantStore, slug: string): Promise<TenantTokenInfo[]> {
  if (!(await store.findTenant(slug))) throw new ApiError('TSR305', `Tenant '${slug.slice(0, 64)}' does not exist.`);
  const rows = await store.db
    .selectFrom('tessera.api_tokens')
    .select(['token_hash', 'label', 'created_at', 'revoked_at'])
    .where('tenant_slug', '=', slug)
    .orderBy('created_at')
    .orderBy('token_hash')
    .execute();
  return rows.map((row) => ({
    fingerprint: row.token_hash.slice(0, 12),
    label: row.label,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
  }));
}

export async function revokeTenantToken(store: TenantStore, slug: string, fingerprint: string): Promise<void> {
  const revoked = await store.db.transaction().execute((trx) => revokeIn(trx, slug, fingerprint));
  // After the commit: a request resolving the token in between would cache it as still valid.
  store.forgetTokenHash(revoked.hash);
}

/** A new token with the old one's label, and the old one revoked, in one transaction. */
export async function rotateTenantToken(store: TenantStore, slug: string, fingerprint: string): Promise<{ token: string; fingerprint: string; label: string }> {
  const rotated = await store.db.transaction().execute(async (trx) => {
    const { label, hash } = await revokeIn(trx, slug, fingerprint);
    const token = await store.issueToken(slug, label, trx);
    return { token, fingerprint: fingerprintOf(token), label, hash };
  });
  store.forgetTokenHash(rotated.hash);
  return { token: rotated.token, fingerprint: rotated.fingerprint, label: rotated.label };
}

async function revokeIn(trx: Kysely<SystemDatabase>, slug: string, fingerprint: string): Promise<{ label: string; hash: string }> {
  const missing = new ApiError('TSR319', `Tenant '${slug.slice(0, 64)}' has no active token with fingerprint '${fingerprint.slice(0, 64)}'.`);
  if (!FINGERPRINT.test(fingerprint)) throw missing;
  const revoked = await trx
    .updateTable('tessera.api_tokens')
    .set({ revoked_at: new Date() })
    .where('tenant_slug', '=', slug)
    .where('token_hash', 'like', `${fingerprint}%`)
    .where('revoked_at', 'is', null)
    .returning(['token_hash', 'label'])
    .execute();
  // 48 bits make a collision within one tenant's tokens practically impossible; refuse one anyway.
  if (revoked.length !== 1) throw missing;
  const row = revoked[0] as { token_hash: string; label: string };
  return { label: row.label, hash: row.token_hash };
}
