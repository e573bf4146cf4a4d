// The inputs of the format benchmark: for each value check the record validator uses, one 1 MB
// benign input (the baseline) and 1 MB inputs crafted against the check's regular expression
// (long runs that almost match, then fail at the end, the shape that makes a backtracking engine
// retry every split).
import { createAjv, isValidDate, isValidDatetime, isValidEmail, isValidHttpUrl, isValidPhone } from '@tessera/metadata';

export const MB = 1024 * 1024;

/** `unit` repeated to 1 MB (cut to length), then `tail`. */
export const fill = (unit: string, tail = '', head = ''): string =>
  head + unit.repeat(Math.ceil((MB - head.length - tail.length) / unit.length)).slice(0, MB - head.length - tail.length) + tail;

export interface FormatCase {
  name: string;
  check: (value: string) => boolean;
  benign: string;
  adversarial: Record<string, string>;
}

const requiredTextPattern = (() => {
  const validate = createAjv().compile({ type: 'string', pattern: '\\S' });
  return (value: string) => validate(value) === true;
})();

export const FORMAT_CASES: FormatCase[] = [
  {
    name: 'phone',
    check: isValidPhone,
    benign: fill('1'),
    adversarial: {
      'digit-space run, then !': fill('1 ', '!'),
      'spaces, then !': fill(' ', '!', '1'),
      'digits, then x and no extension digits': fill('1', ' x!'),
      'two digits, then separators': fill('(', '', '12'),
      'digits and extensions': fill('1x1'),
    },
  },
  {
    name: 'email',
    check: isValidEmail,
    benign: fill('a', '@example.com'),
    adversarial: {
      'local part, no @': fill('a', '!'),
      'domain label run, no dot': fill('a', '!', 'a@'),
      'dotted labels, then !': fill('a.', '!', 'a@'),
      'hyphen run, then -': fill('a-', '-', 'a@'),
      'dotted local part, then @@': fill('a.', '@@'),
    },
  },
  {
    name: 'url',
    check: isValidHttpUrl,
    benign: fill('a', '', 'https://example.com/'),
    adversarial: {
      'host run, then space': fill('a', ' ', 'http://'),
      'percent run': fill('%', '', 'https://'),
      'userinfo run, no host': fill('a:', '@', 'http://'),
      'ipv6 bracket run': fill(':', '', 'http://['),
      'path of slashes, then space': fill('/', ' x', 'http://a'),
    },
  },
  {
    name: 'date',
    check: isValidDate,
    benign: fill('x'),
    adversarial: {
      'dates repeated': fill('2024-01-01'),
      'digit run': fill('1'),
    },
  },
  {
    name: 'datetime',
    check: isValidDatetime,
    benign: fill('x'),
    adversarial: {
      'time digits run': fill('1', 'Z', '2024-01-01T00:00:00.'),
      'separator run': fill('t'),
      'date, then digit run': fill('1', '', '2024-01-01T'),
    },
  },
  {
    name: 'required text (\\S)',
    check: requiredTextPattern,
    benign: fill('x'),
    adversarial: { 'whitespace only': fill(' '), 'tabs and newlines': fill('\t\n') },
  },
];
