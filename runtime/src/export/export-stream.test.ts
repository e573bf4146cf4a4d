// The export stream is pulled: a page of records is read only when the consumer has taken what
// the pages before it produced, so a slow download (or a large result) never piles up in memory.
import { describe, expect, it } from 'vitest';
import type { ExportColumn } from './export-columns.ts';
import { exportStream } from './export-stream.ts';

const columns: ExportColumn[] = [
  { name: 'name', header: 'Name', cell: (value) => (value === undefined ? null : String(value)) },
  { name: 'n', header: 'N', cell: (value) => value as number },
];

function counted(pageCount: number, pageSize: number) {
  const state = { pulled: 0 };
  async function* pages() {
    for (let page = 0; page < pageCount; page += 1) {
      state.pulled += 1;
      yield Array.from({ length: pageSize }, (_, index) => ({ name: `row ${page}.${index}, "quoted"`, n: index }));
    }
  }
  return { state, pages: pages() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('export stream', () => {
  it('CSV: reads pages only as fast as the consumer takes them', async () => {
    const { state, pages } = counted(500, 1000);
    const stream = exportStream('csv', columns, pages, 'x');
    const iterator = stream[Symbol.asyncIterator]();
    const first = (await iterator.next()).value as Buffer;
    expect(first.toString('utf8')).toBe('\uFEFFName,N\r\n');
    await settle();
    // Node's readable buffer (16 KiB) holds at most a page or two ahead of the consumer.
    expect(state.pulled).toBeLessThanOrEqual(3);
    let bytes = first.length;
    for (let chunk = await iterator.next(); !chunk.done; chunk = await iterator.next()) bytes += (chunk.value as Buffer).length;
    expect(state.pulled).toBe(500);
    expect(bytes).toBeGreaterThan(500 * 1000 * 20);
  });

  it('XLSX: stops reading pages while nobody reads the file', async () => {
    const { state, pages } = counted(200, 1000);
    const stream = exportStream('xlsx', columns, pages, 'x');
    await settle();
    await settle();
    const before = state.pulled;
    expect(before).toBeLessThan(50);
    let bytes = 0;
    for await (const chunk of stream) bytes += (chunk as Buffer).length;
    expect(state.pulled).toBe(200);
    expect(bytes).toBeGreaterThan(1000);
  }, 120_000);
});
