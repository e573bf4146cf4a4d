// The suite's expected formula values come from roundHalfAway (metadata's in-memory evaluator); this
// proves it rounds like PostgreSQL's round(numeric, s) on the decimal the double stands for, on
// every driver: decimals of up to 15 significant digits, ties carrying binary noise (1.005 * 100),
// and sums and products past 15 digits, whose shortest decimal is rounded as written unless it is
// the named tie case below.
import { roundHalfAway } from '@tessera/metadata';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDriverKinds } from '../../../runtime/src/db/test-database.ts';
import { announceSeed, propertyParameters } from '../../property/property-config.ts';

announceSeed('tests/conformance/surfaces/round-half-away.test.ts');
const kinds = await testDriverKinds();
const RUNS = 250;

const sign = fc.constantFrom('', '-');
const scale = fc.integer({ min: 0, max: 8 });
/** A decimal of at most 15 significant digits, as text: every one survives a double. */
const heldDecimal = fc
  .tuple(sign, fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), fc.integer({ min: -14, max: 3 }))
  .map(([minus, digits, exponent]) => `${minus}${digits}e${exponent}`);

const significantDigits = (text: string) =>
  text
    .replace(/^-?0*\.?0*/, '')
    .replace(/e.*$/, '')
    .replace('.', '')
    .replace(/0+$/, '').length;

function ulpsBetween(a: number, b: number): bigint {
  const bits = (value: number) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(value));
    return view.getBigInt64(0);
  };
  const difference = bits(a) - bits(b);
  return difference < 0n ? -difference : difference;
}

describe.each(kinds)('roundHalfAway agrees with round(numeric, s) on %s', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await database?.close();
  });

  const pgRound = async (decimal: string, digits: number): Promise<string> =>
    (await sql<{ rounded: string }>`select round(cast(${decimal} as numeric), cast(${digits} as integer))::text as rounded`.execute(database.db)).rows[0]
      ?.rounded ?? 'no row';
  /** The tie next to a decimal at the scale (trunc + half a step, away from zero), as PostgreSQL writes it. */
  const pgTie = async (decimal: string, digits: number): Promise<string> =>
    (
      await sql<{ tie: string }>`select (trunc(n, s) + sign(n) * 0.5 * power(10::numeric, -s))::text as tie
        from (select cast(${decimal} as numeric) as n, cast(${digits} as integer) as s) as input`.execute(database.db)
    ).rows[0]?.tie ?? 'no row';

  it('rounds every decimal of up to 15 significant digits exactly as PostgreSQL does', async () => {
    await fc.assert(
      fc.asyncProperty(heldDecimal, scale, async (decimal, digits) => {
        expect(roundHalfAway(Number(decimal), digits), `round(${decimal}, ${digits})`).toBe(Number(await pgRound(decimal, digits)));
      }),
      propertyParameters(RUNS),
    );
  });

  it('rounds a tie carrying binary noise (a decimal times a power of ten) away from zero, as PostgreSQL rounds the exact tie', async () => {
    const noisyTie = fc.tuple(sign, fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }), scale, fc.integer({ min: 1, max: 6 }));
    await fc.assert(
      fc.asyncProperty(noisyTie, async ([minus, kept, digits, shift]) => {
        const tie = `${minus}${kept * 10n + 5n}e-${digits + 1}`;
        const noisy = Number(`${minus}${kept * 10n + 5n}e-${digits + 1 + shift}`) * 10 ** shift;
        expect(roundHalfAway(noisy, digits), `round(${noisy} standing for ${tie}, ${digits})`).toBe(Number(await pgRound(tie, digits)));
      }),
      propertyParameters(RUNS),
    );
  });

  it('rounds sums and products past 15 significant digits as PostgreSQL rounds their shortest decimal, except the named noisy-tie case', async () => {
    const arithmetic = fc.tuple(heldDecimal, heldDecimal, fc.constantFrom('+', '-', '*'), scale);
    let beyondFifteen = 0;
    await fc.assert(
      fc.asyncProperty(arithmetic, async ([left, right, op, digits]) => {
        const a = Number(left);
        const b = Number(right);
        const value = op === '+' ? a + b : op === '-' ? a - b : a * b;
        if (!Number.isFinite(value)) return;
        const shortest = String(value);
        if (significantDigits(shortest) > 15) beyondFifteen++;
        const rounded = roundHalfAway(value, digits);
        const asWritten = Number(await pgRound(shortest, digits));
        if (rounded === asWritten) return;
        // Noisy tie: a shortest decimal of 16-17 digits within 4 ulps of a tie of at most 15 digits
        // stands for the tie (the evaluator cannot tell it from 1.005 * 100), so it rounds away from zero.
        const tie = await pgTie(shortest, digits);
        expect(significantDigits(shortest), `${shortest} differs from round(${shortest}, ${digits}) = ${asWritten}: got ${rounded}`).toBeGreaterThan(15);
        expect(significantDigits(tie), `tie ${tie} of ${shortest}`).toBeLessThanOrEqual(15);
        expect(ulpsBetween(value, Number(tie)), `ulps from ${shortest} to ${tie}`).toBeLessThanOrEqual(4n);
        expect(rounded, `round(${tie}, ${digits})`).toBe(Number(await pgRound(tie, digits)));
      }),
      propertyParameters(RUNS),
    );
    // The property reaches the digits it is about.
    expect(beyondFifteen).toBeGreaterThan(0);
  });
});
