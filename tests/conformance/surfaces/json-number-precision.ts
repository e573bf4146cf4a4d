// The documented divergence "results beyond 15 significant digits" (README.md, Rules section, and
// runtime/src/filter/README.md), by name. The API renders a numeric as its exact decimal, but it
// travels as a JSON number: a JSON client (this suite included) reads the nearest double, exact up
// to 15 significant digits. A formula result past that (currency × number on 13-digit amounts) can
// read back as a neighbouring value, and `==` with that value then selects nothing in SQL, which
// compares the exact decimal. The suite's samples stay within 15 digits; only computed results go past.

/** Significant digits every decimal keeps through a double. */
export const JSON_EXACT_DIGITS = 15;

/** A decimal literal as sign, digits without leading or trailing zeros, and the power of ten of the last digit. */
function canonicalDecimal(literal: string): { sign: string; digits: string; exponent: number } {
  const parts = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!parts) throw new Error(`not a JSON number: ${literal}`);
  const [, sign = '', whole = '', fraction = '', power = '0'] = parts;
  const digits = `${whole}${fraction}`.replace(/^0+/, '');
  const kept = digits.replace(/0+$/, '');
  return kept === '' ? { sign: '', digits: '0', exponent: 0 } : { sign, digits: kept, exponent: Number(power) - fraction.length + digits.length - kept.length };
}

export const significantDigits = (literal: string): number => canonicalDecimal(literal).digits.length;

/** Whether a number as a JSON client read it has more significant digits than a double carries exactly. */
export function beyondFifteenSignificantDigits(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && significantDigits(String(value)) > JSON_EXACT_DIGITS;
}

/** Whether a JSON client reads the decimal the API sent as another number (past 15 digits it may). */
export function readsAsAnotherNumber(sent: string): boolean {
  const exact = canonicalDecimal(sent);
  const read = canonicalDecimal(String(Number(sent)));
  return exact.sign !== read.sign || exact.digits !== read.digits || exact.exponent !== read.exponent;
}

/** The number literals the API sent for the named keys of one record (its response text, no expansions). */
export function sentDecimals(recordText: string, names: readonly string[]): Map<string, string> {
  const sent = new Map<string, string>();
  for (const name of names) {
    const literal = new RegExp(`"${name}":(-?\\d[\\d.eE+-]*)`).exec(recordText)?.[1];
    if (literal !== undefined) sent.set(name, literal);
  }
  return sent;
}
