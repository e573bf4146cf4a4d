// Record ends become CRLF, line breaks inside quoted fields stay, whatever the chunk boundaries.
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crlfRecords } from './crlf-records.ts';

async function run(chunks: Buffer[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(crlfRecords())) out.push(chunk as Buffer);
  return Buffer.concat(out).toString('utf8');
}

/** A field as COPY's CSV writes it: quoted (quotes doubled) when it holds a comma, quote, CR or LF. */
const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

describe('crlfRecords', () => {
  it('ends each record with CRLF and keeps breaks inside quoted fields', async () => {
    expect(await run([Buffer.from('a,"b\nc"\n"x""\n",y\n')])).toBe('a,"b\nc"\r\n"x""\n",y\r\n');
  });

  it('any records split at any bytes: LF record ends → CRLF, field text unchanged', () =>
    fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.string({ unit: fc.constantFrom('a', '中', '"', ',', '\n', '\r', ' ') }), { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (records, cuts) => {
          const copy = Buffer.from(records.map((cells) => `${cells.map(field).join(',')}\n`).join(''));
          const points = [...new Set(cuts.map((cut) => cut % (copy.length + 1)))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((start, i) => copy.subarray(start, [...points, copy.length][i]));
          const expected = records.map((cells) => `${cells.map(field).join(',')}\r\n`).join('');
          expect(await run(chunks.filter((chunk) => chunk.length > 0))).toBe(expected);
        },
      ),
    ));
});
