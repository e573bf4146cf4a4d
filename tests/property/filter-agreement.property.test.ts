// Property: for every generated rule the compiler accepts, the rows SQL selects (compileFilter over
// a VALUES relation of generated rows) are the rows json-logic-js (with Tessera's operators) finds
// truthy, and compileValue computes what json-logic-js returns; a rule the compiler refuses is
// refused with TSR1xx/TSR5xx problems, never a throw. Rows a documented divergence names
// (divergences.ts) are left out of the comparison, each by name. PostgreSQL and PGlite.
import { registerTesseraOperators } from '@tessera/metadata';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { compileFilter, compileValue } from '../../runtime/src/filter/index.ts';
import { divergencesOf } from './divergences.ts';
import { type Row, rowScope, rowsArbitrary, rowsRelation } from './filter-rows.ts';
import { announceSeed, PROPERTY_SEED, propertyParameters } from './property-config.ts';
import { FILTER_OPERATORS, operatorsIn, ruleGrammar } from './rule-arbitraries.ts';
import { canonicalJs, canonicalSql } from './value-canonical.ts';

registerTesseraOperators(jsonLogic);
announceSeed('filter-agreement.property');

const grammar = ruleGrammar();
const filterRule = fc.oneof(grammar.cond, grammar.any);
const valueRule = fc.oneof(grammar.num, grammar.text, grammar.date, grammar.cond);
const kinds = await testDriverKinds();

/** Refusals are problems with a 4xx-class rule/request code and a JSON-pointer path. */
function expectRefusal(errors: Array<{ path: string; code: string; message: string }>): void {
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.code).toMatch(/^TSR[15]\d\d$/);
    expect(error.path === '' || error.path.startsWith('/')).toBe(true);
    expect(typeof error.message).toBe('string');
  }
}

/** Ids of the rows no divergence names: the ones both sides must agree on. */
const comparableIds = (rule: unknown, rows: Row[]): Set<number> => new Set(rows.filter((row) => divergencesOf(rule, row).length === 0).map((row) => row.id));

describe.each(kinds)('generated rules agree with json-logic-js on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('generates every operator of the filter registry', () => {
    const seen = new Set<string>();
    for (const rule of fc.sample(filterRule, { seed: PROPERTY_SEED, numRuns: 3000 })) operatorsIn(rule, seen);
    expect(FILTER_OPERATORS.filter((name) => !seen.has(name))).toEqual([]);
  });

  it('compileFilter selects exactly the rows json-logic-js finds truthy', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(rowsArbitrary, filterRule, async (rows, rule) => {
        const compiled = compileFilter(rule, rowScope);
        if (!compiled.ok) return expectRefusal(compiled.errors);
        accepted += 1;
        const comparable = comparableIds(rule, rows);
        const selected = await sql<{ id: number }>`select r.id from ${rowsRelation(rows)} where ${compiled.value} order by r.id`.execute(database.db);
        const bySql = selected.rows.map((row) => row.id).filter((id) => comparable.has(id));
        const byJs = rows.filter((row) => comparable.has(row.id) && jsonLogic.truthy(jsonLogic.apply(rule as never, row))).map((row) => row.id);
        expect(bySql).toEqual(byJs);
      }),
      propertyParameters(1000),
    );
    // A generator whose rules are all refused would prove nothing.
    expect(accepted).toBeGreaterThan(propertyParameters(1000).numRuns! / 5);
  });

  it('compileValue computes what json-logic-js returns', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(rowsArbitrary, valueRule, async (rows, rule) => {
        const compiled = compileValue(rule, rowScope);
        if (!compiled.ok) return expectRefusal(compiled.errors);
        accepted += 1;
        const comparable = comparableIds(rule, rows);
        const result = await sql<{ id: number; v: string }>`select r.id, coalesce(cast(to_jsonb(${compiled.value.sql}) as text), 'null') as v
          from ${rowsRelation(rows)} order by r.id`.execute(database.db);
        const bySql = result.rows.filter((row) => comparable.has(row.id)).map((row) => [row.id, canonicalSql(compiled.value.type, JSON.parse(row.v))]);
        const byJs = rows.filter((row) => comparable.has(row.id)).map((row) => [row.id, canonicalJs(compiled.value.type, jsonLogic.apply(rule as never, row))]);
        expect(bySql).toEqual(byJs);
      }),
      propertyParameters(1000),
    );
    expect(accepted).toBeGreaterThan(propertyParameters(1000).numRuns! / 5);
  });
});
