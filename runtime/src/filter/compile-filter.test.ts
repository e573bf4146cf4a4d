import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, type RawBuilder, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compileFilter, compileValue, type FilterScope, type FilterValueType, MAX_RULE_DEPTH, MAX_RULE_NODES } from './index.ts';

// biome-ignore lint/suspicious/noExplicitAny: SQL text only, no tables
const db = new Kysely<any>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (database) => new PostgresIntrospector(database),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const TYPES: Record<string, FilterValueType> = {
  amount: 'number',
  qty: 'number',
  name: 'text',
  active: 'boolean',
  due: 'date',
  closed_at: 'datetime',
  owner: 'uuid',
  tags: 'textarray',
};
const scope: FilterScope = {
  resolve: (name) => (Object.hasOwn(TYPES, name) ? { ref: sql.ref(`t.${name}`), type: TYPES[name] as FilterValueType } : undefined),
};

function compile(rule: unknown) {
  const result = compileFilter(rule, scope);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const compiled = sql`select 1 where ${result.value}`.compile(db);
  return { sql: compiled.sql.replace('select 1 where ', ''), parameters: compiled.parameters };
}

function errors(rule: unknown) {
  const result = compileFilter(rule, scope);
  if (result.ok) throw new Error(`expected ${JSON.stringify(rule)} to be refused`);
  return result.errors;
}

const v = (name: string) => ({ var: name });

describe('compileFilter SQL', () => {
  it.each<[unknown, string, unknown[]]>([
    [{ '==': [v('amount'), 5] }, '("t"."amount" = cast($1 as numeric))', [5]],
    [{ '==': [5, v('amount')] }, '("t"."amount" = cast($1 as numeric))', [5]],
    [{ '==': [v('amount'), '5'] }, '("t"."amount" = cast($1 as numeric))', [5]],
    [{ '==': [v('amount'), 'abc'] }, 'false', []],
    [{ '!=': [v('amount'), 5] }, '("t"."amount" <> cast($1 as numeric) or "t"."amount" is null)', [5]],
    [{ '!': { '==': [v('amount'), 5] } }, '("t"."amount" <> cast($1 as numeric) or "t"."amount" is null)', [5]],
    [{ '!': { '!=': [v('amount'), 5] } }, '("t"."amount" = cast($1 as numeric))', [5]],
    [{ '===': [v('amount'), '5'] }, 'false', []],
    [{ '!==': [v('amount'), '5'] }, 'true', []],
    [{ '==': [v('amount'), null] }, '("t"."amount" is null)', []],
    [{ '!=': [v('amount'), null] }, '("t"."amount" is not null)', []],
    [{ '==': [v('amount'), v('qty')] }, '("t"."amount" is not distinct from "t"."qty")', []],
    [{ '==': [v('active'), true] }, '("t"."active" = cast($1 as boolean))', [true]],
    [{ '==': [v('due'), '2024-01-31'] }, '("t"."due" = cast($1 as date))', ['2024-01-31']],
    [{ '==': [v('closed_at'), '2024-01-31T10:00:00Z'] }, '("t"."closed_at" = cast($1 as timestamptz))', ['2024-01-31T10:00:00.000Z']],
    [{ '==': [v('owner'), '0190AAAA-0000-7000-8000-000000000001'] }, '("t"."owner" = cast($1 as uuid))', ['0190aaaa-0000-7000-8000-000000000001']],
    // null is 0 for < and >: included only when 0 satisfies the comparison
    [{ '<': [v('amount'), 5] }, '("t"."amount" < cast($1 as numeric) or "t"."amount" is null)', [5]],
    [{ '<': [v('amount'), -5] }, '("t"."amount" < cast($1 as numeric))', [-5]],
    [{ '!': { '<': [v('amount'), 5] } }, '("t"."amount" >= cast($1 as numeric))', [5]],
    [{ '!': { '<': [v('amount'), -5] } }, '("t"."amount" >= cast($1 as numeric) or "t"."amount" is null)', [-5]],
    [{ '>': [10, v('amount')] }, '("t"."amount" < cast($1 as numeric) or "t"."amount" is null)', [10]],
    [{ '<': [v('name'), 'b'] }, '("t"."name" < cast($1 as text) collate "C")', ['b']],
    [{ '<': [v('name'), '5'] }, '("t"."name" < cast($1 as text) collate "C" or "t"."name" is null)', ['5']],
    [{ '<': [v('due'), '2024-01-01'] }, '("t"."due" < cast($1 as date))', ['2024-01-01']],
    [{ '<=': [1, v('amount'), 10] }, '(("t"."amount" >= cast($1 as numeric)) and ("t"."amount" <= cast($2 as numeric) or "t"."amount" is null))', [1, 10]],
    [{ '<': [v('amount'), v('qty')] }, '(coalesce("t"."amount", 0) < coalesce("t"."qty", 0))', []],
    // truthiness
    [v('amount'), '("t"."amount" <> 0)', []],
    [{ '!': v('name') }, `("t"."name" = '' or "t"."name" is null)`, []],
    [{ '!!': v('active') }, '("t"."active" = true)', []],
    [{ '!': v('tags') }, `("t"."tags" = '[]'::jsonb or "t"."tags" is null)`, []],
    [{ '!': v('due') }, '("t"."due" is null)', []],
    // and / or / De Morgan
    [
      { '!': { and: [v('active'), { '==': [v('name'), 'x'] }] } },
      `(("t"."active" is not true) or ("t"."name" <> cast($1 as text) or "t"."name" is null))`,
      ['x'],
    ],
    // in
    [{ in: [v('name'), ['a', 'b', 1]] }, '("t"."name" = any(cast($1 as text[])))', [['a', 'b']]],
    [{ in: [v('name'), ['a', null]] }, '("t"."name" = any(cast($1 as text[])) or "t"."name" is null)', [['a']]],
    [{ '!': { in: [v('name'), ['a']] } }, '("t"."name" <> all(cast($1 as text[])) or "t"."name" is null)', [['a']]],
    [{ in: [v('amount'), ['5']] }, 'false', []],
    [{ in: [v('amount'), [1, 2]] }, '("t"."amount" = any(cast($1 as numeric[])))', [[1, 2]]],
    [{ in: ['abc', v('name')] }, '(strpos("t"."name", cast($1 as text)) > 0)', ['abc']],
    [{ in: ['vip', v('tags')] }, '("t"."tags" @> cast($1 as jsonb))', ['["vip"]']],
    // Tessera operators
    [{ starts_with: [v('name'), 'a_b%c\\'] }, `("t"."name" like cast($1 as text) escape '\\')`, ['a\\_b\\%c\\\\%']],
    [{ ends_with: [v('name'), 'Corp'] }, `("t"."name" like cast($1 as text) escape '\\')`, ['%Corp']],
    [{ '!': { starts_with: [v('name'), 'A'] } }, `(not ("t"."name" like cast($1 as text) escape '\\') or "t"."name" is null)`, ['A%']],
    [{ icontains: [v('name'), '华为'] }, '(strpos(lower("t"."name"), lower(cast($1 as text))) > 0)', ['华为']],
    // arithmetic: division by zero is NULL standing for NaN
    [{ '>': [{ '/': [v('amount'), 2] }, 1] }, '((coalesce("t"."amount", 0) / nullif(cast($1 as numeric), 0)) > cast($2 as numeric))', [2, 1]],
    [{ '<': [{ '+': [v('amount'), 1] }, 5] }, '(("t"."amount" + cast($1 as numeric)) < cast($2 as numeric))', [1, 5]],
  ])('%j', (rule, expectedSql, parameters) => {
    expect(compile(rule)).toEqual({ sql: expectedSql, parameters });
  });

  it('keeps hostile values in parameters only', () => {
    const hostile = `'; drop table t; --`;
    for (const rule of [
      { '==': [v('name'), hostile] },
      { in: [v('name'), [hostile]] },
      { in: [hostile, v('name')] },
      { starts_with: [v('name'), hostile] },
      { icontains: [v('name'), hostile] },
      { '==': [{ cat: [v('name'), hostile] }, 'x'] },
    ]) {
      const compiled = compile(rule);
      expect(compiled.sql).not.toContain('drop');
      expect(JSON.stringify(compiled.parameters)).toContain('drop table t');
    }
  });
});

describe('compileFilter refusals', () => {
  it.each(['amount; drop table x', '"a"', 't.amount', 'AMOUNT', '__proto__', 'constructor'])('rejects field name %j as unknown', (name) => {
    expect(errors({ '==': [{ var: name }, 1] })).toEqual([{ path: '/==/0/var', code: 'TSR103', message: `unknown field '${name}'` }]);
  });

  it('reports every problem at once, with JSON pointers', () => {
    expect(errors({ and: [{ '==': [v('nope'), 1] }, { merge: [[1]] }, { '==': [v('name'), 1] }, { '<': [v('active'), 1] }] })).toEqual([
      { path: '/and/0/==/0/var', code: 'TSR103', message: "unknown field 'nope'" },
      { path: '/and/1/merge', code: 'TSR116', message: expect.stringContaining("unsupported operator 'merge'; supported: var, and, or") },
      { path: '/and/2/==', code: 'TSR115', message: expect.stringContaining("cannot compare text field 'name' with number literal") },
      { path: '/and/3/<', code: 'TSR115', message: expect.stringContaining("cannot order a boolean field 'active'") },
    ]);
  });

  it.each<[unknown, string, string]>([
    [{ '==': [v('active'), 1] }, '/==', 'TSR115'],
    [{ '+': [v('name'), 1] }, '/+/0', 'TSR115'],
    [{ '<': [v('name'), 5] }, '/<', 'TSR115'],
    [{ '<': [v('name'), v('name')] }, '/<', 'TSR115'],
    [{ '==': [v('tags'), 'vip'] }, '/==', 'TSR115'],
    [{ '==': [v('due'), '2024-13-01'] }, '/==', 'TSR103'],
    [{ '<': [v('closed_at'), 'yesterday'] }, '/<', 'TSR103'],
    [{ in: [v('name'), [{ var: 'name' }]] }, '/in/1/0', 'TSR103'],
    [{ in: [1, v('name')] }, '/in/0', 'TSR115'],
    [{ starts_with: [v('amount'), '1'] }, '/starts_with/0', 'TSR115'],
    [{ substr: [v('name'), 1.5] }, '/substr/1', 'TSR103'],
    [{ and: [] }, '/and', 'TSR103'],
    [{ '>': [1, 2, 3] }, '/>', 'TSR103'],
    [{ '==': [1, 2], '!=': [1, 2] }, '', 'TSR103'],
    [{ var: 5 }, '/var', 'TSR103'],
    [{ var: ['name', { var: 'x' }] }, '/var/1', 'TSR103'],
    [{ map: [v('tags'), true] }, '/map', 'TSR116'],
    [{ 'a/b~c': 1 }, '/a~1b~0c', 'TSR116'],
  ])('%j → %s %s', (rule, path, code) => {
    expect(errors(rule)).toEqual([expect.objectContaining({ path, code })]);
  });

  it('limits depth and size', () => {
    let deep: unknown = v('active');
    for (let i = 0; i < MAX_RULE_DEPTH; i += 1) deep = { '!': deep };
    expect(errors(deep)).toEqual([expect.objectContaining({ code: 'TSR103', message: expect.stringContaining('nested too deeply') })]);
    const wide = { in: [v('name'), Array.from({ length: MAX_RULE_NODES }, (_, i) => `v${i}`)] };
    expect(errors(wide)).toEqual([expect.objectContaining({ code: 'TSR103', message: expect.stringContaining('too large') })]);
  });
});

describe('compileValue', () => {
  const value = (rule: unknown) => {
    const result = compileValue(rule, scope);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const compiled = sql`select ${result.value.sql as RawBuilder<unknown>}`.compile(db);
    return { type: result.value.type, sql: compiled.sql.replace('select ', ''), parameters: compiled.parameters };
  };

  it('types values and keeps literals as parameters', () => {
    expect(value({ cat: [v('name'), 1] })).toEqual({
      type: 'text',
      sql: `(coalesce("t"."name", cast($1 as text)) || cast($2 as text))`,
      parameters: ['', '1'],
    });
    expect(value({ substr: ['jsonlogic', -5, 2] })).toEqual({
      type: 'text',
      sql: 'substr(cast($1 as text), greatest(char_length(cast($2 as text)) + cast($3 as integer), 0) + 1, cast($4 as integer))',
      parameters: ['jsonlogic', 'jsonlogic', -5, 2],
    });
    expect(value({ '<': [1, 2] }).type).toBe('boolean');
    expect(value(null).type).toBe('null');
    expect(value({ if: [v('active'), v('due'), '2024-01-01'] }).type).toBe('date');
  });
});
