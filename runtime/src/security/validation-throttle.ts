// Failed validations per user and object, counted in one-minute windows: a user whose writes fail
// validation `perMinute` times is refused further writes of that object (429 TSR313 + Retry-After)
// until the window ends, and the first refusal is written to the audit log. Why: a validation rule
// that reads a field hidden from the writer answers yes/no about it, so a hidden number can be
// found by bisection (24 patches recovered a margin exactly); a low limit makes that slow and loud.
// In memory per process, like the credential rate limit: cheap, and enough to make probing visible.
import type { MiddlewareHandler } from 'hono';
import { auditActor } from '../audit/audit-actor.ts';
import { writeAudit } from '../audit/audit-log.ts';
import { ApiError } from '../core/api-error.ts';
import type { AppEnv } from '../http/app-env.ts';
import { RetryAfterError } from './sign-in.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';

export interface ValidationFailureLimit {
  perMinute: number;
}

export const DEFAULT_VALIDATION_FAILURE_LIMIT: ValidationFailureLimit = { perMinute: 10 };
export const VALIDATION_FAILURES_ENV = 'TESSERA_VALIDATION_FAILURES_PER_MINUTE';

/** The limit when createApp is given none: TESSERA_VALIDATION_FAILURES_PER_MINUTE (0 turns it off), else the default. */
export function validationFailureLimitFromEnv(env: NodeJS.ProcessEnv = process.env): ValidationFailureLimit | false {
  const text = env[VALIDATION_FAILURES_ENV]?.trim();
  if (!text || !/^\d{1,6}$/.test(text)) return DEFAULT_VALIDATION_FAILURE_LIMIT;
  return Number(text) === 0 ? false : { perMinute: Number(text) };
}
const WINDOW_MS = 60_000;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export class FailureWindows {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: ValidationFailureLimit,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may write again, or 0. */
  blockedFor(key: string): number {
    const window = this.current(key);
    return window && window.count >= this.limit.perMinute ? Math.max(1, Math.ceil((window.start + WINDOW_MS - this.now()) / 1000)) : 0;
  }

  /** Counts one failure; true when this one reached the limit. */
  fail(key: string): boolean {
    let window = this.current(key);
    if (!window) {
      if (this.windows.size > 100_000) this.windows.clear();
      window = { start: this.now(), count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count === this.limit.perMinute;
  }

  private current(key: string) {
    const window = this.windows.get(key);
    return window && this.now() - window.start < WINDOW_MS ? window : undefined;
  }
}

/** Middleware over /objects/<object>/…: refuses blocked writers, counts TSR500 answers. */
export function validationThrottle(windows: FailureWindows | undefined, db: ObjectDb): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const access = c.get('access');
    if (!windows || !WRITES.has(c.req.method) || !access || access.admin || access.principal.kind !== 'user') return next();
    const object = /\/objects\/([^/]+)/.exec(new URL(c.req.url).pathname)?.[1] ?? '';
    const key = `${c.get('tenant').schema}\u0000${access.principal.userId}\u0000${object}`;
    const wait = windows.blockedFor(key);
    if (wait > 0) {
      throw new RetryAfterError('TSR313', `Too many writes of ${object.slice(0, 64)} failed validation in the last minute; retry in ${wait} s.`, wait);
    }
    await next();
    const error = c.error;
    if (!(error instanceof ApiError) || !(error.code === 'TSR500' || error.errors.some((item) => item.code === 'TSR500'))) return;
    if (!windows.fail(key)) return;
    await writeAudit(db, c.get('tenant').schema, {
      event: 'validation.throttled',
      actor: auditActor(access),
      target: object.slice(0, 64),
      detail: { object: object.slice(0, 64), failures: windows.limit.perMinute, windowSeconds: WINDOW_MS / 1000 },
      requestId: c.get('requestId'),
    });
  };
}
