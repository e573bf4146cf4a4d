// `multipleOf` for decimal steps without binary floating-point error. Ajv divides (1234567.89 /
// 0.01 = 123456788.99999999) and so refuses valid currency amounts; counting the decimals of the
// shortest decimal representation of the number is exact for every double.

/** Digits after the decimal point in the shortest round-trip representation of `value`. */
export function decimalPlaces(value: number): number {
  const text = String(Math.abs(value));
  const exponent = text.indexOf('e');
  if (exponent === -1) {
    const point = text.indexOf('.');
    return point === -1 ? 0 : text.length - point - 1;
  }
  const mantissa = text.slice(0, exponent);
  const power = Number(text.slice(exponent + 1));
  const point = mantissa.indexOf('.');
  const mantissaDecimals = point === -1 ? 0 : mantissa.length - point - 1;
  return Math.max(0, mantissaDecimals - power);
}

/** True when `value` is a whole multiple of `step`; exact for steps that are powers of ten. */
export function isDecimalMultiple(value: number, step: number): boolean {
  const stepDecimals = stepPlaces(step);
  if (step === 10 ** -stepDecimals || step === 1) {
    // A whole number is a multiple of every such step (and has no decimal places to count).
    if (Number.isInteger(value) || decimalPlaces(value) <= stepDecimals) return true;
    // Float noise from client arithmetic (0.1 + 0.2 = 0.30000000000000004) is within a
    // millionth of a step; a real extra digit (…891 at scale 2) is not.
    const scaled = value * 10 ** stepDecimals;
    return Math.abs(scaled - Math.round(scaled)) < 1e-6;
  }
  const quotient = value / step;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9 * Math.max(1, Math.abs(quotient));
}

// A schema has a handful of distinct steps and checks every number of every record against one:
// each step's places are counted once.
const placesOfStep = new Map<number, number>();
function stepPlaces(step: number): number {
  let places = placesOfStep.get(step);
  if (places === undefined) {
    places = decimalPlaces(step);
    if (placesOfStep.size < 1000) placesOfStep.set(step, places);
  }
  return places;
}
