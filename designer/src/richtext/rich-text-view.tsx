// A stored rich-text value, rendered with its formatting (read-only details, form previews).
import { useMemo } from 'react';
import { safeHtml } from './safe-html.ts';

export function RichTextView(props: { html: string }) {
  const html = useMemo(() => safeHtml(props.html), [props.html]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on write by the server and again here by safeHtml (allow-list, inert parse).
  return <div className="rich-text" data-testid="rich-text-view" dangerouslySetInnerHTML={{ __html: html }} />;
}
