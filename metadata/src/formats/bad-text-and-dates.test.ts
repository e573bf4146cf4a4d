// Unit checks of the bad-input guards (issue #22): storable text, the calendar range, the linear
// phone pattern and the document depth limit.
import { describe, expect, it } from 'vitest';
import { checkDocumentDepth, MAX_DOCUMENT_DEPTH } from '../validate/check-document-depth.ts';
import { isStorableDate, isStorableDatetime } from './calendar-range.ts';
import { unstorableTextProblems } from './storable-text.ts';
import { isValidPhone } from './value-formats.ts';

describe('unstorableTextProblems', () => {
  it('names every NUL and lone surrogate, in values and keys, and passes pairs', () => {
    const body = { a: 'ok 😀', b: 'x\u0000', c: ['\ud800', 'fine', '\udc00x'], 'k\u0000': 1, d: { e: '\ud83d\ude00 \ud83d' } };
    expect(unstorableTextProblems(body).map((detail) => [detail.path, detail.code])).toEqual([
      ['/b', 'TSR120'],
      ['/c/0', 'TSR120'],
      ['/c/2', 'TSR120'],
      ['/k\u0000', 'TSR120'],
      ['/d/e', 'TSR120'],
    ]);
    expect(unstorableTextProblems({ name: '华为 😀 \ud83d\ude00' })).toEqual([]);
  });
});

describe('calendar range', () => {
  it('takes real dates of years 1 to 9999 only', () => {
    for (const ok of ['0001-01-01', '2024-02-29', '9999-12-31']) expect(isStorableDate(ok), ok).toBe(true);
    for (const bad of ['0000-01-01', '2024-02-30', '2023-02-29', '2024-04-31', '10000-01-01', '2024-01-01 ']) expect(isStorableDate(bad), bad).toBe(false);
  });
  it('judges an instant by its UTC year, and refuses impossible days and overlong text', () => {
    for (const ok of ['0001-01-01T00:00:00Z', '0001-01-01T01:00:00+01:00', '9999-12-31T23:59:59.999Z', '9999-12-31t22:00:00+02', '2024-02-29T12:00:00-0130']) {
      expect(isStorableDatetime(ok), ok).toBe(true);
    }
    for (const bad of [
      '0000-01-01T00:00:00.000Z',
      '0001-01-01T00:30:00+01:00',
      '9999-12-31T23:30:00-01:00',
      '2024-02-30T10:00:00Z',
      `2024-01-01T00:00:00.${'1'.repeat(60)}Z`,
    ]) {
      expect(isStorableDatetime(bad), bad).toBe(false);
    }
  });
});

describe('phone pattern', () => {
  it('keeps its meaning: three digits, separators, an optional extension', () => {
    for (const ok of ['123', '+86 10 1234 5678', '(555) 123-4567', '555.123.4567 ext. 12', '+1 555 0100 x7', '555-1234#12', '1-2-3'])
      expect(isValidPhone(ok), ok).toBe(true);
    for (const bad of ['12', '1 2', 'call me', '555-CALL-NOW', '', '123 x', '++123', '123 x 1234567']) expect(isValidPhone(bad), bad).toBe(false);
  });
  it('answers on 200 KB near-misses at once (the old pattern took seconds on 78 KB)', () => {
    // Correctness only; the timing is measured by the format benchmark, not asserted here.
    for (const value of [`${'1 '.repeat(100_000)}!`, `${'1'.repeat(200_000)} x!`, `12${'('.repeat(200_000)}`]) expect(isValidPhone(value)).toBe(false);
  });
});

describe('checkDocumentDepth', () => {
  it('names each value at the depth limit and passes shallower documents', () => {
    let deep: unknown = 1;
    for (let depth = 0; depth < 2000; depth++) deep = { '!': [deep] };
    const problems = checkDocumentDepth({ objects: [{ rule: deep, other: deep }, { fine: { a: [1] } }] });
    expect(problems.map((detail) => detail.code)).toEqual(['TSR201', 'TSR201']);
    expect(problems.every((detail) => detail.path.startsWith('/objects/0/'))).toBe(true);
    expect(problems[0]?.path.split('/').length).toBe(MAX_DOCUMENT_DEPTH + 1);
    expect(checkDocumentDepth({ objects: [{ rule: { and: [{ '==': [1, 1] }] } }] })).toEqual([]);
  });
});
