// Cross-site request forgery: a form on another site can make the browser send a write with the
// session cookie. Such a request can only carry a form or text content type (the cookie is
// SameSite=Lax, which still lets top-level form POSTs through in some browsers), so a write
// authenticated by the cookie must be `application/json`, a type another site cannot send without
// a CORS preflight Tessera never grants. A bodyless write without a content type (restore, sign-out,
// recall) is let through: a form always sends a content type, and a cross-site fetch without one
// does not carry a SameSite=Lax cookie. A body without a content type is refused. Bearer tokens
// are never sent by the browser on its own and are not affected.
import type { Context } from 'hono';
import { ApiError } from '../core/api-error.ts';
import type { Credential } from './security-runtime.ts';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\b/i;
// Import files (issue #20) are sent as themselves: text/csv and the XLSX type are not
// CORS-safelisted either (a form can send only form, multipart and text/plain bodies), so they
// need the same preflight Tessera never grants.
const UPLOAD_TYPE = /^(?:text\/csv|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet)\s*(?:;|$)/i;
// A multipart import (the App's wizard: the file and its options in one body) IS a type a form can
// send, so with the cookie it must also carry this header: a form cannot set a header, and a
// cross-site fetch that sets one needs the preflight Tessera never grants.
const MULTIPART_TYPE = /^multipart\/form-data\s*(?:;|$)/i;
export const UPLOAD_HEADER = 'x-tessera-upload';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function refuseCrossSiteWrite(c: Context, credential: Credential): void {
  if (credential.kind !== 'session' || SAFE.has(c.req.method)) return;
  const type = c.req.header('content-type');
  if (type !== undefined ? JSON_TYPE.test(type) || UPLOAD_TYPE.test(type) : !hasBody(c)) return;
  if (type !== undefined && MULTIPART_TYPE.test(type) && c.req.header(UPLOAD_HEADER) !== undefined) return;
  throw new ApiError(
    'TSR317',
    `A write signed in with a session cookie must be sent as application/json${type ? `, not ${type.split(';')[0]?.slice(0, 60)}` : ''} (a form from another site cannot send that; a multipart import needs the ${UPLOAD_HEADER} header).`,
  );
}

function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  return c.req.header('transfer-encoding') !== undefined || (length !== undefined && length.trim() !== '0');
}
