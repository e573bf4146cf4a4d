// What every HTTP answer of the property suites must be: 2xx, or 4xx application/problem+json with
// a code; never ≥ 500. Returns a one-line description for the failure message.
import { expect } from 'vitest';
import type { HttpResult } from '../support/test-server.ts';

export function expectNo5xx(result: HttpResult, request: string): void {
  const summary = `${request} → ${result.status} ${result.text.slice(0, 400)}`;
  expect(result.status, summary).toBeLessThan(500);
  if (result.status >= 400) expectProblemJson(result, summary);
}

/** A 4xx RFC 9457 problem: content type, a TSR code, and errors[] with a path each. */
export function expectProblemJson(result: HttpResult, summary: string): { code: string; errors: Array<{ path: string; code: string }> } {
  expect(result.status, summary).toBeGreaterThanOrEqual(400);
  expect(result.status, summary).toBeLessThan(500);
  expect(result.headers.get('content-type'), summary).toMatch(/^application\/problem\+json/);
  const body = result.body as { code?: unknown; errors?: Array<{ path: string; code: string }> };
  expect(body.code, summary).toMatch(/^TSR\d{3}$/);
  expect(Array.isArray(body.errors), summary).toBe(true);
  for (const error of body.errors ?? []) expect(typeof error.path, summary).toBe('string');
  return body as { code: string; errors: Array<{ path: string; code: string }> };
}
