// No downtime: while 8 clients list, create and patch records through HTTP, adding a field,
// renaming a label and adding a picklist value cause zero failed requests. The load is paced by
// request counts, not by the clock: each change waits for 24 more answers, so a slow machine
// gets the same overlap as a fast one.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { dealWith, field, freshTenant, model } from './evolution-support.ts';

const kinds = await testDriverKinds();
const CLIENTS = 8;
const ANSWERS_BETWEEN_CHANGES = 24;
const GIVE_UP_MS = 120_000;

describe.each(kinds)('metadata changes under load on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it(`adds a field, renames a label and adds a picklist value while ${CLIENTS} clients read and write, with zero failed requests`, async () => {
    const { api } = await freshTenant(server, 'load');
    const failures: string[] = [];
    let requests = 0;
    let answeredDuringApply = 0;
    let applying = false;
    let stop = false;
    const giveUpAt = Date.now() + GIVE_UP_MS;
    const answers = async (count: number) => {
      while (requests < count) {
        if (Date.now() > giveUpAt) throw new Error(`only ${requests} of ${count} answers within ${GIVE_UP_MS} ms`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const client = async (n: number) => {
      let mine: string | undefined;
      let version = 1;
      for (let i = 0; !stop; i++) {
        try {
          const step = i % 3;
          const result =
            step === 0
              ? await api.post('/api/v1/objects/deal/records', { name: `c${n}-${i}`, stage: 'open' })
              : step === 1 && mine
                ? await api.patch(`/api/v1/objects/deal/records/${mine}`, { notes: `n${i}` }, { 'If-Match': `"${version}"` })
                : await api.list('deal', { limit: 20, sort: '-created_at' });
          requests += 1;
          if (applying) answeredDuringApply += 1;
          if (result.status >= 300) failures.push(`${result.status} ${result.text.slice(0, 200)}`);
          else if (step === 0) mine = result.body.id;
          else if (step === 1) version = result.body.version;
          if (step === 0) version = 1;
        } catch (error) {
          failures.push(`socket: ${(error as Error).message}`);
        }
      }
    };
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    const changes = [
      dealWith((def) => def.fields.push({ apiName: 'priority', type: 'text', labels: { en: 'Priority' } })),
      dealWith((def) => {
        def.fields.push({ apiName: 'priority', type: 'text', labels: { en: 'Priority' } });
        field(def, 'name').labels = { en: 'Deal name', zh: '交易名称' };
      }),
      dealWith((def) => {
        def.fields.push({ apiName: 'priority', type: 'text', labels: { en: 'Priority' } });
        field(def, 'name').labels = { en: 'Deal name', zh: '交易名称' };
        field(def, 'stage').values.push({ apiName: 'stalled', labels: { en: 'Stalled' } });
      }),
    ];
    const applied: number[] = [];
    try {
      for (const change of changes) {
        await answers(requests + ANSWERS_BETWEEN_CHANGES);
        applying = true;
        const result = await api.apply(model(change));
        applying = false;
        expect(result.status, result.text).toBe(200);
        expect(result.body.steps.every((step: { risk: string }) => step.risk === 'safe')).toBe(true);
        applied.push(result.body.revision);
      }
      await answers(requests + ANSWERS_BETWEEN_CHANGES);
    } finally {
      stop = true;
      await load;
    }
    expect(applied).toEqual([2, 3, 4]);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(4 * ANSWERS_BETWEEN_CHANGES);
    // Requests were answered while the changes were being applied, not only between them.
    expect(answeredDuringApply).toBeGreaterThan(0);
    // The new value is usable at once.
    expect((await api.post('/api/v1/objects/deal/records', { name: 'after', stage: 'stalled', priority: 'p1' })).status).toBe(201);
  });
});
