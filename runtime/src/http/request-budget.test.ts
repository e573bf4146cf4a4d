import { describe, expect, it } from 'vitest';
import { budgetModeOf, isHeavy, requestClassOf } from './request-budget.ts';

describe('request budget classes', () => {
  it('scopes reads that can run long, gives writes a share slot, and leaves reads by id alone', () => {
    const id = '0190a1b2-0000-7000-8000-000000000001';
    expect(budgetModeOf('GET', `/api/v1/objects/deal/records/${id}`)).toBe('none');
    expect(budgetModeOf('PATCH', `/api/v1/objects/deal/records/${id}`)).toBe('slot');
    expect(budgetModeOf('POST', '/api/v1/objects/deal/records')).toBe('slot');
    expect(budgetModeOf('GET', '/api/v1/objects/deal/records')).toBe('scoped');
    expect(budgetModeOf('GET', `/api/v1/objects/deal/records/${id}/history`)).toBe('scoped');
    expect(budgetModeOf('GET', '/api/v1/objects/deal/board')).toBe('scoped');
    expect(budgetModeOf('POST', '/api/v1/metadata/plan')).toBe('scoped');
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

  it('marks reports and lists filtered by text searches heavy, and nothing else', () => {
    expect(isHeavy('report', undefined)).toBe(true);
    for (const operator of ['icontains', 'starts_with', 'ends_with', 'in'])
      expect(isHeavy('request', JSON.stringify({ [operator]: [{ var: 'name' }, 'x'] })), operator).toBe(true);
    expect(isHeavy('request', JSON.stringify({ '==': [{ var: 'stage' }, 'won'] }))).toBe(false);
    expect(isHeavy('request', undefined)).toBe(false);
  });
});
