// 查重 match keys: a field value → the text two records must share to count as duplicates. One pure
// function, used by the server to store keys and by the designer to preview matches.
import type { DuplicateNormaliser } from '../types.ts';

/** The fixed order normalisers apply in: width first so full-width letters then fold case, etc. */
export const NORMALISER_ORDER: readonly DuplicateNormaliser[] = ['width', 'case', 'email', 'punctuation', 'whitespace', 'digits'];

// \p{P} punctuation and \p{S} symbols cover ASCII (),.- and CJK （）【】、，。·《》 alike.
const PUNCTUATION = /[\p{P}\p{S}]/gu;
const WHITESPACE = /\s+/gu;
const NON_DIGITS = /\D+/gu;

/**
 * A record value (as the API renders it) → its match text, or null when the value cannot match
 * anything (null, empty after normalisation). Non-text values match by their JSON text.
 */
export function normaliseMatchValue(value: unknown, normalisers: readonly DuplicateNormaliser[]): string | null {
  if (value === null || value === undefined) return null;
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  for (const step of NORMALISER_ORDER) {
    if (!normalisers.includes(step)) continue;
    switch (step) {
      case 'width':
        // NFKC folds full-width ＡＢＣ１２３ to ABC123, the ideographic space to a space, ﹙ to (.
        text = text.normalize('NFKC');
        break;
      case 'case':
        text = text.toLowerCase();
        break;
      case 'email':
        text = text.trim().toLowerCase();
        break;
      case 'punctuation':
        text = text.replace(PUNCTUATION, '');
        break;
      case 'whitespace':
        text = text.replace(WHITESPACE, '');
        break;
      case 'digits':
        text = text.replace(NON_DIGITS, '');
        break;
    }
  }
  return text === '' ? null : text;
}

/**
 * The match key of a record under a rule: every field's match text joined, or null when any field
 * is empty (a record with a blank matched field is never a duplicate).
 */
export function duplicateMatchKey(
  record: Readonly<Record<string, unknown>>,
  fields: readonly { field: string; normalise: readonly DuplicateNormaliser[] }[],
): string | null {
  const parts: string[] = [];
  for (const match of fields) {
    const part = normaliseMatchValue(record[match.field], match.normalise);
    if (part === null) return null;
    parts.push(part);
  }
  // JSON keeps the parts apart whatever they contain (no separator character can be forged).
  return JSON.stringify(parts);
}
