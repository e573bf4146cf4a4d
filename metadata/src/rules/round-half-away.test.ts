// roundHalfAway against the answers of PostgreSQL's round(numeric, s), written out by hand (the
// property comparing it with a live PostgreSQL is tests/conformance/surfaces/round-half-away.test.ts).
import { describe, expect, it } from 'vitest';
import { roundHalfAway } from './round-half-away.ts';

const cases = (rows: [number, number, number][]) => rows.map(([value, scale, expected]) => ({ value, scale, expected }));

describe('roundHalfAway', () => {
  it.each(
    cases([
      [1.005 * 100, 0, 101], // 100.49999999999999: one ulp below the tie 100.5
      [1.005, 2, 1.01],
      [-1.005, 2, -1.01],
      [-1.005 * 100, 0, -101],
      [0.1 + 0.2, 2, 0.3],
      [0.1 + 0.2, 8, 0.3],
      [1.15 * 3, 1, 3.5], // 3.4499999999999997 stands for 3.45
      [0.285 * 100, 0, 29], // 28.499999999999996
      [2.675, 2, 2.68], // the double is below 2.675; the decimal it holds is the tie
      [-2.5, 0, -3],
      [2.5, 0, 3],
      [0.5, 0, 1],
      [-0.5, 0, -1],
      [0.000000015, 8, 0.00000002],
      [0.123456785, 8, 0.12345679],
      [-0.123456785, 8, -0.12345679],
    ]),
  )('rounds $value at scale $scale as the decimal it stands for (ties away from zero): $expected', ({ value, scale, expected }) => {
    expect(roundHalfAway(value, scale)).toBe(expected);
  });

  it.each(
    cases([
      [1000 + 9999999999999.99, 2, 10000000000999.99], // 16 significant digits, held exactly by the double
      [9999999999999.99 * 3, 2, 29999999999999.97],
      [9999999999999990 + 9999999999999.99, 2, 10009999999999990],
      [9999999999999.99, 2, 9999999999999.99],
      [9999999999999.98 + 0.01, 2, 9999999999999.99], // the largest 15-digit amount, reached by a sum
      [0.01 + 0.02 + 9999999999999.96, 2, 9999999999999.99],
      [-1000 - 9999999999999.99, 2, -10000000000999.99],
      [9999999999999.99 + 9999999999999.99, 2, 19999999999999.98],
      [-9999999999999.99, 2, -9999999999999.99],
      [999999999999999, 0, 999999999999999],
      [99999999999999.9, 1, 99999999999999.9],
      [99999999999999.95, 1, 100000000000000], // a tie of 16 digits the double holds exactly
      [123456789012.345, 2, 123456789012.35],
      [-123456789012.345, 2, -123456789012.35],
      [123456789012.344, 2, 123456789012.34],
      [100.49999999999, 0, 100], // a decimal of 14 digits below the tie is not the tie
      [100.4999999999999, 0, 100], // 16 digits, ~7 ulps below the tie: not noise
      [1e21, 2, 1e21],
      [1.5e-7, 6, 0],
      [-1.5e-7, 6, 0],
      [5e-9, 8, 0.00000001],
      [4.9e-9, 8, 0],
    ]),
  )('keeps the digits the double holds: $value at scale $scale is $expected', ({ value, scale, expected }) => {
    expect(roundHalfAway(value, scale)).toBe(expected);
  });

  it('answers 0, never -0, when a negative value rounds to zero', () => {
    expect(Object.is(roundHalfAway(-0.001, 2), 0)).toBe(true);
    expect(Object.is(roundHalfAway(-0, 2), 0)).toBe(true);
    expect(Object.is(roundHalfAway(-0.4, 0), 0)).toBe(true);
  });

  it('rounds every scale from 0 to 8 like the decimal it holds', () => {
    const value = 12345.678915;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((scale) => roundHalfAway(value, scale))).toEqual([
      12346, 12345.7, 12345.68, 12345.679, 12345.6789, 12345.67892, 12345.678915, 12345.678915, 12345.678915,
    ]);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((scale) => roundHalfAway(-value, scale))).toEqual([
      -12346, -12345.7, -12345.68, -12345.679, -12345.6789, -12345.67892, -12345.678915, -12345.678915, -12345.678915,
    ]);
  });
});
