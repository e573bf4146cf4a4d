// Stored rich-text HTML → HTML safe to put in the page. The server already sanitised it on write
// (sanitize-html with metadata's allow-list); this re-applies the same allow-list in the browser,
// so a value that reached the table some other way (a direct SQL update, an older release) still
// cannot run script here. DOMParser builds an inert document: nothing in it loads or executes.
import { isAllowedRichTextHref, RICH_TEXT_ATTRIBUTES, RICH_TEXT_LINK_REL, RICH_TEXT_TAGS } from '@tessera/metadata';

const TAGS = new Set(RICH_TEXT_TAGS);
/** Elements dropped with everything inside them (their text is code or markup, not words). */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'textarea', 'select']);

function clean(node: Element): void {
  for (const child of [...node.children]) {
    const tag = child.tagName.toLowerCase();
    if (DROPPED_WITH_CONTENT.has(tag)) {
      child.remove();
      continue;
    }
    clean(child);
    if (!TAGS.has(tag)) {
      child.replaceWith(...child.childNodes);
      continue;
    }
    const allowed = RICH_TEXT_ATTRIBUTES[tag] ?? [];
    for (const attribute of [...child.attributes]) {
      if (!allowed.includes(attribute.name) || (attribute.name === 'href' && !isAllowedRichTextHref(attribute.value))) child.removeAttribute(attribute.name);
    }
    if (tag === 'a') {
      child.setAttribute('target', '_blank');
      child.setAttribute('rel', RICH_TEXT_LINK_REL);
    }
  }
}

export function safeHtml(html: string): string {
  const document = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  clean(document.body);
  return document.body.innerHTML;
}
