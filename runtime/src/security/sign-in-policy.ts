// How sign-in failures are throttled and how long a session lives: read by sign-in.ts and the
// throttle it uses (sign-in-throttle.ts), so neither imports the other for it.

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
