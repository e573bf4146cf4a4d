// RFC 9457 problem+json responses with the contract's codes, the way a hand-written API would
// return them: one small helper, no framework.
import type { Context } from 'hono';

export function problem(c: Context, status: number, code: string, title: string, detail?: string): Response {
  const body = {
    type: `urn:tessera:problem:${code}`,
    title,
    status,
    code,
    ...(detail ? { detail } : {}),
    instance: c.req.path,
    errors: [],
  };
  return c.body(JSON.stringify(body), status as 400, { 'content-type': 'application/problem+json' });
}
