// What a rich-text value may contain: the one allow-list behind the server's sanitiser
// (runtime/src/richtext/sanitize-rich-text.ts) and the browser's defensive re-check before it
// renders stored HTML (designer/src/richtext/safe-html.ts). Formatting a CRM note needs, nothing that
// runs or loads: no style/class/id (content could be hidden or overlaid), no img (tracking pixels),
// no iframe, form, script, or event attributes.

/**
 * Every tag a rich-text value may hold, and whether it ends a line of text ("block": its boundary
 * reads as a space in the plain-text projection, rich-text-plain.ts) or runs inside one ("inline").
 */
export const RICH_TEXT_TAG_KINDS: Readonly<Record<string, 'block' | 'inline'>> = {
  p: 'block',
  br: 'block',
  hr: 'block',
  h1: 'block',
  h2: 'block',
  h3: 'block',
  h4: 'block',
  h5: 'block',
  h6: 'block',
  blockquote: 'block',
  pre: 'block',
  code: 'inline',
  ul: 'block',
  ol: 'block',
  li: 'block',
  strong: 'inline',
  b: 'inline',
  em: 'inline',
  i: 'inline',
  u: 'inline',
  s: 'inline',
  strike: 'inline',
  del: 'inline',
  sub: 'inline',
  sup: 'inline',
  a: 'inline',
  table: 'block',
  thead: 'block',
  tbody: 'block',
  tr: 'block',
  th: 'block',
  td: 'block',
};

export const RICH_TEXT_TAGS: readonly string[] = Object.keys(RICH_TEXT_TAG_KINDS);

export const RICH_TEXT_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title', 'target', 'rel'],
  th: ['colspan', 'rowspan'],
  td: ['colspan', 'rowspan'],
};

/** Link schemes: web and mail only (no javascript:, data:, vbscript:, file:). */
export const RICH_TEXT_LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto'];

/** Every link opens in a new tab without handing the opened page `window.opener` or the referrer. */
export const RICH_TEXT_LINK_REL = 'noopener noreferrer';

/** Whether an href is a link a rich-text value may keep (absolute, one of the allowed schemes). */
export function isAllowedRichTextHref(href: string): boolean {
  const match = /^\s*([a-z][a-z0-9+.-]*):/i.exec(href);
  return match !== null && RICH_TEXT_LINK_SCHEMES.includes((match[1] ?? '').toLowerCase());
}
