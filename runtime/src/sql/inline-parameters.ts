// Compiled SQL with `$n` placeholders + their values → the same SQL with each value written as a
// quoted literal. Used only for fragments built from validated metadata (formula constants, rule
// literals), so a revision's record renderer can be compiled once and spliced as text.
//
// Each value becomes an *untyped* quoted literal (`'42'`, `E'it''s'`), never a typed one: an
// untyped literal takes its type from the context exactly as an untyped bound parameter does, so
// the statement means the same with the value inlined as with it bound. The text forms are the
// ones node-postgres sends for a bound value (numbers by `String`, booleans as true/false, arrays as
// PostgreSQL array literals). Placeholders are found by a scanner that skips quoted strings,
// quoted identifiers and comments, so a `$1` inside a string literal is left alone.

export type InlineValue = string | number | bigint | boolean | null | readonly InlineValue[];

export class InlineParameterError extends Error {}

export function inlineParameters(text: string, parameters: readonly unknown[]): string {
  if (parameters.length === 0) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const skipped = skipQuoted(text, i);
    if (skipped > i) {
      out += text.slice(i, skipped);
      i = skipped;
      continue;
    }
    const char = text[i];
    if (char === '$' && isDigit(text[i + 1]) && !isIdentifierChar(text[i - 1])) {
      let end = i + 1;
      while (isDigit(text[end])) end++;
      const index = Number(text.slice(i + 1, end)) - 1;
      if (index < 0 || index >= parameters.length) throw new InlineParameterError(`placeholder $${index + 1} has no value`);
      out += sqlLiteral(parameters[index]);
      i = end;
      continue;
    }
    out += char;
    i++;
  }
  return out;
}

/** A value as an untyped SQL literal, or NULL. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  return quote(textForm(value));
}

function textForm(value: unknown): string {
  if (typeof value === 'string') {
    // PostgreSQL text cannot hold NUL, and a NUL would end the statement on the wire.
    if (value.includes('\u0000')) throw new InlineParameterError('a literal contains the character U+0000');
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InlineParameterError(`the number ${value} has no SQL literal`);
    return String(value);
  }
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return arrayLiteral(value);
  throw new InlineParameterError(`a ${typeof value} value cannot be inlined`);
}

/**
 * A bound array as the array literal text PostgreSQL parses for it (what node-postgres would send,
 * built in one pass: an import's insert binds a 5,000-element array per column, and the driver's
 * per-element conversion was a tenth of the import's server time). Values it has no literal for
 * (a Date, an object, NUL in a text) are returned as they are, for the driver to convert.
 */
export function arrayParameter(values: readonly unknown[]): string | readonly unknown[] {
  try {
    return arrayLiteral(values);
  } catch (error) {
    if (error instanceof InlineParameterError) return values;
    throw error;
  }
}

// PostgreSQL's array input syntax: every element double-quoted (backslash escapes) or NULL.
function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) return arrayLiteral(item);
    return `"${textForm(item).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

// An escape string (E'…') means the same whatever standard_conforming_strings is set to.
function quote(text: string): string {
  const escaped = text.replaceAll('\\', '\\\\').replaceAll("'", "''");
  return escaped.includes('\\') ? `E'${escaped}'` : `'${escaped}'`;
}

/** The index just past a quoted string, quoted identifier or comment starting at `i`, else `i`. */
function skipQuoted(text: string, i: number): number {
  const char = text[i];
  if (char === "'") return skipString(text, i, (text[i - 1] === 'E' || text[i - 1] === 'e') && !isIdentifierChar(text[i - 2]));
  if (char === '"') return skipUntil(text, i + 1, '"', true);
  if (char === '-' && text[i + 1] === '-') {
    const end = text.indexOf('\n', i);
    return end === -1 ? text.length : end;
  }
  if (char === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end === -1 ? text.length : end + 2;
  }
  return i;
}

function skipString(text: string, start: number, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    if (backslashEscapes && text[i] === '\\') {
      i += 2;
      continue;
    }
    if (text[i] === "'") {
      if (text[i + 1] === "'") {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}

function skipUntil(text: string, from: number, quoteChar: string, doubled: boolean): number {
  let i = from;
  while (i < text.length) {
    if (text[i] === quoteChar) {
      if (doubled && text[i + 1] === quoteChar) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return text.length;
}

const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';
const isIdentifierChar = (char: string | undefined): boolean => char !== undefined && /[A-Za-z0-9_$]/.test(char);
