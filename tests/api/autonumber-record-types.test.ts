// Issue #21, autonumber formats by record type, on both drivers: records of a record type listed
// in `formatsByRecordType` are numbered with its format and its own counter, the others with the
// field's format and counter. 20 parallel creates per record type give distinct numbers with no
// gap (nothing was rolled back: PostgreSQL sequences only skip numbers of rolled-back writes),
// bulk creates mix record types in one statement, a record type added later starts its counter at
// `startAt`, and bad formats or unknown record types are refused with typed errors.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const labels = (en: string, zh: string) => ({ en, zh });
const RECORDS = '/api/v1/objects/request/records';

function request(formats: Record<string, string>, extraTypes: string[] = []): Json {
  return {
    apiName: 'request',
    labels: labels('Request', '请求'),
    nameField: 'name',
    fields: [
      { apiName: 'name', type: 'text', labels: labels('Name', '名称'), required: true },
      { apiName: 'code', type: 'autonumber', labels: labels('Code', '编号'), format: 'REQ-{0000}', startAt: 1, formatsByRecordType: formats },
    ],
    recordTypes: [
      { apiName: 'general', labels: labels('General', '一般'), default: true },
      { apiName: 'service', labels: labels('Service', '服务') },
      { apiName: 'sales', labels: labels('Sales', '销售') },
      ...extraTypes.map((apiName) => ({ apiName, labels: labels(apiName, apiName) })),
    ],
  };
}

const kinds = await testDriverKinds();

describe.each(kinds)('autonumber formats by record type on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  const numbersOf = async (prefix: string) =>
    (await api.list('request', { limit: 200 })).body.data
      .map((record: Json) => record.code as string)
      .filter((code: string) => code.startsWith(prefix))
      .sort();

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant(`anrt_${kind}`));
    const applied = await api.apply({ objects: [request({ service: 'SRV-{000}', sales: 'SAL-{YYYY}-{00}' })] });
    expect(applied.status, applied.text.slice(0, 2000)).toBe(200);
  }, 180_000);
  afterAll(async () => server?.close());

  it('each record type numbers with its own format and counter', async () => {
    const general = await api.post(RECORDS, { name: 'g' });
    const service = await api.post(RECORDS, { name: 's', record_type: 'service' });
    const sales = await api.post(RECORDS, { name: 'x', record_type: 'sales' });
    expect([general.status, service.status, sales.status], sales.text).toEqual([201, 201, 201]);
    expect(general.body.code).toBe('REQ-0001');
    expect(service.body.code).toBe('SRV-001');
    expect(sales.body.code).toBe(`SAL-${new Date().getUTCFullYear()}-01`);
  });

  it('20 parallel creates per record type: distinct numbers, no gap within a counter', async () => {
    const creates = Array.from({ length: 40 }, (_, index) => api.post(RECORDS, { name: `p${index}`, ...(index % 2 === 0 ? { record_type: 'service' } : {}) }));
    const results = await Promise.all(creates);
    for (const result of results) expect(result.status, result.text).toBe(201);
    const service = await numbersOf('SRV-');
    const general = await numbersOf('REQ-');
    expect(service).toEqual(Array.from({ length: 21 }, (_, index) => `SRV-${String(index + 1).padStart(3, '0')}`));
    expect(general).toEqual(Array.from({ length: 21 }, (_, index) => `REQ-${String(index + 1).padStart(4, '0')}`));
  });

  it('a bulk create mixing record types numbers each row from its record type', async () => {
    const bulk = await api.post(`${RECORDS}/bulk`, {
      operation: 'create',
      records: [{ name: 'b1', record_type: 'service' }, { name: 'b2' }, { name: 'b3', record_type: 'service' }],
    });
    expect(bulk.status, bulk.text).toBe(200);
    const service = await numbersOf('SRV-');
    expect(service.slice(-2)).toEqual(['SRV-022', 'SRV-023']);
    expect((await numbersOf('REQ-')).at(-1)).toBe('REQ-0022');
  });

  it('a record type added to the map later starts its own counter; a changed format keeps the counter', async () => {
    const applied = await api.apply({ objects: [request({ service: 'SV-{000}', sales: 'SAL-{YYYY}-{00}', general: 'GEN-{00}' })] });
    expect(applied.status, applied.text.slice(0, 2000)).toBe(200);
    const general = await api.post(RECORDS, { name: 'later' });
    expect(general.body.code).toBe('GEN-01');
    const service = await api.post(RECORDS, { name: 'later', record_type: 'service' });
    expect(service.body.code).toBe('SV-024');
  });

  it('unknown record types, bad formats and repeated formats are refused with typed errors', async () => {
    const refused = await api.apply({ objects: [request({ repair: 'REP-{000}', service: 'SRV-{xx}', sales: 'REQ-{0000}' })] });
    expect(refused.status, refused.text).toBe(422);
    const found = (refused.body.errors as Json[]).map((error) => `${error.code} ${error.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'TSR236 /objects/0/fields/1/formatsByRecordType/repair',
        'TSR207 /objects/0/fields/1/formatsByRecordType/service',
        'TSR236 /objects/0/fields/1/formatsByRecordType/sales',
      ]),
    );
  });
});
