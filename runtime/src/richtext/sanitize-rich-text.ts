// Untrusted HTML → the HTML Tessera stores for a rich-text field, by metadata's allow-list
// (rich-text-allow-list.ts) with sanitize-html. Every write path reaches this through
// planCreate/planPatch (create, patch, bulk, upsert, import), so no rich-text value is stored
// unsanitised. Script and style elements are dropped with their content.
import { RICH_TEXT_ATTRIBUTES, RICH_TEXT_LINK_REL, RICH_TEXT_LINK_SCHEMES, RICH_TEXT_TAGS } from '@tessera/metadata';
import type SanitizeHtml from 'sanitize-html';
import { onFirstUse } from '../core/on-first-use.ts';

// ~15 MiB (htmlparser2, postcss) that only a rich-text write needs.
const sanitizeHtml = onFirstUse<typeof SanitizeHtml>('sanitize-html');

const OPTIONS: SanitizeHtml.IOptions = {
  allowedTags: [...RICH_TEXT_TAGS],
  allowedAttributes: Object.fromEntries(Object.entries(RICH_TEXT_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
  allowedSchemes: [...RICH_TEXT_LINK_SCHEMES],
  allowedSchemesAppliedToAttributes: ['href'],
  // `//evil.example` would inherit the page's scheme: only absolute links are kept.
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...(attribs.href ? { href: attribs.href } : {}),
        ...(attribs.title ? { title: attribs.title } : {}),
        target: '_blank',
        rel: RICH_TEXT_LINK_REL,
      },
    }),
  },
};

/**
 * Sanitises until the markup stops changing. One pass can emit nesting that the parser reads
 * differently the next time (`<td><iframe><td>` → `<td><td></td></td>`, which re-parses as two
 * cells), and what is stored must be what the browser's own re-sanitising and the next edit
 * produce. Markup settles after one extra pass in every case the property test has found; the
 * bound only keeps a pathological input from looping.
 */
export function sanitizeRichText(html: string): string {
  let current = sanitizeHtml()(html, OPTIONS);
  for (let pass = 0; pass < MAX_EXTRA_PASSES; pass++) {
    const next = sanitizeHtml()(current, OPTIONS);
    if (next === current) return current;
    current = next;
  }
  return current;
}

const MAX_EXTRA_PASSES = 4;
