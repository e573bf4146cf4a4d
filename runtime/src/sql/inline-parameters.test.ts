// A fragment means the same with its values inlined as with them bound: each case and a seeded
// property run both forms in the database and compare the answers.
import fc from 'fast-check';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDriverKinds } from '../db/test-database.ts';
import { InlineParameterError, inlineParameters } from './inline-parameters.ts';
import { compileOnce, precompile } from './precompile.ts';

const kinds = await testDriverKinds();
// The workspace's property seed (tests/support/property-seed-setup.ts sets it globally).
const seed = fc.readConfigureGlobal().seed ?? Date.now() % 2 ** 31;
console.log(`inline-parameters property seed: ${seed} (TESSERA_PROPERTY_SEED to repeat)`);

const CASES: Array<[string, RawBuilder<unknown>]> = [
  ['integer', sql`cast(${42} as numeric) + 1`],
  ['negative fraction', sql`cast(${-0.5} as numeric) * 3`],
  ['large number', sql`cast(${1e21} as numeric)`],
  ['tiny number', sql`cast(${1e-7} as numeric)`],
  ['untyped number in context', sql`${7} + 1`],
  ['quote and backslash', sql`cast(${"it's \\ 'x'"} as text)`],
  ['placeholder-looking text', sql`cast(${'$1 and $2'} as text) || ${'!'}`],
  ['中文 and emoji', sql`cast(${'华为😀！'} as text)`],
  ['boolean', sql`cast(${true} as boolean) and not ${false}`],
  ['text array', sql`cast(${['a', 'b"c', 'd\\e', "f'g", '', '中']} as text[])`],
  ['number array', sql`cast(${[1, 2.5, -3]} as numeric[])`],
  ['literal in the SQL that holds $1', sql`${'x'} || '$1' || ${'y'}`],
  ['E-string in the SQL', sql`${'x'} || E'\\'$1' || ${'y'}`],
  ['comment in the SQL', sql`${'x'} /* $1 */ || ${'y'}`],
];

describe.each(kinds)('inlined parameters on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => database?.close());

  const bothWays = async (fragment: RawBuilder<unknown>) => {
    const bound = await sql<{ v: unknown }>`select ${fragment} as v`.execute(database.db);
    const inlined = await sql<{ v: unknown }>`select ${precompile(fragment)} as v`.execute(database.db);
    expect(compileOnce(sql`select ${precompile(fragment)}`).parameters).toEqual([]);
    return { bound: bound.rows[0]?.v, inlined: inlined.rows[0]?.v };
  };

  it.each(CASES)('%s', async (_, fragment) => {
    const { bound, inlined } = await bothWays(fragment);
    expect(inlined).toEqual(bound);
  });

  it('agrees with bound values for any text and number (property)', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 }).filter((value) => !value.includes('\u0000'));
    const number = fc.double({ noNaN: true, noDefaultInfinity: true });
    await fc.assert(
      fc.asyncProperty(text, number, fc.array(text, { maxLength: 5 }), async (word, value, words) => {
        const { bound, inlined } = await bothWays(sql`json_build_array(cast(${word} as text), cast(${value} as numeric), cast(${words} as text[]))`);
        expect(inlined).toEqual(bound);
      }),
      { seed, numRuns: 60 },
    );
  });
});

describe('inlineParameters refuses what it cannot write', () => {
  it.each([
    ['NUL in text', 'a\u0000b'],
    ['infinite number', Number.POSITIVE_INFINITY],
    ['NaN', Number.NaN],
    ['object', { a: 1 }],
  ])('%s', (_, value) => {
    expect(() => inlineParameters('select $1', [value])).toThrow(InlineParameterError);
  });

  it('refuses a placeholder without a value', () => {
    expect(() => inlineParameters('select $2', ['a'])).toThrow(InlineParameterError);
  });
});
