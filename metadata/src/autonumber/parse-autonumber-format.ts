// Autonumber format → tokens: literal text, date parts and exactly one counter `{0…0}`.
// The runtime renders values from the tokens (renderAutonumber); metadata checks use the errors.

export type AutonumberDatePart = 'YYYY' | 'YY' | 'MM' | 'DD';
export type AutonumberToken =
  | { kind: 'literal'; text: string }
  | { kind: 'date'; part: AutonumberDatePart }
  /** Zero-padded to `digits`; a larger counter simply prints more digits. */
  | { kind: 'counter'; digits: number };

export type ParsedAutonumberFormat = { ok: true; tokens: AutonumberToken[] } | { ok: false; message: string };

const TOKEN = /\{([^{}]*)\}/g;
const LITERAL = /^[A-Za-z0-9\p{Script=Han}\-_/.# ]*$/u;
const DATE_PARTS = new Set<string>(['YYYY', 'YY', 'MM', 'DD']);

export function parseAutonumberFormat(format: string): ParsedAutonumberFormat {
  const tokens: AutonumberToken[] = [];
  let counters = 0;
  let last = 0;
  const pushLiteral = (text: string): string | undefined => {
    if (text === '') return undefined;
    if (!LITERAL.test(text)) {
      return `literal text '${text}' may only contain letters, digits, Chinese characters and - _ / . # or space`;
    }
    tokens.push({ kind: 'literal', text });
    return undefined;
  };
  for (const match of format.matchAll(TOKEN)) {
    const literalError = pushLiteral(format.slice(last, match.index));
    if (literalError) return { ok: false, message: literalError };
    last = match.index + match[0].length;
    const body = match[1] ?? '';
    if (/^0+$/.test(body)) {
      if (body.length > 10) return { ok: false, message: `counter ${match[0]} has ${body.length} digits; at most 10 allowed` };
      counters++;
      tokens.push({ kind: 'counter', digits: body.length });
    } else if (DATE_PARTS.has(body)) {
      tokens.push({ kind: 'date', part: body as AutonumberDatePart });
    } else {
      return { ok: false, message: `unknown token ${match[0]}; use {0000} for the counter or {YYYY}, {YY}, {MM}, {DD}` };
    }
  }
  const literalError = pushLiteral(format.slice(last));
  if (literalError) return { ok: false, message: literalError };
  if (counters !== 1) {
    return { ok: false, message: `format needs exactly one counter token such as {0000}; found ${counters}` };
  }
  return { ok: true, tokens };
}

const pad2 = (value: number) => String(value).padStart(2, '0');
const DATE_RENDERERS: Record<AutonumberDatePart, (date: Date) => string> = {
  YYYY: (date) => String(date.getUTCFullYear()).padStart(4, '0'),
  YY: (date) => pad2(date.getUTCFullYear() % 100),
  MM: (date) => pad2(date.getUTCMonth() + 1),
  DD: (date) => pad2(date.getUTCDate()),
};

/** Renders one value, e.g. `OPP-2025-0042`, from parsed tokens, a counter value and a UTC date. */
export function renderAutonumber(tokens: readonly AutonumberToken[], counter: number, date: Date): string {
  const pad = (value: number, digits: number) => String(value).padStart(digits, '0');
  return tokens
    .map((token) => {
      if (token.kind === 'literal') return token.text;
      if (token.kind === 'counter') return pad(counter, token.digits);
      return DATE_RENDERERS[token.part](date);
    })
    .join('');
}
