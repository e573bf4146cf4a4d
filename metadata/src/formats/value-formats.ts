// Value checks shared by default-value validation (metadata) and record schemas (records), so a
// default that passes here is a value the record validator accepts.
import { createAjv } from '../ajv/create-ajv.ts';

/**
 * Digits, spaces, `+ - ( ) .`, at least 3 digits, an optional extension (`x12`, ` ext. 12`, `#12`).
 * Linear by construction: each character can only continue the match one way (the three digits
 * are spelt out, separators and the extension's letters are disjoint from the number's characters),
 * so a backtracking engine never retries a split. The old lookahead counting digits and the `\s*`
 * before the extension, which overlapped the number's spaces, took 5 s on a 78 KB value.
 */
export const PHONE_PATTERN = '^\\+?[ ().-]*[0-9][ ().-]*[0-9][ ().-]*[0-9][0-9 ().-]*(?:(?:x|ext\\.?|#)\\s*[0-9]{1,6})?$';
/** `format: uri` accepts any scheme; records only take web addresses. */
export const HTTP_URL_PATTERN = '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+';

type Check = (value: string) => boolean;
let checks: Record<'date' | 'datetime' | 'email' | 'url' | 'phone', Check> | undefined;

function getChecks() {
  if (checks) return checks;
  const ajv = createAjv();
  const compile = (schema: object): Check => {
    const validate = ajv.compile(schema);
    return (value) => validate(value) === true;
  };
  checks = {
    date: compile({ type: 'string', format: 'date' }),
    datetime: compile({ type: 'string', format: 'date-time' }),
    email: compile({ type: 'string', format: 'email' }),
    url: compile({ type: 'string', format: 'uri', pattern: HTTP_URL_PATTERN }),
    phone: compile({ type: 'string', pattern: PHONE_PATTERN }),
  };
  return checks;
}

export const isValidDate: Check = (value) => getChecks().date(value);
export const isValidDatetime: Check = (value) => getChecks().datetime(value);
export const isValidEmail: Check = (value) => getChecks().email(value);
export const isValidHttpUrl: Check = (value) => getChecks().url(value);
export const isValidPhone: Check = (value) => getChecks().phone(value);

/** Counts digits of a finite number before and after the decimal point (`-12.340` → 2 and 2). */
export function countDigits(value: number): { integer: number; fraction: number } {
  const text = Math.abs(value).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
  const [integerPart = '0', fractionPart = ''] = text.split('.');
  return { integer: integerPart === '0' ? 0 : integerPart.length, fraction: fractionPart.length };
}
