// Lookup columns of an import resolve on every driver: by the target's name (华为) and by its
// external id (HW), on PostgreSQL and on the embedded PGlite a first-time user runs. Found when
// every lookup import on PGlite answered 500 (a bound boolean in the lookup query's select list).
// A dry run and the run agree, and each created lead references the company its cell named.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { company, lead, REAL_WORLD_CSV } from './import-support.ts';

const kinds = await testDriverKinds();

describe.each(kinds)('lookup columns of an import on %s', (kind) => {
  let server: TestServer;
  let token: string;
  let companyId: string;
  const upload = async (dryRun: boolean) => {
    const response = await fetch(`${server.baseUrl}/api/v1/imports/lead?dryRun=${dryRun}&mode=skip-bad-rows&wait=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: REAL_WORLD_CSV,
    });
    const text = await response.text();
    expect(response.status, text.slice(0, 1000)).toBe(200);
    return JSON.parse(text);
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    token = await server.createTenant('lookupdrivers');
    const applied = await server.tenant(token).apply({ objects: [company, lead] });
    expect(applied.status, applied.text).toBe(200);
    const created = await server.tenant(token).post('/api/v1/objects/company/records', { name: '华为', symbol: 'HW' });
    companyId = created.body.id;
  }, 120_000);
  afterAll(async () => server?.close());

  it('resolves names and external ids alike, the dry run counting what the run writes', async () => {
    const dry = await upload(true);
    const run = await upload(false);
    expect(run.counts).toEqual(dry.counts);
    expect(run.counts.create).toBeGreaterThan(0);
    const leads = (await server.tenant(token).get('/api/v1/objects/lead/records?limit=50&sort=code')).body.data as Record<string, unknown>[];
    const byCode = new Map(leads.map((record) => [record.code, record.company]));
    // Rows L-1 and L-4 name the company 华为, L-2 by its symbol HW; the others leave it empty.
    for (const code of ['L-1', 'L-2', 'L-4'].filter((code) => byCode.has(code))) expect(byCode.get(code), code).toBe(companyId);
    expect([...byCode.values()].filter((value) => value === companyId).length).toBeGreaterThanOrEqual(2);
  });
});
