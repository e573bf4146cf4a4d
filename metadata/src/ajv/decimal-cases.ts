// Test cases for numeric(precision, scale) values, for suites that check the form and the server
// judge numbers alike: for one precision/scale, the values at the edges users hit (exact at the
// scale, one digit too many, the largest magnitude that fits and the smallest that does not,
// negatives, binary float traps, the amounts from issue #15). Pure data; no test runner here.
import { MAX_PRECISION } from '../normalise/field-defaults.ts';
import { normaliseField } from '../normalise/normalise-field.ts';
import { FIELD_FIXTURES } from '../testing/fixtures.ts';
import { FIELD_TYPES, type FieldDef } from '../types.ts';

export interface DecimalCase {
  /** What the case is about, for test names. */
  label: string;
  value: number;
  /**
   * What numeric(precision, scale) says about the decimal the user typed, when the JSON number
   * carries exactly that decimal; undefined when it cannot (17+ significant digits, float noise):
   * then only agreement between validators is checked.
   */
  fits: boolean | undefined;
}

export const DECIMAL_SCALES = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;

/** Field types stored as numeric(precision, scale), from the registry: the ones normalisation gives a precision. */
export const NUMERIC_FIELD_TYPES = FIELD_TYPES.filter((type) => 'precision' in normaliseField('probe', FIELD_FIXTURES[type]));

export interface NumericFieldCase {
  /** `currency_s2_p18`. */
  name: string;
  precision: number;
  scale: number;
  def: FieldDef;
}

/** One optional field per numeric type × scale 0–8 × precisionsFor(scale), limited only by its precision and scale. */
export function numericFieldCases(): NumericFieldCase[] {
  return NUMERIC_FIELD_TYPES.flatMap((type) =>
    DECIMAL_SCALES.flatMap((scale) =>
      precisionsFor(scale).map((precision) => {
        const name = `${type}_s${scale}_p${precision}`;
        // The fixture's min, max and default would decide some cases: only precision and scale may.
        const { min: _min, max: _max, default: _default, required: _required, ...fixture } = FIELD_FIXTURES[type] as FieldDef & Record<string, unknown>;
        return { name, precision, scale, def: { ...fixture, type, apiName: name, labels: { en: name }, precision, scale } as FieldDef };
      }),
    ),
  );
}

/** Precisions worth testing at a scale: no integer digits, one, 7, 15 and 16 (past a double's exact range), the default 18, the maximum. */
export function precisionsFor(scale: number): number[] {
  const candidates = [scale, scale + 1, scale + 7, scale + 15, scale + 16, 18, MAX_PRECISION];
  return [...new Set(candidates)].filter((precision) => precision >= 1 && precision >= scale && precision <= MAX_PRECISION).sort((a, b) => a - b);
}

export function decimalCases(precision: number, scale: number): DecimalCase[] {
  const integerDigits = precision - scale;
  const fraction = (digits: number) => (digits === 0 ? '' : `.${'12345678901234567890'.slice(0, digits)}`);
  const typed: Array<[string, string]> = [
    ['zero', '0'],
    ['exact at the scale', `${integerDigits > 0 ? '7' : '0'}${fraction(scale)}`],
    ['one digit too many', `${integerDigits > 0 ? '7' : '0'}${fraction(scale + 1)}`],
    ['smallest step', scale === 0 ? '1' : `0.${'0'.repeat(scale - 1)}1`],
    ['a tenth of the smallest step', `0.${'0'.repeat(scale)}1`],
    ['all nines at the precision', nines(integerDigits, scale)],
    ['all nines, integer part only', nines(integerDigits, 0)],
    // 15 significant digits always survive the trip through a double.
    ['fifteen significant nines', nines(Math.min(integerDigits, Math.max(0, 15 - scale)), Math.min(scale, 15))],
    ['one past the integer digits', `1${'0'.repeat(integerDigits)}`],
    ['1234567.89 (issue #15)', '1234567.89'],
    ['42.35663 (issue #15)', '42.35663'],
    ['1.005', '1.005'],
  ];
  const cases: DecimalCase[] = typed.flatMap(([label, text]) => {
    const positive = { label, value: Number(text), fits: typedFits(text, precision, scale) };
    return text === '0' ? [positive] : [positive, { label: `negative ${label}`, value: -Number(text), fits: typedFits(`-${text}`, precision, scale) }];
  });
  // The largest double below 10^integerDigits: the biggest magnitude a client can send at all.
  const limit = 10 ** integerDigits;
  const belowLimit = previousDouble(limit);
  cases.push({ label: 'largest double below the limit', value: belowLimit, fits: typedFits(String(belowLimit), precision, scale) });
  cases.push({ label: 'negative largest double below the limit', value: -belowLimit, fits: typedFits(String(-belowLimit), precision, scale) });
  // Client arithmetic: the value means a decimal the scale allows, the double carries noise.
  const traps: Array<[string, number]> = [
    ['0.1 + 0.2', 0.1 + 0.2],
    ['0.7 + 0.1', 0.7 + 0.1],
    ['1.1 * 3', 1.1 * 3],
    ['1.15 * 100', 1.15 * 100],
    ['0.57 * 100', 0.57 * 100],
    ['-(0.1 + 0.2)', -(0.1 + 0.2)],
  ];
  for (const [label, value] of traps) cases.push({ label, value, fits: undefined });
  return cases;
}

/** `99.999`: `integer` nines, a point, `fraction` nines. */
function nines(integer: number, fraction: number): string {
  return `${integer > 0 ? '9'.repeat(integer) : '0'}${fraction > 0 ? `.${'9'.repeat(fraction)}` : ''}`;
}

/**
 * Whether `text` is a numeric(precision, scale) value, decided on the decimal digits; undefined
 * when the double `Number(text)` does not print back as `text` (it carries another decimal).
 */
export function typedFits(text: string, precision: number, scale: number): boolean | undefined {
  const plain = toPlainDecimal(String(Number(text)));
  if (plain !== canonical(text)) return undefined;
  const [integer = '', fraction = ''] = plain.replace('-', '').split('.');
  const integerDigits = integer.replace(/^0+/, '').length;
  return fraction.length <= scale && integerDigits <= precision - scale;
}

/** `text` as JavaScript prints a number: no leading +, no trailing zeros after the point, no trailing point. */
function canonical(text: string): string {
  const sign = text.startsWith('-') && Number(text) !== 0 ? '-' : '';
  let body = text.replace(/^[-+]/, '');
  if (body.includes('.')) body = body.replace(/0+$/, '').replace(/\.$/, '');
  body = body.replace(/^0+(?=\d)/, '');
  return `${sign}${body}`;
}

/** `1.5e-7` → `0.00000015`, `1e+21` → `1000000000000000000000`. */
function toPlainDecimal(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/i.exec(text);
  if (!match) return text;
  const [, sign, whole = '', fraction = '', exponentText = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The largest double below a positive `value`. */
function previousDouble(value: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  view.setBigUint64(0, view.getBigUint64(0) - 1n);
  return view.getFloat64(0);
}
