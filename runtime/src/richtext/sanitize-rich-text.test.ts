import { richTextPlain } from '@tessera/metadata';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeRichText } from './sanitize-rich-text.ts';

describe('sanitizeRichText', () => {
  it('keeps the formatting a CRM note needs', () => {
    const html =
      '<h2>T</h2><p><strong>b</strong> <em>i</em> <u>u</u> <s>s</s></p><ol><li>1</li></ol><table><tbody><tr><td colspan="2">c</td></tr></tbody></table>';
    expect(sanitizeRichText(html)).toBe(html);
  });

  it('gives every link target=_blank and rel=noopener noreferrer, and drops other schemes', () => {
    expect(sanitizeRichText('<a href="mailto:a@b.c" rel="opener">m</a>')).toBe('<a href="mailto:a@b.c" target="_blank" rel="noopener noreferrer">m</a>');
    expect(sanitizeRichText('<a href="vbscript:x">v</a>')).toBe('<a target="_blank" rel="noopener noreferrer">v</a>');
  });

  it('drops scripts and styles with their content, and every attribute off the allow-list', () => {
    expect(sanitizeRichText('<p class="c" id="i" style="x" onclick="y">a<script>b</script><style>c</style></p>')).toBe('<p>a</p>');
  });

  it('settles markup the parser would read differently on a second pass (found by the property below)', () => {
    const once = sanitizeRichText('<td><iframe><td>');
    expect(sanitizeRichText(once)).toBe(once);
  });

  it('is idempotent and its output never holds a tag or handler off the allow-list (generated markup)', () => {
    const tag = fc.constantFrom('p', 'b', 'script', 'img', 'a', 'svg', 'style', 'td', 'iframe', 'x-y');
    const attribute = fc.constantFrom('', ' onclick="a()"', ' href="javascript:x"', ' href="https://e.com"', ' style="x"', ' src=x onerror=y');
    const piece = fc.oneof(
      fc.tuple(tag, attribute).map(([name, attr]) => `<${name}${attr}>`),
      tag.map((name) => `</${name}>`),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const once = sanitizeRichText(pieces.join(''));
        expect(sanitizeRichText(once)).toBe(once);
        expect(once).not.toMatch(/<(script|img|svg|style|iframe|x-y)\b|\son\w+=|javascript:/i);
        expect(typeof richTextPlain(once)).toBe('string');
      }),
    );
  });
});
