import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllowedRichTextHref } from './rich-text-allow-list.ts';
import { looksLikeHtml, plainTextToRichText, richTextPlain } from './rich-text-plain.ts';

describe('richTextPlain', () => {
  it.each([
    ['<p>Hello <b>wor</b>ld</p>', 'Hello world'],
    ['<p>one</p><p>two</p>', 'one two'],
    ['<ul><li>a</li><li>b</li></ul>', 'a b'],
    ['R&amp;D &lt;team&gt; &quot;q&quot;', 'R&D <team> "q"'],
    ['&amp;lt;', '&lt;'],
    ['<a href="https://e.com" rel="noopener noreferrer">link</a>', 'link'],
    ['  <br>  ', ''],
  ])('%s → %s', (html, plain) => {
    expect(richTextPlain(html)).toBe(plain);
  });

  it('round-trips plain text through plainTextToRichText (lines joined by a space)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 4 }), (lines) => {
        const clean = lines.map((line) => line.replace(/[\r\n \t\f]+/g, ' ').trim()).filter((line) => line !== '');
        fc.pre(clean.length > 0);
        expect(richTextPlain(plainTextToRichText(clean.join('\n')))).toBe(clean.join(' '));
      }),
    );
  });

  it('plain text never looks like HTML after escaping', () => {
    fc.assert(fc.property(fc.string(), (text) => !looksLikeHtml(plainTextToRichText(text).replace(/<\/?p>/g, ''))));
  });
});

describe('isAllowedRichTextHref', () => {
  it.each([
    ['https://example.com', true],
    ['http://x', true],
    ['MAILTO:a@b.c', true],
    ['javascript:alert(1)', false],
    [' JavaScript:alert(1)', false],
    ['data:text/html,x', false],
    ['//evil.example', false],
    ['/relative', false],
  ])('%s → %s', (href, allowed) => {
    expect(isAllowedRichTextHref(href)).toBe(allowed);
  });
});
