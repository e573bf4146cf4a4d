import { describe, expect, it } from 'vitest';
import { parseListQuery } from './parse-list-query.ts';

const filter = (rule: unknown) => JSON.stringify(rule);

describe('baseline parseListQuery', () => {
  it('reads the equality filter, sort and limit the list workload sends', () => {
    const parsed = parseListQuery({ filter: filter({ '==': [{ var: 'stage' }, 'proposal'] }), sort: '-amount,name', limit: '50' });
    expect(parsed).toEqual({
      ok: true,
      value: {
        filter: { kind: 'equals', field: 'stage', value: 'proposal' },
        sort: [
          { field: 'amount', descending: true },
          { field: 'name', descending: false },
        ],
        limit: 50,
        expandAccount: false,
      },
    });
  });

  it('reads the JsonLogic substring form as contains, with expand=account', () => {
    const parsed = parseListQuery({ filter: filter({ in: ['扩容', { var: 'name' }] }), expand: 'account' });
    expect(parsed.ok && parsed.value).toMatchObject({ filter: { kind: 'contains', field: 'name', text: '扩容' }, limit: 50, expandAccount: true });
  });

  it.each([
    [{ filter: '{not json' }, 'TSR103'],
    [{ filter: filter({ '>': [{ var: 'amount' }, 5] }) }, 'TSR116'],
    [{ filter: filter({ '==': [{ var: 'password' }, 'x'] }) }, 'TSR116'],
    [{ filter: filter({ in: ['x', { var: 'amount' }] }) }, 'TSR116'],
    [{ sort: '-secret' }, 'TSR104'],
    [{ limit: '0' }, 'TSR102'],
    [{ limit: '201' }, 'TSR102'],
    [{ expand: 'owner' }, 'TSR106'],
  ])('refuses %j with %s', (params, code) => {
    const parsed = parseListQuery(params);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.code).toBe(code);
  });
});
