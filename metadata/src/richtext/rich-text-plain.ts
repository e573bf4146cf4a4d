// Sanitised rich-text HTML → its plain text, and plain text → rich-text HTML. Pure string work, no
// DOM: the input is what the runtime's sanitiser stored (well-formed tags, attribute values quoted,
// and in text only &amp; &lt; &gt; &quot; encoded), so tags and those four entities are all there is
// to undo. The runtime's SQL projection (runtime/src/richtext/plain-text-sql.ts) does the same
// steps in the same order; a test runs both over the same values.
import { RICH_TEXT_TAG_KINDS, RICH_TEXT_TAGS } from './rich-text-allow-list.ts';

/**
 * Tags that end a line of text: their boundary reads as a space, so words on two lines stay apart.
 * The allow-list's block tags, and `div`, which pasted markup brings before it is sanitised.
 */
export const RICH_TEXT_BLOCK_TAGS: readonly string[] = [
  ...Object.entries(RICH_TEXT_TAG_KINDS)
    .filter(([, kind]) => kind === 'block')
    .map(([tag]) => tag),
  'div',
];

/** POSIX-style patterns shared with the SQL projection (PostgreSQL's regexp syntax reads them the same). */
export const BLOCK_TAG_PATTERN = `</?(${RICH_TEXT_BLOCK_TAGS.join('|')})([ /][^>]*)?>`;
export const ANY_TAG_PATTERN = '<[^>]*>';
/** Runs of ASCII white space (not \\s: JavaScript's includes no-break spaces, PostgreSQL's may not). */
export const SPACE_RUN_PATTERN = '[ \t\n\r\f]+';
/** Entity → character, `&amp;` last so `&amp;lt;` becomes the text `&lt;`. */
export const RICH_TEXT_ENTITIES: ReadonlyArray<readonly [string, string]> = [
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&quot;', '"'],
  ['&#39;', "'"],
  ['&amp;', '&'],
];

/** The words of a stored rich-text value: what search, `contains` filters and exports read. */
export function richTextPlain(html: string): string {
  let text = html.replace(new RegExp(BLOCK_TAG_PATTERN, 'gi'), ' ').replace(new RegExp(ANY_TAG_PATTERN, 'g'), '');
  for (const [entity, character] of RICH_TEXT_ENTITIES) text = text.split(entity).join(character);
  return text.replace(new RegExp(SPACE_RUN_PATTERN, 'g'), ' ').replace(/^ | $/g, '');
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Tags that mark a text as HTML: the allowed ones plus the div/span that editors and mail clients write. */
const HTML_MARKER = new RegExp(`</?(${[...RICH_TEXT_TAGS, 'div', 'span'].join('|')})(\\s[^>]*)?/?>`, 'i');

/**
 * Whether a text is meant as HTML (an imported cell): it holds a known formatting tag. `R&D <team>`
 * is text, not an unknown element, so it is escaped rather than stripped.
 */
export const looksLikeHtml = (text: string): boolean => HTML_MARKER.test(text);

/** Plain text (a spreadsheet cell, a textarea value) as rich text: one paragraph per line, escaped. */
export function plainTextToRichText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('');
}
