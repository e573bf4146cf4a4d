// Bearer-token middleware for both hand-written baselines. Constant-time (crypto.timingSafeEqual), as
// any server that authenticates must be: comparing with `!==` stops at the first differing byte,
// which lets a client learn the token byte by byte from response times. Tessera authenticates every
// request too, so a baseline that skipped this would be measuring less work.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { problem } from './problem.ts';

export function requireBearer(token: string): MiddlewareHandler {
  const expected = Buffer.from(`Bearer ${token}`, 'utf8');
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    if (!authorization) return problem(c, 401, 'TSR300', 'Missing credentials');
    const given = Buffer.from(authorization, 'utf8');
    // timingSafeEqual needs equal lengths; the length of a fixed-format token is no secret.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return problem(c, 401, 'TSR301', 'Invalid credentials');
    await next();
  };
}
