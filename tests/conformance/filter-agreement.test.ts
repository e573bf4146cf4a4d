// Agreement battery: for every filter, the rows SQL selects (compileFilter on a real table) are
// exactly the rows json-logic-js finds truthy, with rows read back as the API renders them.
// Runs on every driver testDriverKinds() offers (PostgreSQL and PGlite).
import jsonLogic from 'json-logic-js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerTesseraOperators } from '../../metadata/src/rules/index.ts';
import { createTestDatabase, type TestDatabase, testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { compileFilter, type FilterScope, type FilterValueType } from '../../runtime/src/filter/index.ts';

registerTesseraOperators(jsonLogic);

const FIELD_TYPES: Record<string, FilterValueType> = {
  amount: 'number',
  qty: 'number',
  name: 'text',
  code: 'text',
  active: 'boolean',
  due: 'date',
  start: 'date',
  closed_at: 'datetime',
  owner: 'uuid',
  tags: 'textarray',
};

const scope: FilterScope = {
  resolve: (name) => (Object.hasOwn(FIELD_TYPES, name) ? { ref: sql.ref(`r.${name}`), type: FIELD_TYPES[name] as FilterValueType } : undefined),
};

const pick = <T>(values: T[], index: number): T => values[index % values.length] as T;
const amounts = [null, 0, -1, 1, 5, 5.5, 10, 100, -100.25, 1000000, 0.1, 2, 3, null, 50, 7];
const quantities = [null, 0, 1, 2, 5, 10, -3];
const names = [
  null,
  '',
  'Acme',
  'acme corp',
  'ACME Corp',
  '华为 Huawei',
  'huawei',
  'Zebra',
  '5',
  '10',
  'a%b_c',
  'back\\slash',
  "O'Brien",
  ' spaced ',
  'Ünïcode',
  '0',
  'null',
  'abc',
  '华为',
  'Ab',
  // Astral characters against U+E000–U+FFFF, where code-point and UTF-16 order differ (issue #15).
  '😀',
  '！',
  'a😀b',
  'a！',
  '𠀀',
  '龥',
];
const codes = [null, 'A-1', 'b-2', '', 'A-10', '9', 'zz'];
const actives = [null, true, false];
const dues = [null, '2024-01-01', '2023-12-31', '2024-02-29', '2024-12-31', '1999-01-01', '2030-06-15', '2024-01-02'];
const starts = [null, '2024-01-01', '2024-06-01', '2023-01-01'];
const closedAts = [
  null,
  '2024-01-01T00:00:00.000Z',
  '2023-12-31T23:59:59.999Z',
  '2024-06-15T12:30:00.500Z',
  '2025-01-01T00:00:00.000Z',
  '2024-01-01T00:00:00.001Z',
];
const owners = [null, '01900000-0000-7000-8000-000000000001', '01900000-0000-7000-8000-000000000002', 'ffffffff-ffff-4fff-bfff-ffffffffffff'];
const tagSets = [null, [], ['vip'], ['vip', 'hot'], ['cold'], ['VIP'], ['热门', 'vip'], ['a%']];

const fixtures = Array.from({ length: 42 }, (_, i) => ({
  id: i + 1,
  amount: pick(amounts, i),
  qty: pick(quantities, i * 3),
  name: pick(names, i * 7),
  code: pick(codes, i * 5),
  active: pick(actives, i),
  due: pick(dues, i * 3),
  start: pick(starts, i * 5),
  closed_at: pick(closedAts, i * 7),
  owner: pick(owners, i * 3),
  tags: pick(tagSets, i * 5),
}));

const v = (name: string) => ({ var: name });

const FILTERS: unknown[] = [
  // equality, loose and strict, with null and coercion
  { '==': [v('amount'), 5] },
  { '==': [v('amount'), '5'] },
  { '==': [v('amount'), ''] },
  { '==': [v('amount'), 'abc'] },
  { '!=': [v('amount'), 'abc'] },
  { '==': [5, v('amount')] },
  { '==': [v('amount'), 0] },
  { '!=': [v('amount'), 0] },
  { '!': { '==': [v('amount'), 5] } },
  { '===': [v('amount'), 5] },
  { '===': [v('amount'), '5'] },
  { '!==': [v('amount'), '5'] },
  { '!==': [v('amount'), 5] },
  { '==': [v('amount'), null] },
  { '!=': [v('amount'), null] },
  { '===': [v('amount'), null] },
  // Strict equality across declared types: only null === null (issue #15, defect 2).
  { '===': [v('amount'), v('code')] },
  { '!==': [v('amount'), v('code')] },
  { '===': [v('active'), v('name')] },
  { '!': { '===': [v('due'), v('qty')] } },
  { '===': [{ '+': [v('amount'), 1] }, v('code')] },
  { '==': [v('name'), ''] },
  { '==': [v('name'), 'Acme'] },
  { '!=': [v('name'), 'Acme'] },
  { '==': [v('name'), '华为'] },
  { '==': [v('name'), null] },
  { '==': [v('active'), true] },
  { '==': [v('active'), false] },
  { '!=': [v('active'), true] },
  { '===': [v('active'), false] },
  { '==': [v('due'), '2024-01-01'] },
  { '!=': [v('due'), '2024-01-01'] },
  { '==': [v('closed_at'), '2024-01-01T00:00:00.000Z'] },
  { '==': [v('owner'), '01900000-0000-7000-8000-000000000001'] },
  { '!=': [v('owner'), '01900000-0000-7000-8000-000000000001'] },
  { '==': [v('tags'), null] },
  { '==': [v('amount'), v('qty')] },
  { '!=': [v('amount'), v('qty')] },
  { '==': [v('name'), v('code')] },
  { '!=': [v('due'), v('start')] },
  // ordering, null → 0, between
  { '<': [v('amount'), 5] },
  { '<': [v('amount'), 0] },
  { '<=': [v('amount'), 0] },
  { '>': [v('amount'), -1] },
  { '>=': [v('amount'), 0] },
  { '>': [v('amount'), 5] },
  { '<': [v('amount'), '5'] },
  { '<': [v('amount'), 'x'] },
  { '!': { '<': [v('amount'), 5] } },
  { '!': { '>': [v('amount'), 5] } },
  { '!': { '>=': [v('amount'), 0] } },
  { '>': [10, v('amount')] },
  { '<': [0, v('amount'), 10] },
  { '<=': [0, v('amount'), 10] },
  { '<=': [-1, v('amount'), 1] },
  { '!': { '<=': [0, v('amount'), 10] } },
  { '<': [v('amount'), v('qty')] },
  { '<=': [v('amount'), v('qty')] },
  { '!': { '<=': [v('amount'), v('qty')] } },
  { '>': [v('name'), 'Acme'] },
  { '<': [v('name'), 'a'] },
  { '<': [v('name'), '5'] },
  { '<=': [v('name'), ''] },
  { '>=': [v('name'), '华'] },
  // UTF-16 order outside the BMP (issue #15, defect 3).
  { '<': ['😀', '！'] },
  { '<': [v('name'), '！'] },
  { '>': [v('name'), '😀'] },
  { '<=': [v('name'), 'a！'] },
  { '>=': [v('name'), '𠀀'] },
  { '!': { '<': [v('name'), '！'] } },
  { '<': ['a', v('name'), '！'] },
  { '!': { '<': [v('name'), 'b'] } },
  { '!': { '<': [v('name'), '5'] } },
  { '<': [v('due'), '2024-01-01'] },
  { '>=': [v('due'), '2024-01-01'] },
  { '!': { '>=': [v('due'), '2024-01-01'] } },
  { '<=': ['2024-01-01', v('due'), '2024-12-31'] },
  { '>': [v('closed_at'), '2024-01-01T00:00:00.000Z'] },
  { '<=': [v('closed_at'), '2024-01-01T00:00:00.000Z'] },
  { '!': { '>': [v('closed_at'), '2024-01-01T00:00:00.000Z'] } },
  { '<': [v('due'), v('start')] },
  { '<=': [v('due'), v('start')] },
  { '!': { '<=': [v('due'), v('start')] } },
  { '!': { '<': [v('due'), v('start')] } },
  { '>': [v('owner'), '01900000-0000-7000-8000-000000000001'] },
  // truthiness, !, !!, and, or
  v('amount'),
  v('name'),
  v('active'),
  v('due'),
  v('tags'),
  { '!': v('amount') },
  { '!': v('name') },
  { '!': [v('active')] },
  { '!!': v('tags') },
  { '!': v('tags') },
  { '!': v('owner') },
  { var: ['amount', 1] },
  { '==': [{ var: ['amount', 0] }, 0] },
  { and: [v('active'), { '>': [v('amount'), 1] }] },
  { or: [v('active'), { '<': [v('amount'), 1] }] },
  { '!': { and: [v('active'), { '<': [v('amount'), 1] }] } },
  { '!': { or: [{ '==': [v('name'), null] }, { '<': [v('amount'), 1] }] } },
  { and: [{ '!': { '==': [v('amount'), null] } }, { '!': { '<': [v('amount'), 5] } }] },
  { or: [{ and: [v('name'), { '!': v('active') }] }, { '!!': { in: ['vip', v('tags')] } }] },
  { '!': { '!': { '==': [v('due'), '2024-01-01'] } } },
  { and: [true] },
  { or: [false, 0, ''] },
  // in: membership, substring, multi-select
  { in: [v('name'), ['Acme', 'Zebra', '华为']] },
  { '!': { in: [v('name'), ['Acme', 'Zebra']] } },
  { in: [v('name'), ['Acme', null]] },
  { '!': { in: [v('name'), ['Acme', null]] } },
  { in: [v('amount'), [5, 10, '1']] },
  { '!': { in: [v('amount'), [5, 10]] } },
  { in: [v('amount'), ['5']] },
  { in: [v('active'), [true]] },
  { in: [v('due'), ['2024-01-01', '2024-1-2']] },
  { in: [v('owner'), ['01900000-0000-7000-8000-000000000002']] },
  { in: [v('tags'), [null]] },
  { in: [v('amount'), []] },
  { '!': { in: [v('amount'), []] } },
  { in: ['cme', v('name')] },
  { in: ['', v('name')] },
  { '!': { in: ['', v('name')] } },
  { in: ['Huawei', v('name')] },
  { '!': { in: ['cme', v('name')] } },
  { in: ['%', v('name')] },
  { in: [v('code'), v('name')] },
  { in: ['vip', v('tags')] },
  { '!': { in: ['vip', v('tags')] } },
  { in: ['热门', v('tags')] },
  { in: ['a%', v('tags')] },
  // custom operators
  { starts_with: [v('name'), 'Acme'] },
  { starts_with: [v('name'), 'acme'] },
  { '!': { starts_with: [v('name'), 'A'] } },
  { starts_with: [v('name'), 'a%'] },
  { starts_with: [v('name'), 'back\\'] },
  { starts_with: [v('name'), ''] },
  { starts_with: [v('name'), '华为'] },
  { ends_with: [v('name'), 'Corp'] },
  { ends_with: [v('name'), '_c'] },
  { '!': { ends_with: [v('name'), 'corp'] } },
  { ends_with: [v('name'), v('code')] },
  { starts_with: [v('name'), v('code')] },
  { icontains: [v('name'), 'ACME'] },
  { icontains: [v('name'), 'huawei'] },
  { icontains: [v('name'), '华为'] },
  { '!': { icontains: [v('name'), 'acme'] } },
  { icontains: [v('name'), "o'b"] },
  // arithmetic and value expressions
  { '>': [{ '+': [v('amount'), 1] }, 5] },
  { '<': [{ '+': [v('amount'), 1] }, 5] },
  { '!': { '<': [{ '+': [v('amount'), 1] }, 5] } },
  { '<': [{ '-': [v('amount'), 1] }, 0] },
  { '==': [{ '*': [v('amount'), 2] }, 10] },
  { '!=': [{ '*': [v('amount'), 2] }, 10] },
  { '>': [{ '*': [v('amount'), v('qty')] }, 0] },
  { '==': [{ '%': [v('amount'), 2] }, 1] },
  { '==': [{ '%': [v('amount'), 2] }, 0] },
  { '>': [{ '/': [v('amount'), 2] }, 2] },
  { '!': { '>': [{ '/': [v('amount'), 2] }, 2] } },
  { '==': [{ '-': v('amount') }, 1] },
  { '<': [{ '-': [v('amount'), v('qty')] }, 0] },
  { '>=': [{ max: [v('amount'), v('qty')] }, 5] },
  { '<': [{ min: [v('amount'), v('qty'), 3] }, 1] },
  { '+': [v('amount'), 1] },
  { '-': [v('amount'), 5] },
  { '==': [{ cat: [v('name'), '!'] }, 'Acme!'] },
  { '==': [{ cat: [v('code'), '/', v('amount')] }, 'A-1/5'] },
  { starts_with: [{ cat: [v('due'), ''] }, '2024'] },
  { '==': [{ substr: [v('name'), 0, 2] }, 'Ac'] },
  { '==': [{ substr: [v('name'), -4] }, 'Corp'] },
  { '==': [{ substr: [v('name'), 1, -1] }, 'ul'] },
  { '==': [{ if: [v('active'), v('amount'), 0] }, 5] },
  { if: [v('active'), { '>': [v('amount'), 1] }, { '==': [v('name'), 'Acme'] }] },
  { '!': { if: [v('active'), { '>': [v('amount'), 1] }, v('name')] } },
  { '?:': [{ '==': [v('active'), null] }, true, { '<': [v('amount'), 10] }] },
  { if: [v('active'), true] },
  { '!': { if: [v('active'), true] } },
  { '==': [{ or: [v('name'), 'none'] }, 'none'] },
  { '==': [{ and: [v('amount'), v('qty')] }, 0] },
];

// Found by tests/property: literal offsets past the calendar. PostgreSQL folds a CASE's constant
// branch at plan time, so these failed the statement ('interval out of range', 'integer out of
// range') instead of answering null as json-logic-js does.
const OFFSETS_PAST_THE_CALENDAR: unknown[] = [
  { days_between: [v('due'), { add_hours: [v('closed_at'), 1000000000000000] }] },
  { '==': [{ add_hours: [v('closed_at'), -1000000000000000] }, null] },
  { '==': [{ add_hours: ['2024-01-01T00:00:00.000Z', 1e300] }, null] },
  { '==': [{ add_days: [v('due'), 1000000000000] }, null] },
  { '<': [{ add_days: [v('due'), -1e20] }, '2024-01-01'] },
  { '==': [{ add_days: ['2024-01-01', 3000000000] }, null] },
];

const kinds = await testDriverKinds();

describe.each(kinds)('filters agree with json-logic-js on %s', (kind) => {
  let database: TestDatabase;
  let rows: Array<Record<string, unknown>>;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = database.db;
    await sql`create table agree (id int primary key, amount numeric(14,2), qty numeric, name text, code text, active boolean,
      due date, start date, closed_at timestamptz(3), owner uuid, tags jsonb)`.execute(db);
    for (const f of fixtures) {
      await sql`insert into agree values (${f.id}, ${f.amount}, ${f.qty}, ${f.name}, ${f.code}, ${f.active}, cast(${f.due} as date),
        cast(${f.start} as date), cast(${f.closed_at} as timestamptz), cast(${f.owner} as uuid), cast(${f.tags === null ? null : JSON.stringify(f.tags)} as jsonb))`.execute(
        db,
      );
    }
    // Read back the way the API renders records.
    const result = await sql<Record<string, unknown>>`select id, cast(amount as double precision) as amount, cast(qty as double precision) as qty,
      name, code, active, to_char(due, 'YYYY-MM-DD') as due, to_char(start, 'YYYY-MM-DD') as start,
      to_char(closed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as closed_at, cast(owner as text) as owner, tags
      from agree order by id`.execute(db);
    rows = result.rows.map((row) => ({ ...row, tags: typeof row.tags === 'string' ? JSON.parse(row.tags) : row.tags }));
  });

  afterAll(async () => {
    await database?.close();
  });

  it('reads back the fixtures as the API renders them', () => {
    expect(rows).toEqual(fixtures);
  });

  it.each(FILTERS.map((rule) => [JSON.stringify(rule), rule]))('%s', async (_, rule) => {
    const compiled = compileFilter(rule, scope);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const selected = await sql<{ id: number }>`select r.id from agree r where ${compiled.value} order by r.id`.execute(database.db);
    const expected = rows.filter((row) => jsonLogic.truthy(jsonLogic.apply(rule as never, row))).map((row) => row.id);
    expect(selected.rows.map((row) => row.id)).toEqual(expected);
  });

  it.each(OFFSETS_PAST_THE_CALENDAR.map((rule) => [JSON.stringify(rule), rule]))('offset past the calendar: %s', async (_, rule) => {
    const compiled = compileFilter(rule, scope);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const selected = await sql<{ id: number }>`select r.id from agree r where ${compiled.value} order by r.id`.execute(database.db);
    const expected = rows.filter((row) => jsonLogic.truthy(jsonLogic.apply(rule as never, row))).map((row) => row.id);
    expect(selected.rows.map((row) => row.id)).toEqual(expected);
  });

  it('covers a battery of 100+ filters that split the rows', () => {
    expect(FILTERS.length).toBeGreaterThanOrEqual(100);
    // A battery of filters that select all or nothing would prove little.
    const splitting = FILTERS.filter((rule) => {
      const count = rows.filter((row) => jsonLogic.truthy(jsonLogic.apply(rule as never, row))).length;
      return count > 0 && count < rows.length;
    });
    expect(splitting.length).toBeGreaterThanOrEqual(Math.floor(FILTERS.length * 0.85));
  });
});

// Regression cases found by tests/property (minimal counterexamples, issue #15).
describe('property regressions', () => {
  // PostgreSQL has no year 0: these compiled, then the cast failed at run time (a 500 in a list).
  it.each([
    [{ '!=': [{ month: '0000-01-01' }, v('amount')] }],
    [{ '<': ['0000-01-01', { add_days: ['0000-01-01', 0] }, '1970-01-01'] }],
    [{ '==': [v('due'), '0000-01-01'] }],
    [{ '>': [v('closed_at'), '0000-06-01T00:00:00.000Z'] }],
  ])('year-0 date literal %j is refused with TSR103', (rule) => {
    const compiled = compileFilter(rule, scope);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.errors.map((error) => error.code)).toContain('TSR103');
  });
});
