// What a rich-text value may contain: the one allow-list behind the server's sanitiser
// (runtime/src/richtext/sanitize-rich-text.ts) and the browser's defensive re-check before it
// renders stored HTML (designer/src/richtext/safe-html.ts). Formatting a CRM note needs, nothing that
// runs or loads: no style/class/id (content could be hidden or overlaid), no img (tracking pixels),
// no iframe, form, script, or event attributes.

export const RICH_TEXT_TAGS: readonly string[] = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'code',
  'ul',
  'ol',
  'li',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'strike',
  'del',
  'sub',
  'sup',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];

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
