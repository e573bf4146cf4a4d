import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { compileFilter, compileValue, type FilterScope, type FilterValueType } from './index.ts';

// biome-ignore lint/suspicious/noExplicitAny: SQL text only, no tables
const db = new Kysely<any>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (database) => new PostgresIntrospector(database),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const TYPES: Record<string, FilterValueType> = { due: 'date', closed_at: 'datetime', name: 'text', qty: 'number' };
const scope: FilterScope = {
  resolve: (name) => {
    if (name === '$today') return { ref: sql`cast(${'2026-03-15'} as date)`, type: 'date' };
    return Object.hasOwn(TYPES, name) ? { ref: sql.ref(`t.${name}`), type: TYPES[name] as FilterValueType } : undefined;
  },
};

const value = (rule: unknown) => {
  const result = compileValue(rule, scope);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const compiled = sql`select ${result.value.sql}`.compile(db);
  return { type: result.value.type, sql: compiled.sql.replace('select ', ''), parameters: compiled.parameters };
};
const codes = (rule: unknown) => {
  const result = compileFilter(rule, scope);
  return result.ok ? [] : result.errors.map((error) => [error.path, error.code]);
};

describe('date operators in SQL', () => {
  it('compiles today from the scope and add_days as a bounded day offset', () => {
    expect(value({ today: [] })).toEqual({ type: 'date', sql: 'cast($1 as date)', parameters: ['2026-03-15'] });
    expect(value({ add_days: [{ var: 'due' }, { var: 'qty' }] })).toEqual({
      type: 'date',
      sql: `(case when (("t"."due" - date '0001-01-01') + trunc("t"."qty")) between 0 and 3652058 then date '0001-01-01' + cast(least(greatest((("t"."due" - date '0001-01-01') + trunc("t"."qty")), 0), 3652058) as integer) end)`,
      parameters: [],
    });
  });

  it('takes a datetime by its UTC date and a text literal by the date it names', () => {
    expect(value({ days_between: [{ var: 'closed_at' }, '2026-03-15T23:00:00+08:00'] })).toEqual({
      type: 'number',
      sql: `cast(cast($1 as date) - cast("t"."closed_at" at time zone 'UTC' as date) as numeric)`,
      parameters: ['2026-03-15'],
    });
    expect(value({ year: { var: 'due' } }).sql).toBe('cast(extract(year from "t"."due") as numeric)');
  });

  it('refuses operands that are not dates or day counts, and arguments to today', () => {
    expect(codes({ '>': [{ add_days: [{ var: 'name' }, 1] }, '2026-01-01'] })).toEqual([['/>/0/add_days/0', 'TSR115']]);
    expect(codes({ '>': [{ add_days: [{ var: 'due' }, '1'] }, '2026-01-01'] })).toEqual([['/>/0/add_days/1', 'TSR115']]);
    expect(codes({ '>': [{ days_between: ['31/12/2026', { var: 'due' }] }, 1] })).toEqual([['/>/0/days_between/0', 'TSR103']]);
    expect(codes({ '==': [{ today: [1] }, { var: 'due' }] })).toEqual([['/==/0/today', 'TSR103']]);
    expect(codes({ '==': [{ now: [] }, { var: 'closed_at' }] })).toEqual([['/==/0/now', 'TSR103']]);
  });
});
