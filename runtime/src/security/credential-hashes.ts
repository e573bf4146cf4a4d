// Credential → its sha256, remembered per process. Every request hashed its bearer token or session
// cookie again (createHash makes a native object each time: ~11 µs of a get's CPU in profile-op);
// the same few credentials arrive over and over, so the hash is looked up instead. The hash still
// finds the tenant, the user and the rate limit as before, so revocation and expiry are checked
// exactly as without the cache (it holds no decision, only the hash).
//
// A Map lookup keyed by the secret compares strings only after a match of V8's per-process seeded
// hash, and the hit is then confirmed with timingSafeEqual over the whole credential, so how long
// a lookup takes does not tell a caller how much of a guessed credential was right.
import { createHash, timingSafeEqual } from 'node:crypto';

interface Remembered {
  readonly secret: Buffer;
  readonly hash: string;
}

export class CredentialHashes {
  private readonly byCredential = new Map<string, Remembered>();

  /** `limit` distinct credentials; past it the cache starts afresh (a flood of random tokens cannot grow it). */
  constructor(private readonly limit = 10_000) {}

  hash(credential: string): string {
    const remembered = this.byCredential.get(credential);
    if (remembered) {
      const given = Buffer.from(credential);
      if (given.length === remembered.secret.length && timingSafeEqual(given, remembered.secret)) return remembered.hash;
    }
    const hash = createHash('sha256').update(credential).digest('hex');
    if (this.byCredential.size >= this.limit) this.byCredential.clear();
    this.byCredential.set(credential, { secret: Buffer.from(credential), hash });
    return hash;
  }
}
