// Bad record input (issue #15 property findings, issue #22 "Correctness under bad input"): each
// case is a value that once answered 500 or was stored changed. Every one must now be a 4xx
// problem+json naming the offending path with a code, and the tenant's records stay as they were.
// PostgreSQL and PGlite.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const OPPS = '/api/v1/objects/opportunity/records';

describe.each(kinds)('bad record input on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;
  let existing: { id: string; version: number };

  beforeAll(async () => {
    server = await startTestServer(kind);
    token = await server.createTenant('bad_input');
    api = server.tenant(token);
    expect((await api.apply(crmBundle)).status).toBe(200);
    const created = await api.post(OPPS, { name: 'kept', close_date: '2024-02-29' });
    expect(created.status, created.text).toBe(201);
    existing = { id: created.body.id, version: created.body.version };
  });
  afterAll(async () => {
    await server?.close();
  });

  const names = async () => (await api.list('opportunity', { sort: 'name', limit: 200 })).body.data.map((record: { name: string }) => record.name);
  const raw = (method: string, path: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string> = {}) =>
    fetch(`${server.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body });
  const answer = async (response: Response) => {
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
  };

  it('refuses dates and date-times outside years 1–9999 with 400 TSR407 at each path', async () => {
    const before = await names();
    const result = await api.post(OPPS, { name: 'year zero', close_date: '0000-01-01', last_contact: '0000-01-01T00:00:00.000Z' });
    expectProblem(
      result,
      400,
      'TSR400',
      [
        { path: '/close_date', code: 'TSR407' },
        { path: '/last_contact', code: 'TSR407' },
      ],
      true,
    );
    // An offset that moves the instant into year 0 (UTC), or past 9999, is refused too.
    for (const last_contact of ['0001-01-01T00:30:00+01:00', '9999-12-31T23:30:00-01:00']) {
      expectProblem(await api.post(OPPS, { name: 'edge', last_contact }), 400, 'TSR400', [{ path: '/last_contact', code: 'TSR407' }], true);
    }
    const patched = await api.patch(`${OPPS}/${existing.id}`, { close_date: '0000-12-31' }, { 'if-match': `"${existing.version}"` });
    expectProblem(patched, 400, 'TSR400', [{ path: '/close_date', code: 'TSR407' }], true);
    // The first and last days of the range are fine.
    const edges = await api.post(OPPS, { name: 'edges', close_date: '0001-01-01', last_contact: '9999-12-31T23:59:59.999Z' });
    expect(edges.status, edges.text).toBe(201);
    expect(edges.body).toMatchObject({ close_date: '0001-01-01', last_contact: '9999-12-31T23:59:59.999Z' });
    expect(await names()).toEqual([...before, 'edges'].sort());
  });

  it('refuses 2024-02-30 in a record and in a filter instead of reading it as 2024-03-01', async () => {
    expectProblem(await api.post(OPPS, { name: 'feb', close_date: '2024-02-30' }), 400, 'TSR400', [{ path: '/close_date', code: 'TSR407' }], true);
    expectProblem(
      await api.post(OPPS, { name: 'feb', last_contact: '2024-02-30T10:00:00Z' }),
      400,
      'TSR400',
      [{ path: '/last_contact', code: 'TSR407' }],
      true,
    );
    for (const literal of ['2024-02-30T10:00:00Z', '2023-02-29T00:00:00+05:00', '2024-04-31T00:00:00Z']) {
      const filter = JSON.stringify({ '<': [{ var: 'last_contact' }, literal] });
      const listed = await api.list('opportunity', { filter });
      expectProblem(listed, 400, 'TSR103');
      expect((listed.body as unknown as { errors: unknown[] }).errors.length, listed.text).toBeGreaterThan(0);
    }
  });

  it('refuses a lone UTF-16 surrogate with 400 naming the field, instead of storing U+FFFD', async () => {
    const before = await names();
    for (const escaped of ['\\ud800', '\\udfff', '\\udc00\\ud800']) {
      const response = await answer(await raw('POST', OPPS, `{"name":"lone ${escaped} surrogate","tags":["vip"]}`));
      expectProblem(response, 400, 'TSR400', [{ path: '/name', code: 'TSR120' }], true);
    }
    // In a list value (multi-select) and in a patch, the path names the element.
    const inList = await answer(await raw('POST', OPPS, '{"name":"ok","tags":["vip","\\ud83d"]}'));
    expectProblem(inList, 400, 'TSR400', [{ path: '/tags/1', code: 'TSR120' }], true);
    const patched = await answer(await raw('PATCH', `${OPPS}/${existing.id}`, '{"description":"x\\udbff"}', { 'if-match': `"${existing.version}"` }));
    expectProblem(patched, 400, 'TSR400', [{ path: '/description', code: 'TSR120' }], true);
    // A surrogate pair written as escapes is a real character and is stored as sent.
    const pair = await answer(await raw('POST', OPPS, '{"name":"pair \\ud83d\\ude00 ok"}'));
    expect(pair.status, pair.text).toBe(201);
    expect(pair.body.name).toBe('pair 😀 ok');
    expect(await names()).toEqual([...before, 'pair 😀 ok'].sort());
  });

  it('refuses a body that is not valid UTF-8 with 400 TSR119 instead of storing replacement characters', async () => {
    const before = await names();
    const head = new TextEncoder().encode('{"name":"bad ');
    const tail = new TextEncoder().encode(' bytes"}');
    for (const bad of [[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xe4, 0xb8]]) {
      const body = Uint8Array.from([...head, ...bad, ...tail]);
      const response = await answer(await raw('POST', OPPS, body));
      expectProblem(response, 400, 'TSR119', [{ path: '', code: 'TSR119' }], true);
      expect(response.body.detail).toContain(`byte ${head.length}`);
    }
    expect(await names()).toEqual(before);
  });

  it('names the field of a NUL character (TSR120 at /name), in records and list values, with the other problems', async () => {
    const before = await names();
    const result = await answer(await raw('POST', OPPS, '{"name":"nul \\u0000 inside","description":"\\u0000","tags":["\\u0000"],"amount":-5}'));
    expectProblem(
      result,
      400,
      'TSR400',
      [
        { path: '/name', code: 'TSR120' },
        { path: '/description', code: 'TSR120' },
        { path: '/tags/0', code: 'TSR120' },
        { path: '/amount', code: 'TSR404' },
      ],
      true,
    );
    expect(await names()).toEqual(before);
    // Other bodies are checked as they are read: a label of a metadata document.
    const document = JSON.stringify({ objects: [{ apiName: 'note', labels: { en: 'Note\u0000', zh: '\ud800' }, fields: [] }] });
    const applied = await answer(await raw('POST', '/api/v1/metadata/apply', document));
    expectProblem(
      applied,
      400,
      'TSR120',
      [
        { path: '/objects/0/labels/en', code: 'TSR120' },
        { path: '/objects/0/labels/zh', code: 'TSR120' },
      ],
      true,
    );
  });

  it('refuses an oversized phone, email and url with the length code before any pattern runs', async () => {
    const huge = `${'1 '.repeat(39_000)}!`;
    const result = await api.post(OPPS, { name: 'long', contact_phone: huge, contact_email: `${'a'.repeat(100_000)}@x.io`, description: 'y'.repeat(2001) });
    // In field order, each once: the length, never also the format.
    expectProblem(
      result,
      400,
      'TSR400',
      [
        { path: '/description', code: 'TSR403' },
        { path: '/contact_email', code: 'TSR403' },
        { path: '/contact_phone', code: 'TSR403' },
      ],
      true,
    );
    // A required field that is too long (and blank but for its end) is reported as too long, not also as missing.
    const longName = await api.post(OPPS, { name: `${' '.repeat(100_000)}x`, code: 'c'.repeat(21), contact_phone: '12' });
    expectProblem(
      longName,
      400,
      'TSR400',
      [
        { path: '/name', code: 'TSR403' },
        { path: '/code', code: 'TSR403' },
        { path: '/contact_phone', code: 'TSR407' },
      ],
      true,
    );
  });

  it('answers 4xx for __proto__, version 1e20, numeric overflow and filter functions with huge arguments', async () => {
    const before = await names();
    const proto = await answer(await raw('POST', OPPS, '{"name":"proto","__proto__":{"amount":5}}'));
    expectProblem(proto, 400, 'TSR400', [{ path: '/__proto__', code: 'TSR408' }], true);
    const protoPatch = await answer(await raw('PATCH', `${OPPS}/${existing.id}`, '{"__proto__":{"version":1}}', { 'if-match': `"${existing.version}"` }));
    expectProblem(protoPatch, 400, 'TSR400', [{ path: '/__proto__', code: 'TSR408' }], true);
    const version = await api.patch(`${OPPS}/${existing.id}`, { name: 'kept', version: 1e20 });
    expect(version.status, version.text).toBeGreaterThanOrEqual(400);
    expect(version.status).toBeLessThan(500);
    expect(version.body.errors.some((error: { path: string }) => error.path === '/version')).toBe(true);
    const ifMatch = await api.patch(`${OPPS}/${existing.id}`, { name: 'kept' }, { 'if-match': '"100000000000000000000"' });
    expect(ifMatch.status, ifMatch.text).toBeGreaterThanOrEqual(400);
    expect(ifMatch.status).toBeLessThan(500);
    for (const amount of [1e300, -1e300, 1e16, 1.2345678901234568e29]) {
      expectProblem(await api.post(OPPS, { name: 'big', amount }), 400, 'TSR400', [{ path: '/amount', code: 'TSR413' }]);
    }
    expectProblem(await api.post(OPPS, { name: 'big', quantity: 1e300 }), 400, 'TSR400', [{ path: '/quantity', code: 'TSR413' }], true);
    for (const filter of [
      { '==': [{ substr: [{ var: 'name' }, 1e300] }, 'x'] },
      { '==': [{ substr: [{ var: 'name' }, 0, -1e300] }, 'x'] },
      { '>': [{ '*': [{ var: 'amount' }, 1e300, 1e300] }, 1] },
      { '>': [{ '+': [{ var: 'quantity' }, 1e308, 1e308] }, 1] },
      { '==': [{ var: 'amount' }, 1e300] },
    ]) {
      const listed = await api.list('opportunity', { filter: JSON.stringify(filter) });
      expect(listed.status, `${JSON.stringify(filter)} → ${listed.text}`).toBeLessThan(500);
    }
    expect(await names()).toEqual(before);
  });

  it('refuses a list filter nested past the depth limit with 400 TSR103, not a 500', async () => {
    // 2,000 levels do not fit in a URL (Node answers 431); 300 do, well past the limit of 32.
    let filter: unknown = { '==': [{ var: 'name' }, 'x'] };
    for (let depth = 0; depth < 300; depth++) filter = { '!': filter };
    const listed = await api.list('opportunity', { filter: JSON.stringify(filter) });
    expectProblem(listed, 400, 'TSR103');
    expect((listed.body as unknown as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
  });
});
