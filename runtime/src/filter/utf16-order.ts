// JavaScript orders strings by UTF-16 code unit; PostgreSQL's COLLATE "C" by code point. The two
// disagree only between a character outside the BMP (a surrogate pair in JS, 0xD800–0xDBFF first)
// and a BMP character from U+E000 to U+FFFF (e.g. full-width ！，： and private use): JS puts the
// astral character first ("😀" < "！"), code-point order last.
//
// utf16OrderKey maps a text to one whose code-point order is the UTF-16 order of the original:
// every U+E000–U+FFFF character c becomes U+E001 c and every astral character x becomes U+E000 x.
// At the first differing character of two texts the images then differ in their first character
// (below U+D800 vs a marker, or U+E000 vs U+E001) or, for two characters of one class, in the
// second, so the order is decided there; a prefix stays a prefix.
import { type RawBuilder, sql } from 'kysely';

const BMP_HIGH = sql.raw(String.raw`E'([\uE000-\uFFFF])'`);
const BMP_HIGH_KEY = sql.raw(String.raw`E'\uE001\\1'`);
const ASTRAL = sql.raw(String.raw`E'([\U00010000-\U0010FFFF])'`);
const ASTRAL_KEY = sql.raw(String.raw`E'\uE000\\1'`);

export function utf16OrderKey(text: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`regexp_replace(regexp_replace(${text}, ${BMP_HIGH}, ${BMP_HIGH_KEY}, 'g'), ${ASTRAL}, ${ASTRAL_KEY}, 'g')`;
}

/**
 * Whether code-point order already equals UTF-16 order for every value compared with `literal`:
 * when the literal has only characters below U+D800, the first difference sets a character below
 * U+D800 against any other, which both orders judge alike.
 */
export function codePointOrderSuffices(literal: unknown): boolean {
  if (typeof literal !== 'string') return false;
  for (let i = 0; i < literal.length; i++) if (literal.charCodeAt(i) >= 0xd800) return false;
  return true;
}
