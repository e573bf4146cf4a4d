import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashToken } from '../tenants/tokens.ts';
import { CredentialHashes } from './credential-hashes.ts';
import { hashSecret } from './sign-in.ts';

describe('CredentialHashes', () => {
  it('gives the sha256 the token and session tables store, first time and remembered', () => {
    const hashes = new CredentialHashes(8);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 80 }), { minLength: 1, maxLength: 20 }), (credentials) => {
        for (const credential of [...credentials, ...credentials]) {
          expect(hashes.hash(credential)).toBe(hashToken(credential));
          expect(hashes.hash(credential)).toBe(hashSecret(credential));
        }
      }),
    );
  });

  it('a credential sharing a prefix or differing in its last character gets its own hash', () => {
    const hashes = new CredentialHashes();
    const token = 'tsr_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    expect(hashes.hash(token)).toBe(hashToken(token));
    for (const other of [`${token.slice(0, -1)}H`, token.slice(0, -1), `${token}x`]) expect(hashes.hash(other)).toBe(hashToken(other));
    expect(hashes.hash(token)).toBe(hashToken(token));
  });
});
