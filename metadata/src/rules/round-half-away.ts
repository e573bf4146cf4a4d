// A double → the number PostgreSQL's round(numeric, s) gives for the decimal it stands for. SQL
// computes formulas on exact decimals; the in-memory evaluator on doubles, so it rounds the double's
// shortest decimal (String(x)) with BigInt arithmetic: exact for every decimal the double holds,
// 16–17 significant digits included (1000 + 9999999999999.99 → 10000000000999.99 at scale 2).
// toPrecision(15) was used here once and lost those digits.

/**
 * A double this close to a rounding tie (k + 0.5 at the scale) stands for the tie: arithmetic on
 * decimals leaves binary noise (1.005 * 100 = 100.49999999999999, one ulp below 100.5). Measured
 * noise of one operation is at most one ulp; four leaves room for a short chain.
 */
const TIE_ULPS = 4n;
/** Every decimal of up to 15 significant digits survives the trip through a double. */
const HELD_DIGITS = 15;

/** Rounds half away from zero to `scale` decimals (0 and above), as PostgreSQL's round(numeric, s). */
export function roundHalfAway(value: number, scale: number): number {
  if (!Number.isFinite(value) || value === 0) return Number.isFinite(value) ? 0 : value;
  const { digits, exponent } = decimalOf(Math.abs(value));
  const rounded = exponent >= -scale ? null : roundDigits(digits, -scale - exponent, Math.abs(value), scale);
  const magnitude = rounded === null ? Math.abs(value) : Number(`${rounded}e-${scale}`);
  // round(-0.001, 2) is 0 in SQL, not -0.
  return magnitude === 0 ? 0 : Math.sign(value) * magnitude;
}

/** The digits kept at the scale (`drop` trailing digits removed), half away from zero. */
function roundDigits(digits: bigint, drop: number, magnitude: number, scale: number): bigint {
  const unit = 10n ** BigInt(drop);
  const kept = digits / unit;
  const rest = digits % unit;
  if (2n * rest >= unit) return kept + 1n;
  // A shortest decimal of more than 15 digits is arithmetic's output: a tie plus binary noise rounds as the tie.
  return significantDigits(digits) > HELD_DIGITS && standsForTie(kept, magnitude, scale) ? kept + 1n : kept;
}

/** Whether the double is within TIE_ULPS of the tie kept + 0.5 (a tie of at most 15 significant digits). */
function standsForTie(kept: bigint, magnitude: number, scale: number): boolean {
  const tie = kept * 10n + 5n;
  if (significantDigits(tie) > HELD_DIGITS) return false;
  const distance = bitsOf(Number(`${tie}e-${scale + 1}`)) - bitsOf(magnitude);
  return distance >= -TIE_ULPS && distance <= TIE_ULPS;
}

/** The exact decimal of a positive double's shortest rendering: digits × 10^exponent. */
function decimalOf(magnitude: number): { digits: bigint; exponent: number } {
  const [mantissa = '', power = '0'] = String(magnitude).split('e');
  const [whole = '', fraction = ''] = mantissa.split('.');
  return { digits: BigInt(whole + fraction), exponent: Number(power) - fraction.length };
}

const significantDigits = (digits: bigint): number => digits.toString().replace(/0+$/, '').length;

/** Positive doubles order like their bit patterns, so the difference of two patterns counts ulps. */
function bitsOf(magnitude: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, magnitude);
  return view.getBigInt64(0);
}
