// An export as a byte stream: the header row, then each page of records (export-rows.ts) turned
// into CSV text or XLSX rows as it arrives. The stream is pulled: the next page is read only when
// the consumer (the HTTP response, a file) has taken the previous one, so memory stays flat.
//
// XLSX uses exceljs's streaming WorkbookWriter (exceljs 4.4.0, pure JavaScript, runs on Node 20):
// it writes each committed row into the zip as it goes instead of building the workbook in memory,
// and it is the most used XLSX library for Node with a streaming writer (SheetJS's npm package
// stopped at 0.18.5, newer builds come only from its own CDN, and it builds workbooks in memory).
import { PassThrough, Readable, Transform } from 'node:stream';
import type ExcelJSModule from 'exceljs';
import { onFirstUse } from '../core/on-first-use.ts';
import type { Cell, ExportColumn } from './export-columns.ts';
import { crlfRecords } from './crlf-records.ts';
import { CSV_BOM, csvLine } from './csv-text.ts';

// exceljs is ~25 MiB once loaded: only an XLSX export (or import) loads it.
const excelJs = onFirstUse<typeof ExcelJSModule>('exceljs');

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

type Pages = AsyncGenerator<Record<string, unknown>[]>;

const cells = (columns: readonly ExportColumn[], record: Record<string, unknown>): Cell[] => columns.map((column) => column.cell(record[column.name]));

async function* csvChunks(columns: readonly ExportColumn[], pages: Pages): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(columns.map((column) => column.header));
  for await (const page of pages) {
    let chunk = '';
    for (const record of page) chunk += csvLine(cells(columns, record));
    if (chunk) yield chunk;
  }
}

/**
 * XLSX: rows are committed page by page into a zip streamed through a PassThrough. The zip is
 * deflated asynchronously, so "the consumer is slow" shows only once compressed bytes arrive:
 * when XLSX_PAGES_AHEAD pages have produced no output yet the writer waits for deflate (at most
 * 200 ms, for a tail it holds back), and it waits for the consumer to take the output (drain).
 */
const XLSX_PAGES_AHEAD = 4;

function xlsxStream(columns: readonly ExportColumn[], pages: Pages, sheetName: string): Readable {
  const out = new PassThrough();
  let produced = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      produced += chunk.length;
      done(null, chunk);
    },
  });
  counter.pipe(out);
  const { WorkbookWriter } = excelJs().stream.xlsx;
  const workbook = new WorkbookWriter({ stream: counter, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  (async () => {
    sheet.addRow(columns.map((column) => column.header)).commit();
    let seen = produced;
    let pagesWithoutOutput = 0;
    for await (const page of pages) {
      for (const record of page) sheet.addRow(cells(columns, record)).commit();
      pagesWithoutOutput = produced === seen ? pagesWithoutOutput + 1 : 0;
      seen = produced;
      // A few pages may sit in deflate's window; past that, let it catch up before reading more.
      for (let wait = 0; pagesWithoutOutput >= XLSX_PAGES_AHEAD && produced === seen && wait < 40; wait += 1)
        await new Promise((resolve) => setTimeout(resolve, 5));
      while (out.writableNeedDrain || counter.writableNeedDrain) await new Promise((resolve) => (out.writableNeedDrain ? out : counter).once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error as Error));
  return out;
}

/** A CSV whose records come from COPY (export-copy-sql.ts): BOM and header here, records with CRLF ends. */
export function csvFromCopy(columns: readonly ExportColumn[], records: Readable): Readable {
  const out = new PassThrough();
  out.write(CSV_BOM + csvLine(columns.map((column) => column.header)));
  const lines = crlfRecords();
  // A failed COPY fails the download (the client sees a cut response), never a silent short file.
  records.once('error', (error) => out.destroy(error));
  lines.once('error', (error) => out.destroy(error));
  out.once('close', () => records.destroy());
  records.pipe(lines).pipe(out);
  return out;
}

/** The export as a Node stream (the CLI pipes it into a file; the route hands it to the response). */
export function exportStream(format: ExportFormat, columns: readonly ExportColumn[], pages: Pages, sheetName: string): Readable {
  if (format === 'xlsx') return xlsxStream(columns, pages, sheetName);
  return Readable.from(csvChunks(columns, pages), { objectMode: false });
}
