// Property: for generated records and generated search texts (letters in both cases, Chinese,
// spaces and the characters LIKE and SQL treat specially: % _ ' \), GET /search returns exactly
// the records whose name or note contains the text, ignoring case, each ranked exact (0), prefix
// (1) or inside (2) on its best field as a plain JavaScript reading computes it, best first.
// On PostgreSQL and PGlite, through HTTP.
import type { ObjectDef } from '@tessera/metadata';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { announceSeed, propertyParameters } from '../property/property-config.ts';
import { type RunningSecurityServer, startSecurityServer } from '../security/security-server.ts';

announceSeed('search-property');
const kinds = await testDriverKinds();
// ASCII letters fold the same in JavaScript and PostgreSQL; Chinese has no case.
const ALPHABET = ['a', 'A', 'b', 'B', '华', '为', ' ', '%', '_', "'", '\\'];
const text = (maxLength: number) => fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength }).map((chars) => chars.join(''));

const note: ObjectDef = {
  apiName: 'note',
  labels: { en: 'Note' },
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Name' } },
    { apiName: 'body', type: 'text', labels: { en: 'Body' } },
  ],
};

interface Stored {
  id: string;
  name: string;
  body: string;
}

/** The best (lowest) rank over the fields in order, and the field that has it, or undefined for no match. */
function expected(record: Stored, q: string): { rank: number; field: string } | undefined {
  const needle = q.toLowerCase();
  let best: { rank: number; field: string } | undefined;
  for (const field of ['name', 'body'] as const) {
    const value = record[field].toLowerCase();
    if (!value.includes(needle)) continue;
    const rank = value === needle ? 0 : value.startsWith(needle) ? 1 : 2;
    if (!best || rank < best.rank) best = { rank, field };
  }
  return best;
}

describe.each(kinds)('search agrees with a substring reading on %s', (kind) => {
  let server: RunningSecurityServer;
  let token = '';
  const stored: Stored[] = [];

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    token = await server.createTenant('searchprop');
    const applied = await server.request('POST', '/api/v1/metadata/apply', { token, body: { objects: [note] } });
    expect(applied.status, applied.text).toBe(200);
    const records = fc.sample(fc.record({ name: text(6), body: text(8) }), { seed: 7, numRuns: 40 });
    for (const record of records) {
      const created = await server.request<{ id: string }>('POST', '/api/v1/objects/note/records', { token, body: record });
      expect(created.status, created.text).toBe(201);
      stored.push({ id: created.body.id, ...record });
    }
  }, 120_000);
  afterAll(async () => server?.close());

  it('returns exactly the matching records, ranked as JavaScript ranks them', async () => {
    // Half the texts are cut from stored values, so most runs match something.
    const cut = fc.tuple(fc.nat(), fc.nat(), fc.nat()).map(([which, from, length]) => {
      const source = stored[which % stored.length] as Stored;
      const value = which % 2 === 0 ? source.name : source.body;
      const start = from % value.length;
      return value.slice(start, start + 1 + (length % (value.length - start)));
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(cut, text(3)), async (q) => {
        if (q.trim() === '') return;
        const result = await server.request<{ data: { records: { id: string; rank: number; matchedField: string }[] }[] }>(
          'GET',
          `/api/v1/search?${new URLSearchParams({ q, limit: '50' })}`,
          { token },
        );
        expect(result.status, result.text).toBe(200);
        const hits = result.body.data.flatMap((group) => group.records);
        const wanted = stored.flatMap((record) => {
          const match = expected(record, q.trim());
          return match ? [{ id: record.id, ...match }] : [];
        });
        expect(hits.map((hit) => hit.id).sort(), q).toEqual(wanted.map((want) => want.id).sort());
        for (const hit of hits) {
          const want = wanted.find((candidate) => candidate.id === hit.id);
          expect({ rank: hit.rank, field: hit.matchedField }, q).toEqual({ rank: want?.rank, field: want?.field });
        }
        const ranks = hits.map((hit) => hit.rank);
        expect(ranks, q).toEqual([...ranks].sort((a, b) => a - b));
      }),
      propertyParameters(60),
    );
  });
});
