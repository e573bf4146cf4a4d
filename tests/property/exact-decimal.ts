// Exact decimal arithmetic on JS numbers' shortest decimal spellings (BigInt mantissa × 10^-scale):
// what PostgreSQL's numeric computes, so the divergence check can tell when doubles rounded.

interface Decimal {
  units: bigint;
  scale: number;
}

/** The decimal a JS number prints as (`0.1` → 1 × 10^-1), exponent notation included. */
export function decimalOf(value: number): Decimal {
  const [mantissa = '0', exponent = '0'] = String(value).toLowerCase().split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const scale = fraction.length - Number(exponent);
  const units = BigInt(whole + fraction);
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

const aligned = (a: Decimal, b: Decimal): [bigint, bigint, number] => {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
};

const equal = (a: Decimal, b: Decimal): boolean => {
  const [x, y] = aligned(a, b);
  return x === y;
};

/**
 * Whether `op` on these operands gives, in exact decimals, the very decimal the JS double result
 * prints as. False means doubles rounded (or a quotient does not terminate) and SQL differs.
 */
export function jsArithmeticIsExact(op: '+' | '-' | '*' | '/' | '%', operands: number[], jsResult: number): boolean {
  if (!Number.isFinite(jsResult) || operands.some((operand) => !Number.isFinite(operand))) return true;
  const values = operands.map(decimalOf);
  const result = decimalOf(jsResult);
  const [first, ...rest] = values;
  if (!first) return true;
  if (op === '/') {
    const [divisor] = rest;
    if (!divisor) return true;
    // exact iff result × divisor = dividend
    return equal({ units: result.units * divisor.units, scale: result.scale + divisor.scale }, first);
  }
  if (op === '-' && rest.length === 0) return equal({ units: -first.units, scale: first.scale }, result);
  let exact = first;
  for (const next of rest) {
    if (op === '*') exact = { units: exact.units * next.units, scale: exact.scale + next.scale };
    else {
      const [x, y, scale] = aligned(exact, next);
      if (op === '%') exact = y === 0n ? exact : { units: x % y, scale };
      else exact = { units: op === '+' ? x + y : x - y, scale };
    }
  }
  return equal(exact, result);
}
