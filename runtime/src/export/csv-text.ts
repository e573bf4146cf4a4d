// RFC 4180 CSV for Excel: UTF-8 with a byte-order mark (so Excel opens Chinese text correctly),
// CRLF line ends, fields quoted when they hold a comma, quote, CR or LF (quotes doubled).
import type { Cell } from './export-columns.ts';

export const CSV_BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = String(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvField).join(',')}\r\n`;
