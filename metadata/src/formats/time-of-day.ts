// Time-of-day values (`time` fields): what the API accepts and how it prints them. Output is always
// `HH:MM:SS`, so two values compare as text exactly as they compare as times (the JsonLogic
// evaluator compares strings; the SQL compiler compares the same text).

/** Accepted on input: `HH:MM` or `HH:MM:SS`, 00:00–23:59:59, two digits each (no 24:00, no fractions). */
export const TIME_INPUT_PATTERN = '^(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?$';
/** Printed by the API: `HH:MM:SS`. */
export const TIME_OUTPUT_PATTERN = '^(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$';

const INPUT = new RegExp(TIME_INPUT_PATTERN);

/** The canonical `HH:MM:SS` of an accepted input, or undefined when the value is not one. */
export function canonicalTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || !INPUT.test(value)) return undefined;
  return value.length === 5 ? `${value}:00` : value;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Seconds since midnight (0 ≤ s < 86400) → `HH:MM:SS`. */
export function timeFromSeconds(seconds: number): string {
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}
