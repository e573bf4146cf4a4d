// Coercion cases generated from the field-type registry: every stored, importable type has good
// cells (text → the API value) and a bad cell with a reason in both languages; computed types
// refuse every cell. The Record type makes a new field type without cases a compile error.
import { describe, expect, it } from 'vitest';
import { FIELD_FIXTURES } from '../testing/fixtures.ts';
import { FIELD_TYPES, type FieldType } from '../types.ts';
import { coerceCell, IMPORTABLE_TYPES, parseDate } from './coerce-cell.ts';
import { matchColumns } from './match-columns.ts';

interface Cases {
  good: Array<[string, unknown]>;
  bad: string;
}

const CASES: Record<FieldType, Cases | null> = {
  text: {
    good: [
      ['  Acme, Inc. ', 'Acme, Inc.'],
      ['华为', '华为'],
    ],
    bad: 'x'.repeat(121),
  },
  textarea: { good: [['line 1\nline 2', 'line 1\nline 2']], bad: 'x'.repeat(32769) },
  number: {
    good: [
      ['1,234', 1234],
      ['-7', -7],
      ['(100)', -100],
      ['3.5', 3.5],
    ],
    bad: '12abc',
  },
  currency: {
    good: [
      ['¥1,234.50', 1234.5],
      ['$1,234', 1234],
      ['￥ 88', 88],
      ['1,000元', 1000],
      ['-$5', -5],
    ],
    bad: '1,23,4',
  },
  percent: {
    good: [
      ['12.5%', 12.5],
      ['40', 40],
    ],
    bad: 'half',
  },
  boolean: {
    good: [
      ['是', true],
      ['否', false],
      ['Yes', true],
      ['no', false],
      ['TRUE', true],
      ['0', false],
      ['1', true],
    ],
    bad: 'maybe',
  },
  date: {
    good: [
      ['2026-12-07', '2026-12-07'],
      ['2026/12/7', '2026-12-07'],
      ['2026年12月7日', '2026-12-07'],
      ['12/07/2026', '2026-12-07'],
      ['2026.1.5', '2026-01-05'],
    ],
    bad: '2026-02-30',
  },
  datetime: {
    good: [
      ['2026-12-07 14:30', '2026-12-07T14:30:00.000Z'],
      ['2026/12/7', '2026-12-07T00:00:00Z'],
      ['2026-12-07T08:00:00+08:00', '2026-12-07T00:00:00.000Z'],
      // What Tessera's own export writes: milliseconds and Z, read back unchanged.
      ['2024-01-31T22:02:28.016Z', '2024-01-31T22:02:28.016Z'],
      ['2024-01-31 22:02:28.5+08:00', '2024-01-31T14:02:28.500Z'],
    ],
    bad: 'tomorrow',
  },
  email: { good: [['li.lei@example.cn', 'li.lei@example.cn']], bad: 'li.lei at example' },
  phone: { good: [['+86 10 1234 5678', '+86 10 1234 5678']], bad: 'call me' },
  url: { good: [['https://example.com/a', 'https://example.com/a']], bad: 'example dot com' },
  picklist: { good: [], bad: 'no such stage' },
  multipicklist: { good: [], bad: 'a;nope' },
  lookup: { good: [], bad: '' },
  autonumber: null,
  formula: null,
  rollup: null,
  file: null,
  image: null,
  user: {
    good: [
      ['0190F5A2-7C3E-7D4B-9A1C-2B3C4D5E6F70', '0190f5a2-7c3e-7d4b-9a1c-2b3c4d5e6f70'],
      [' li.lei@example.cn ', { email: 'li.lei@example.cn' }],
      ['李雷', { name: '李雷' }],
      ['李雷 <li.lei@example.cn>', { email: 'li.lei@example.cn' }],
    ],
    bad: 'x'.repeat(321),
  },
  richtext: {
    good: [
      ['<p>Hello <b>world</b></p>', '<p>Hello <b>world</b></p>'],
      ['line 1\nR&D <team>', '<p>line 1</p><p>R&amp;D &lt;team&gt;</p>'],
    ],
    bad: 'x'.repeat(4001),
  },
  time: {
    good: [
      ['9:30', '09:30:00'],
      ['09:30:15', '09:30:15'],
      ['9:30 PM', '21:30:00'],
      ['12:05 am', '00:05:00'],
      ['上午9:30', '09:30:00'],
      ['下午3:05', '15:05:00'],
      ['0.5', '12:00:00'],
      ['0.3958333333', '09:30:00'],
    ],
    bad: '25:61',
  },
  polylookup: {
    good: [
      ['account:0190A000-0000-7000-8000-000000000001', { object: 'account', id: '0190a000-0000-7000-8000-000000000001' }],
      ['account： 0190a000-0000-7000-8000-000000000002', { object: 'account', id: '0190a000-0000-7000-8000-000000000002' }],
    ],
    bad: 'contact:0190a000-0000-7000-8000-000000000001',
  },
  manytomany: {
    good: [
      ['0190A000-0000-7000-8000-000000000001', ['0190a000-0000-7000-8000-000000000001']],
      [
        '0190a000-0000-7000-8000-000000000001 ; 0190a000-0000-7000-8000-000000000002；0190a000-0000-7000-8000-000000000001',
        ['0190a000-0000-7000-8000-000000000001', '0190a000-0000-7000-8000-000000000002'],
      ],
    ],
    // Names are resolved by the runtime (no bad cell here; see the test below).
    bad: '',
  },
  geolocation: {
    good: [
      ['31.2304,121.4737', { latitude: 31.2304, longitude: 121.4737 }],
      ['31.2304, 121.4737', { latitude: 31.2304, longitude: 121.4737 }],
      ['-89.5，-179.99', { latitude: -89.5, longitude: -179.99 }],
    ],
    bad: '91,10',
  },
};

describe('coerceCell (generated from FIELD_TYPES)', () => {
  it('covers exactly the registry', () => {
    expect(Object.keys(CASES).sort()).toEqual([...FIELD_TYPES].sort());
  });

  for (const type of FIELD_TYPES) {
    const field = FIELD_FIXTURES[type];
    const cases = CASES[type];
    it(`${type}: an empty cell is null`, () => {
      expect(coerceCell(field, '  ')).toEqual({ ok: true, value: null });
    });
    if (cases === null) {
      it(`${type}: computed or a file, refused with a reason`, () => {
        expect(IMPORTABLE_TYPES.has(type)).toBe(false);
        const result = coerceCell(field, '1');
        expect(result.ok).toBe(false);
      });
      continue;
    }
    it(`${type}: importable`, () => expect(IMPORTABLE_TYPES.has(type)).toBe(true));
    for (const [cell, value] of cases.good) {
      it(`${type}: ${JSON.stringify(cell.slice(0, 30))} → ${JSON.stringify(value)}`, () => {
        expect(coerceCell(field, cell)).toEqual({ ok: true, value });
      });
    }
    if (type !== 'lookup' && type !== 'manytomany') {
      it(`${type}: a bad cell has a reason in en and zh`, () => {
        const result = coerceCell(field, cases.bad);
        expect(result.ok).toBe(false);
        if (!result.ok && 'reason' in result) {
          expect(result.reason.en).toMatch(/\w/);
          expect(result.reason.zh).toMatch(/[\u4e00-\u9fff]/);
        }
      });
    }
  }

  it('picklists by api name or label in either language; multi-picklists split on ; or ,', () => {
    const picklist = FIELD_FIXTURES.picklist;
    if (picklist.type !== 'picklist') throw new Error('fixture');
    const [first, second] = picklist.values;
    for (const text of [first?.apiName, first?.labels.en?.toUpperCase(), first?.labels.zh].filter((x): x is string => !!x)) {
      expect(coerceCell(picklist, text)).toEqual({ ok: true, value: first?.apiName });
    }
    const multi = FIELD_FIXTURES.multipicklist;
    if (multi.type !== 'multipicklist') throw new Error('fixture');
    const names = multi.values.slice(0, 2).map((value) => value.labels.zh ?? value.apiName);
    expect(coerceCell(multi, names.join('; '))).toEqual({ ok: true, value: multi.values.slice(0, 2).map((value) => value.apiName) });
    expect(coerceCell(multi, names.join(','))).toEqual({ ok: true, value: multi.values.slice(0, 2).map((value) => value.apiName) });
    expect(second).toBeDefined();
  });

  it('lookups come back as a reference for the runtime to resolve', () => {
    expect(coerceCell(FIELD_FIXTURES.lookup, ' Acme ')).toEqual({ ok: true, lookup: 'Acme' });
  });

  it('many-to-many cells with names come back as links for the runtime to resolve', () => {
    expect(coerceCell(FIELD_FIXTURES.manytomany, 'Acme; 华为 ；Acme')).toEqual({ ok: true, links: ['Acme', '华为'] });
  });

  it('dates: day-first on request, impossible days refused', () => {
    expect(parseDate('07/12/2026', 'DMY')).toBe('2026-12-07');
    expect(parseDate('13/07/2026', 'MDY')).toBeUndefined();
    expect(parseDate('2026年2月29日')).toBeUndefined();
  });
});

describe('matchColumns', () => {
  it('by api name, en or zh label, ignoring case and spaces; unknown and computed columns ignored', () => {
    const fields = Object.values(FIELD_FIXTURES);
    const text = FIELD_FIXTURES.text;
    const mapping = matchColumns([' NAME ', '备注', 'Quantity', 'nothing', text.labels.zh ?? 'x', 'formula'], fields);
    expect(mapping[' NAME ']).toBe('name');
    expect(mapping['备注']).toBe('notes');
    expect(mapping.Quantity).toBe('quantity');
    expect(mapping.nothing).toBeNull();
    // 名称 is the name field's zh label, already taken by the first column.
    expect(mapping[text.labels.zh ?? 'x']).toBeNull();
  });
});
