// Where the formula editor's "insert field" puts a field: pure, so it is unit-tested without a browser.

/** `text` with `{"var": name}` replacing the selection `[start, end)`; the whole expression when `text` is blank. */
export function insertVar(text: string, name: string, start: number, end: number): { text: string; caret: number } {
  const snippet = JSON.stringify({ var: name }).replace(':', ': ');
  if (text.trim() === '') return { text: snippet, caret: snippet.length };
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  return { text: `${text.slice(0, from)}${snippet}${text.slice(to)}`, caret: from + snippet.length };
}
