// API tokens: 256 random bits, shown once, stored as sha256. A fast hash is right here because
// the secret has full entropy; slow hashes exist for low-entropy passwords.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function generateToken(prefix: 'tsr' | 'tsa'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(hashToken(a), 'hex');
  const right = Buffer.from(hashToken(b), 'hex');
  return timingSafeEqual(left, right);
}

/** `Authorization: Bearer <token>` → token, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
