import { describe, expect, it } from 'vitest';
import { needsScope, requestClassOf } from './request-budget.ts';

describe('request budget classes', () => {
  it('leaves only single-record reads outside the request scope', () => {
    expect(needsScope('GET', '/api/v1/objects/deal/records/0190a1b2-0000-7000-8000-000000000001')).toBe(false);
    expect(needsScope('PATCH', '/api/v1/objects/deal/records/0190a1b2-0000-7000-8000-000000000001')).toBe(true);
    expect(needsScope('GET', '/api/v1/objects/deal/records')).toBe(true);
    expect(needsScope('GET', '/api/v1/objects/deal/records/0190a1b2-0000-7000-8000-000000000001/history')).toBe(true);
    expect(needsScope('GET', '/api/v1/objects/deal/board')).toBe(true);
  });

  it('gives boards, funnels, forecasts and metadata plans the report timeout', () => {
    for (const path of [
      '/api/v1/objects/deal/board',
      '/api/v1/objects/deal/funnel',
      '/api/v1/objects/deal/forecast',
      '/api/v1/metadata/plan',
      '/api/v1/metadata/apply',
    ])
      expect(requestClassOf(path), path).toBe('report');
    for (const path of ['/api/v1/objects/deal/records', '/api/v1/security/users', '/api/v1/metadata']) expect(requestClassOf(path), path).toBe('request');
  });
});
