import { describe, expect, it } from 'vitest';
import { parseAutonumberFormat, renderAutonumber } from './parse-autonumber-format.ts';

describe('parseAutonumberFormat', () => {
  it('parses literals, date parts and one counter', () => {
    const parsed = parseAutonumberFormat('CASE-{YYYY}{MM}-{000000}');
    expect(parsed).toEqual({
      ok: true,
      tokens: [
        { kind: 'literal', text: 'CASE-' },
        { kind: 'date', part: 'YYYY' },
        { kind: 'date', part: 'MM' },
        { kind: 'literal', text: '-' },
        { kind: 'counter', digits: 6 },
      ],
    });
  });

  it('accepts Chinese literals and the allowed punctuation', () => {
    expect(parseAutonumberFormat('合同 #/{YY}.{DD}_{0}').ok).toBe(true);
    expect(parseAutonumberFormat('{0000000000}').ok).toBe(true);
  });

  it.each([
    ['OPP-', 'exactly one counter'],
    ['{00}-{000}', 'exactly one counter'],
    ['{00000000000}', 'at most 10'],
    ['{YYYYY}-{00}', 'unknown token {YYYYY}'],
    ['{X}{00}', 'unknown token {X}'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal $ in a format under test
    ['OPP${000}', "literal text 'OPP$'"],
    ['OPP-{000', "literal text 'OPP-{000'"],
    ['{000}}', "literal text '}'"],
  ])('refuses %s', (format, message) => {
    const parsed = parseAutonumberFormat(format);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('renders values', () => {
    const parsed = parseAutonumberFormat('OPP-{YY}{MM}{DD}-{0000}');
    if (!parsed.ok) throw new Error(parsed.message);
    expect(renderAutonumber(parsed.tokens, 42, new Date('2025-03-07T12:00:00Z'))).toBe('OPP-250307-0042');
    expect(renderAutonumber(parsed.tokens, 123456, new Date('2025-03-07T12:00:00Z'))).toBe('OPP-250307-123456');
  });
});
