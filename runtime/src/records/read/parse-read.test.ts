// The parse stage of reads: every problem at once with its path, cursors decoded (and refused)
// before any SQL exists, and plans frozen. Catalog from fixture metadata, no database.
import { ruleContextAt } from '@tessera/metadata';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledObject } from '../../catalog/catalog-types.ts';
import { compileCatalog } from '../../catalog/compile-catalog.ts';
import { crmSnapshot } from '../../openapi/openapi-fixtures.ts';
import { bindRuleContext } from '../../rules/bind-rule-context.ts';
import { encodeCursor, INLINE_VALUE_LIMIT } from '../cursor.ts';
import { parseGetPlan } from './parse-get.ts';
import { parseListPlan } from './parse-list.ts';

const catalog = bindRuleContext(
  compileCatalog({ tenant: 'acme', schema: 't_acme', revision: 1, snapshot: crmSnapshot() }),
  ruleContextAt(new Date('2026-03-01T00:00:00Z'), null),
);
const opportunity = catalog.objects.get('opportunity') as CompiledObject;
const account = catalog.objects.get('account') as CompiledObject;
const RECORD_ID = '0190a6c2-7d4e-7000-8000-000000000001';

function problems(query: Record<string, string>) {
  const parsed = parseListPlan(query, opportunity);
  if (parsed.ok) throw new Error('expected the list request to be refused');
  return parsed.errors.map(({ path, code }) => ({ path, code }));
}

describe('parseListPlan', () => {
  it('reports every problem of a request at once, each at its parameter', () => {
    expect(problems({ limit: '0', deleted: 'maybe', fields: 'name,nope', expand: 'name', sort: 'tags', page: '2', filter: '{' })).toEqual([
      { path: 'page', code: 'TSR102' },
      { path: 'filter', code: 'TSR103' },
      { path: 'sort', code: 'TSR104' },
      { path: 'limit', code: 'TSR102' },
      { path: 'fields', code: 'TSR106' },
      { path: 'expand', code: 'TSR106' },
      { path: 'deleted', code: 'TSR102' },
    ]);
  });

  it('refuses a cursor it did not issue, at cursor with TSR105', () => {
    for (const cursor of ['not a cursor', 'e30', Buffer.from('["id",[1]]').toString('base64url'), 'x'.repeat(5000)]) {
      expect(problems({ cursor })).toEqual([{ path: 'cursor', code: 'TSR105' }]);
    }
  });

  it('refuses a cursor of another sort and names both sorts', () => {
    const cursor = encodeCursor({ sort: 'name,id', values: ['A', RECORD_ID] });
    const parsed = parseListPlan({ cursor, sort: '-amount' }, opportunity);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors).toEqual([
        expect.objectContaining({ path: 'cursor', code: 'TSR105', message: expect.stringContaining("'name,id', not '-amount,id'") }),
      ]);
  });

  it('reports only the sort when the sort is invalid: the cursor cannot be checked against it', () => {
    expect(problems({ sort: 'nope', cursor: 'garbage' })).toEqual([{ path: 'sort', code: 'TSR104' }]);
  });

  it('builds a frozen plan: projection with id first and expanded lookups, order ending with id', () => {
    const parsed = parseListPlan({ fields: 'amount,name', expand: 'account', sort: '-amount', limit: '5', deleted: 'include' }, opportunity);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const plan = parsed.value;
    expect(plan).toMatchObject({
      kind: 'list',
      object: 'opportunity',
      columns: ['id', 'amount', 'name', 'account'],
      expand: ['account'],
      order: [
        { column: 'amount', descending: true },
        { column: 'id', descending: false },
      ],
      orderSignature: '-amount,id',
      page: { limit: 5, after: undefined },
      deleted: 'include',
      where: undefined,
    });
    for (const part of [plan, plan.columns, plan.expand, plan.order, plan.order[0], plan.page]) expect(Object.isFrozen(part)).toBe(true);
  });

  it('decodes every cursor it issues back to the same page start (property)', () => {
    const value = fc.option(fc.string({ maxLength: INLINE_VALUE_LIMIT + 40 }), { nil: null });
    fc.assert(
      fc.property(fc.boolean(), value, fc.uuid(), (descending, name, id) => {
        const sort = `${descending ? '-' : ''}name,id`;
        const plan = parseListPlan({ sort: descending ? '-name' : 'name', cursor: encodeCursor({ sort, values: [name, id] }) }, account);
        if (!plan.ok) throw new Error(JSON.stringify(plan.errors));
        const long = name !== null && name.length > INLINE_VALUE_LIMIT;
        expect(plan.value.page.after).toEqual({ values: [long ? null : name, id], fromRow: long ? [0] : [] });
      }),
    );
  });
});

describe('parseGetPlan', () => {
  it('keeps the id as given and expands lookups only', () => {
    const parsed = parseGetPlan(RECORD_ID, 'account', opportunity);
    expect(parsed).toEqual({
      ok: true,
      value: { kind: 'get', object: 'opportunity', id: RECORD_ID, columns: undefined, expand: ['account'], deleted: 'exclude' },
    });
    expect(parsed.ok && Object.isFrozen(parsed.value)).toBe(true);
  });

  it('refuses every expand name that is not a lookup, at expand with TSR106', () => {
    const parsed = parseGetPlan(RECORD_ID, 'name,nope,account', opportunity);
    expect(parsed.ok ? [] : parsed.errors.map(({ path, code, message }) => ({ path, code, message }))).toEqual([
      { path: 'expand', code: 'TSR106', message: "'name' is not a lookup, many-to-many or user field of opportunity" },
      { path: 'expand', code: 'TSR106', message: "opportunity has no field 'nope'" },
    ]);
  });
});
