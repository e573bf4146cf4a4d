// An uploaded file → its rows as text cells, streamed so memory stays bounded by one chunk.
// CSV: csv-parse 5.6.0 (the `csv` project: streaming, RFC 4180 quoting with commas and newlines
// inside quotes, CRLF, a UTF-8 BOM stripped, ragged rows allowed). XLSX: exceljs's streaming
// WorkbookReader (the first worksheet; shared strings cached, styles ignored).
import { createReadStream } from 'node:fs';

export type ImportFormat = 'csv' | 'xlsx';

export async function* readRows(path: string, format: ImportFormat): AsyncGenerator<string[]> {
  // Loaded on the first import, not at start: exceljs alone is ~25 MiB (issue #16, memory).
  if (format === 'csv') {
    const { parse } = await import('csv-parse');
    const parser = createReadStream(path).pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: true }));
    for await (const record of parser) yield (record as string[]).map((cell) => cell ?? '');
    return;
  }
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    let expected = 1;
    for await (const row of sheet) {
      // Blank rows are not emitted; row numbers stay the sheet's so errors name the right line.
      for (; expected < row.number; expected++) yield [];
      expected = row.number + 1;
      const values = row.values as unknown[];
      yield Array.from({ length: Math.max(0, values.length - 1) }, (_, index) => cellText(values[index + 1]));
    }
    return;
  }
}

/** An exceljs cell value as the text a user would see (dates as ISO, formulas as their result). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'object') {
    const cell = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if (cell.result !== undefined) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.error) return cell.error;
    return '';
  }
  return String(value);
}
