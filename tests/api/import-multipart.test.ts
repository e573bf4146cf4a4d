// Issue #20: POST /imports/:object takes multipart/form-data beside the raw body — one `file` part
// and the options as text fields or one JSON `options` part — streamed to disk by busboy. The same
// import either way (same counts, same rows); each refusal a 4xx problem with its code and path,
// and nothing written: no file part, two files, a stray file part, a wrong type, a bad `options`
// part, a file over the limit (413, cut off while it arrives, memory bounded). On both drivers.
import { testDriverKinds } from '@tessera/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../runtime/src/import/receive-file.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { company, lead, REAL_WORLD_CSV } from './import-support.ts';

const SCHEMA = 't_multipart';

const kinds = await testDriverKinds();
// The lookup column is left out (mapped to null): multipart handling does not depend on it, and
// lookups on both drivers are import-lookups-drivers.test.ts's subject.
const NO_LOOKUP = JSON.stringify({ 公司: null });

describe.each(kinds)('multipart import upload on %s', (kind) => {
  let server: TestServer;
  let token: string;
  const post = async (path: string, form: FormData) => {
    const response = await fetch(`${server.baseUrl}/api/v1/imports/${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, text };
  };
  const csvFile = (text = REAL_WORLD_CSV, name = 'leads.csv', type = 'text/csv') => new File([text], name, { type });
  const leadCount = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.id(SCHEMA, 'lead')}`.execute(server.database.db)).rows[0]?.n);
  const imports = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.id(SCHEMA, '_imports')}`.execute(server.database.db)).rows[0]?.n);

  beforeAll(async () => {
    server = await startTestServer(kind);
    token = await server.createTenant('multipart');
    const applied = await server.tenant(token).apply({ objects: [company, lead] });
    expect(applied.status, applied.text).toBe(200);
    await server.tenant(token).post('/api/v1/objects/company/records', { name: '华为', symbol: 'HW' });
  }, 120_000);
  afterAll(async () => server?.close());

  it('options as fields and as a JSON part give the raw body’s counts; the file name comes from the part', async () => {
    const raw = await fetch(`${server.baseUrl}/api/v1/imports/lead?dryRun=true&mode=skip-bad-rows&mapping=${encodeURIComponent(NO_LOOKUP)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: REAL_WORLD_CSV,
    }).then((response) => response.json());
    expect(raw.counts).toMatchObject({ create: 5, error: 3 });

    const fields = new FormData();
    fields.append('dryRun', 'true');
    fields.append('mode', 'skip-bad-rows');
    fields.append('mapping', NO_LOOKUP);
    fields.append('file', csvFile());
    const byFields = await post('lead', fields);
    expect(byFields.status, byFields.text).toBe(200);
    expect(byFields.body).toMatchObject({ status: 'dry-run', fileName: 'leads.csv', counts: raw.counts, errorCount: raw.errorCount });

    // The JSON part may come after the file, and may give the mapping as an object.
    const json = new FormData();
    json.append('file', csvFile(REAL_WORLD_CSV, '线索.csv'));
    json.append('options', JSON.stringify({ mode: 'skip-bad-rows', wait: 'true', mapping: { 备注: null, 公司: null } }));
    const run = await post('lead', json);
    expect(run.status, run.text).toBe(200);
    expect(run.body).toMatchObject({ status: 'done', fileName: '线索.csv', counts: raw.counts });
    expect(run.body.mapping['备注']).toBeNull();
    expect(await leadCount()).toBe(5);
  });

  it('preview takes multipart too; an XLSX part is recognised by its name', async () => {
    const form = new FormData();
    form.append('file', new File([REAL_WORLD_CSV], 'leads.csv', { type: 'application/octet-stream' }));
    const preview = await post('lead/preview', form);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.columns[0]).toBe('姓名');
  });

  const refusals: Array<{ name: string; form: () => FormData; status: number; code: string; path: string }> = [
    { name: 'no file part', form: () => withFields({ dryRun: 'true' }), status: 400, code: 'TSR422', path: '/file' },
    {
      name: 'two file parts',
      form: () => {
        const form = withFields({});
        form.append('file', csvFile());
        form.append('file', csvFile());
        return form;
      },
      status: 400,
      code: 'TSR422',
      path: '/file',
    },
    {
      name: 'a file part not named file',
      form: () => {
        const form = withFields({});
        form.append('attachment', csvFile());
        return form;
      },
      status: 400,
      code: 'TSR422',
      path: '/attachment',
    },
    {
      name: 'a PDF',
      form: () => {
        const form = withFields({});
        form.append('file', new File(['%PDF-1.4'], 'leads.pdf', { type: 'application/pdf' }));
        return form;
      },
      status: 415,
      code: 'TSR152',
      path: '/file',
    },
    {
      name: 'an options part that is not a JSON object',
      form: () => {
        const form = withFields({ options: '[1,2]' });
        form.append('file', csvFile());
        return form;
      },
      status: 400,
      code: 'TSR422',
      path: '/options',
    },
    {
      name: 'an unknown option field',
      form: () => {
        const form = withFields({ colour: 'red' });
        form.append('file', csvFile());
        return form;
      },
      status: 400,
      code: 'TSR150',
      path: '/colour',
    },
    {
      name: 'an empty file',
      form: () => {
        const form = withFields({});
        form.append('file', csvFile(''));
        return form;
      },
      status: 400,
      code: 'TSR150',
      path: '/file',
    },
  ];
  const withFields = (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    return form;
  };

  for (const refusal of refusals) {
    it(`refuses ${refusal.name}: ${refusal.status} ${refusal.code} at ${refusal.path}; nothing written`, async () => {
      const before = { leads: await leadCount(), imports: await imports() };
      const answer = await post('lead', refusal.form());
      expect(answer.status, answer.text).toBe(refusal.status);
      expect(answer.body.code).toBe(refusal.code);
      expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: refusal.path, code: refusal.code })]));
      expect({ leads: await leadCount(), imports: await imports() }).toEqual(before);
    });
  }

  it('a file over the limit is refused with 413 while it streams, without holding it in memory', async () => {
    const before = { leads: await leadCount(), imports: await imports() };
    const rss = process.memoryUsage().rss;
    // A body generated as it is sent (no Content-Length): the server must count and cut it off.
    const boundary = 'tessera-boundary-413';
    const line = Buffer.from(`${'x'.repeat(1023)}\n`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\nname\n`),
        );
      },
      pull(controller) {
        if (sent > IMPORT_MAX_BYTES + 8 * 1024 * 1024) {
          controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
          controller.close();
          return;
        }
        for (let i = 0; i < 256; i++) controller.enqueue(line);
        sent += 256 * line.length;
      },
    });
    const response = await fetch(`${server.baseUrl}/api/v1/imports/lead`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
      duplex: 'half',
    } as RequestInit).catch((error: unknown) => error);
    // The server answers 413 while the client is still sending.
    expect(response).toBeInstanceOf(Response);
    const refused = response as Response;
    expect(refused.status).toBe(413);
    const problem = await refused.json();
    expect(problem.code).toBe('TSR151');
    expect(problem.errors[0]).toMatchObject({ path: '/file', code: 'TSR151' });
    // The server runs in this process: it did not buffer the file (well under its 100 MB).
    expect(process.memoryUsage().rss - rss).toBeLessThan(60 * 1024 * 1024);
    expect({ leads: await leadCount(), imports: await imports() }).toEqual(before);
  }, 120_000);
});
