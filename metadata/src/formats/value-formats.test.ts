import { describe, expect, it } from 'vitest';
import { countDigits, isValidDate, isValidDatetime, isValidEmail, isValidHttpUrl, isValidPhone } from './value-formats.ts';

describe('value formats', () => {
  it('accepts and refuses dates', () => {
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2024-2-1')).toBe(false);
  });
  it('accepts instants with a zone only', () => {
    expect(isValidDatetime('2025-01-02T03:04:05Z')).toBe(true);
    expect(isValidDatetime('2025-01-02T03:04:05.123+08:00')).toBe(true);
    expect(isValidDatetime('2025-01-02T03:04:05')).toBe(false);
    expect(isValidDatetime('yesterday')).toBe(false);
  });
  it('accepts and refuses emails', () => {
    expect(isValidEmail('a.b@example.com')).toBe(true);
    expect(isValidEmail('not an email')).toBe(false);
  });
  it('accepts http and https urls only', () => {
    expect(isValidHttpUrl('https://example.com/x?y=1')).toBe(true);
    expect(isValidHttpUrl('HTTP://EXAMPLE.COM')).toBe(true);
    expect(isValidHttpUrl('ftp://example.com')).toBe(false);
    expect(isValidHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isValidHttpUrl('https://')).toBe(false);
  });
  it('accepts and refuses phone numbers', () => {
    for (const phone of ['+86 10 1234 5678', '(555) 123-4567', '555.123.4567 ext. 12', '123', '+1 555 0100 x7']) {
      expect(isValidPhone(phone), phone).toBe(true);
    }
    for (const phone of ['12', 'call me', '555-CALL-NOW', '']) expect(isValidPhone(phone), phone).toBe(false);
  });
  it('counts digits', () => {
    expect(countDigits(-12.34)).toEqual({ integer: 2, fraction: 2 });
    expect(countDigits(0.5)).toEqual({ integer: 0, fraction: 1 });
    expect(countDigits(1e20)).toEqual({ integer: 21, fraction: 0 });
    expect(countDigits(1000)).toEqual({ integer: 4, fraction: 0 });
  });
});
