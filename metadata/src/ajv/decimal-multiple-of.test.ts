import { describe, expect, it } from 'vitest';
import { createAjv } from './create-ajv.ts';
import { decimalPlaces, isDecimalMultiple } from './decimal-multiple-of.ts';

describe('decimal multipleOf', () => {
  it('counts decimals of the shortest representation', () => {
    expect(decimalPlaces(1234567.89)).toBe(2);
    expect(decimalPlaces(10000001.37)).toBe(2);
    expect(decimalPlaces(0.07)).toBe(2);
    expect(decimalPlaces(5)).toBe(0);
    expect(decimalPlaces(1e-7)).toBe(7);
    expect(decimalPlaces(1.5e-7)).toBe(8);
    expect(decimalPlaces(1e21)).toBe(0);
  });

  it('accepts every two-decimal amount that binary division would refuse, and refuses a third decimal', () => {
    const refusedByDivision: number[] = [];
    for (let cents = 123456700; cents < 123466700; cents += 37) {
      const amount = cents / 100;
      expect(isDecimalMultiple(amount, 0.01)).toBe(true);
      if (Math.abs(amount / 0.01 - Math.round(amount / 0.01)) >= 1e-8) refusedByDivision.push(amount);
      expect(isDecimalMultiple(amount + 0.001, 0.01)).toBe(false);
    }
    // the case this module exists for
    expect(refusedByDivision.length).toBeGreaterThan(0);
  });

  it('is what createAjv uses for multipleOf, with the standard error keyword', () => {
    const validate = createAjv().compile({ type: 'number', multipleOf: 0.01 });
    expect(validate(1234567.89)).toBe(true);
    expect(validate(1234567.891)).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('multipleOf');
    expect(createAjv().compile({ type: 'number', multipleOf: 1 })(2.5)).toBe(false);
    expect(createAjv().compile({ type: 'number', multipleOf: 5 })(15)).toBe(true);
    expect(validate(0.1 + 0.2)).toBe(true);
    expect(validate(1.0000001)).toBe(false);
  });
});
