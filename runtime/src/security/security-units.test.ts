// Pure pieces of the security module: permission-set union and field access, computed fields that
// would leak hidden values, the token bucket, and password hashing.
import { describe, expect, it } from 'vitest';
import { compileUserAccess, fieldAccess } from './compile-user-access.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { RateLimiter } from './rate-limiter.ts';
import { hideLeakingComputedFields } from './secure-catalog.ts';
import type { PermissionSetRow } from './security-types.ts';

const sets = (...rows: Omit<PermissionSetRow, 'label' | 'labels' | 'version'>[]) => ({
  permissionSets: new Map(rows.map((row) => [row.id, { ...row, label: row.name, labels: {}, version: 1 }])),
});
const user = (permissionSetIds: string[]) => ({
  userId: 'u',
  email: 'u@x',
  name: 'u',
  admin: false,
  active: true,
  roleId: null,
  rolePath: null,
  permissionSetIds,
});

describe('compileUserAccess', () => {
  it('unions permission sets and normalises implied permissions', () => {
    const security = sets(
      { id: 'a', name: 'a', objects: { deal: { read: true, fields: { amount: 'none', margin: 'read' } } } },
      { id: 'b', name: 'b', objects: { deal: { edit: true, fields: { amount: 'read' } }, lead: { modifyAll: true } } },
    );
    const access = compileUserAccess(security, user(['a', 'b', 'missing']));
    expect(access.objects.get('deal')).toMatchObject({ read: true, edit: true, create: false, delete: false, viewAll: false });
    expect(access.objects.get('lead')).toMatchObject({ read: true, edit: true, delete: true, viewAll: true, modifyAll: true });
    const deal = access.objects.get('deal');
    if (!deal) throw new Error('no deal');
    expect(fieldAccess(deal, 'amount')).toBe('read'); // b grants read; a's none does not subtract
    expect(fieldAccess(deal, 'margin')).toBe('edit'); // b lists nothing: its object level (edit)
    expect(fieldAccess(deal, 'name')).toBe('edit');
    expect(compileUserAccess(security, user(['a'])).objects.get('deal')?.grants).toHaveLength(1);
    const onlyA = compileUserAccess(security, user(['a'])).objects.get('deal');
    if (!onlyA) throw new Error('no deal');
    expect(fieldAccess(onlyA, 'amount')).toBe('none');
    expect(fieldAccess(onlyA, 'margin')).toBe('read'); // a field cannot exceed its set's object level
    expect(compileUserAccess(security, user([])).objects.size).toBe(0);
  });
});

describe('hideLeakingComputedFields', () => {
  const fields = [
    { apiName: 'amount', type: 'currency' },
    { apiName: 'cost', type: 'currency' },
    { apiName: 'margin', type: 'formula', expression: { '-': [{ var: 'amount' }, { var: 'cost' }] } },
    { apiName: 'double_margin', type: 'formula', expression: { '*': [{ var: 'margin' }, 2] } },
    { apiName: 'today_flag', type: 'formula', expression: { '==': [{ var: '$today' }, '2026-01-01'] } },
    { apiName: 'line_total', type: 'rollup', childObject: 'line', childField: 'deal', aggregateField: 'price' },
  ];
  const columns = new Set(fields.map((field) => field.apiName));
  const run = (readable: string[], childGrants: Record<string, unknown> | undefined) => {
    const set = new Set(readable);
    const objects = new Map(
      childGrants
        ? [['line', { create: false, read: true, edit: false, delete: false, viewAll: false, modifyAll: false, grants: [{ read: true, ...childGrants }] }]]
        : [],
    );
    hideLeakingComputedFields(fields, (name) => columns.has(name), set, { objects });
    return [...set].sort();
  };

  it('hides formulas over hidden fields, transitively, and roll-ups over unreadable children', () => {
    expect(run(['amount', 'cost', 'margin', 'double_margin', 'today_flag', 'line_total'], {})).toEqual([
      'amount',
      'cost',
      'double_margin',
      'line_total',
      'margin',
      'today_flag',
    ]);
    expect(run(['amount', 'margin', 'double_margin', 'today_flag', 'line_total'], {})).toEqual(['amount', 'line_total', 'today_flag']);
    expect(run(['amount', 'cost', 'line_total'], { fields: { price: 'none' } })).toEqual(['amount', 'cost']);
    expect(run(['amount', 'cost', 'line_total'], undefined)).toEqual(['amount', 'cost']);
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then refills at the rate, per key', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now = 500;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });
});

describe('passwords', () => {
  it('hashes with scrypt and a per-user salt, verifying only the right password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem(42)).toBe('must be a string');
    expect(passwordProblem('long enough password')).toBeUndefined();
  });
});
