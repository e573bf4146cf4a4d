// File and image fields (issue #21) on both drivers: upload (streamed, cut at the field's limit
// with nothing stored), types (accept lists, image types sniffed from the bytes), the virus-scan
// hook (a command refusing the EICAR test string), attach by id, download (bytes equal by sha256,
// RFC 6266 names, nosniff, inline only for safe images), security (a caller who cannot read the
// record or the field gets the same 404 as for a missing file), and cleanup (cleared fields,
// purged records and abandoned uploads leave no file behind).
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { commandScanner, sweepTenantFiles, testDriverKinds } from '@tessera/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemShape, type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();
const DEALS = '/api/v1/objects/deal/records';
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
// Refuses any upload holding the EICAR test string (exit 1, stdout the reason), passes the rest.
const SCAN = "grep -q 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE' && { echo 'EICAR test file'; exit 1; } || exit 0";

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a7d4d0f50000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const deal = {
  apiName: 'deal',
  labels: { en: 'Deal', zh: '交易' },
  nameField: 'name',
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Name', zh: '名称' } },
    { apiName: 'contract', type: 'file', labels: { en: 'Contract', zh: '合同' }, maxSizeMb: 1, accept: ['application/pdf', 'image/*'] },
    { apiName: 'photo', type: 'image', labels: { en: 'Photo', zh: '照片' } },
    { apiName: 'docs', type: 'file', labels: { en: 'Documents', zh: '文档' }, multiple: true },
    { apiName: 'archive', type: 'file', labels: { en: 'Archive', zh: '归档' }, maxSizeMb: 10 },
    { apiName: 'secret_doc', type: 'file', labels: { en: 'Secret document', zh: '机密文件' } },
  ],
};

describe.each(kinds)('file and image fields on %s', (kind) => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let schema = '';
  let li = '';
  let bo = '';
  const db = () => server.database.db;
  const fileCount = async () => Number((await sql<{ n: string }>`select count(*) as n from ${sql.id(schema, '_files')}`.execute(db())).rows[0]?.n);
  const call = (method: string, path: string, body?: unknown, token = admin.token) => server.request<Json>(method, path, { token, body });

  async function upload(token: string, field: string, bytes: Uint8Array | string, type: string, name = 'file.bin') {
    const response = await fetch(`${server.baseUrl}/api/v1/files?object=deal&field=${field}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type, 'x-file-name': encodeURIComponent(name) },
      body: typeof bytes === 'string' ? bytes : new Blob([Buffer.from(bytes)]),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text && /json/.test(response.headers.get('content-type') ?? '') ? JSON.parse(text) : text) as Json,
      text,
    };
  }

  async function download(token: string, id: string) {
    const response = await fetch(`${server.baseUrl}/api/v1/files/${id}/content`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  }

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false }, { files: { scanner: commandScanner(SCAN) } });
    admin = new TenantAdmin(server, 'files', await server.createTenant('files'));
    const applied = await call('POST', '/api/v1/metadata/apply', deal);
    expect(applied.status, applied.text).toBe(200);
    await admin.call('PUT', '/api/v1/security/object-access/deal', { defaultAccess: 'private', managerAccess: 'none' });
    const sales = await admin.permissionSet('sales', { deal: { create: true, read: true, edit: true, delete: true, fields: { secret_doc: 'none' } } });
    await admin.user('li@example.com', { permissionSetIds: [sales] });
    await admin.user('bo@example.com', { permissionSetIds: [sales] });
    li = await admin.userToken('li@example.com');
    bo = await admin.userToken('bo@example.com');
    schema = (await sql<{ s: string }>`select schema_name as s from tessera.tenants where slug = 'files'`.execute(db())).rows[0]?.s as string;
  }, 120_000);
  afterAll(async () => server?.close());

  it('uploads, attaches by id and downloads the same bytes', async () => {
    const uploaded = await upload(li, 'contract', PDF, 'application/pdf', 'terms.pdf');
    expect(uploaded.status, uploaded.text).toBe(201);
    expect(uploaded.body).toMatchObject({ name: 'terms.pdf', size: PDF.length, contentType: 'application/pdf', sha256: sha(PDF), recordId: null });
    const created = await call('POST', DEALS, { name: 'Acme', contract: uploaded.body.id }, li);
    expect(created.status, created.text).toBe(201);
    expect(created.body.contract).toEqual({ id: uploaded.body.id, name: 'terms.pdf', size: PDF.length, contentType: 'application/pdf' });
    const got = await download(li, uploaded.body.id);
    expect(got.status).toBe(200);
    expect(sha(got.bytes)).toBe(sha(PDF));
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
    const meta = await call('GET', `/api/v1/files/${uploaded.body.id}`, undefined, li);
    expect(meta.body.recordId).toBe(created.body.id);
  });

  it('keeps a Chinese file name (RFC 6266 filename*) and shows safe images inline', async () => {
    const uploaded = await upload(li, 'photo', PNG, 'image/png', '客户 照片.png');
    expect(uploaded.status, uploaded.text).toBe(201);
    expect(uploaded.body.name).toBe('客户 照片.png');
    const got = await download(li, uploaded.body.id);
    expect(got.headers.get('content-disposition')).toBe(`inline; filename="__ __.png"; filename*=UTF-8''${encodeURIComponent('客户 照片.png')}`);
    expect(sha(got.bytes)).toBe(sha(PNG));
  });

  it('multiple: an array of references, in the order written', async () => {
    const first = await upload(li, 'docs', 'one', 'text/plain', 'a.txt');
    const second = await upload(li, 'docs', PDF, 'application/octet-stream', 'b.pdf');
    // Bytes that prove a type replace a vague declared one.
    expect(second.body.contentType).toBe('application/pdf');
    const created = await call('POST', DEALS, { name: 'Multi', docs: [second.body.id, { id: first.body.id }] }, li);
    expect(created.status, created.text).toBe(201);
    expect(created.body.docs.map((ref: Json) => ref.name)).toEqual(['b.pdf', 'a.txt']);
  });

  it('refuses types the field does not accept and images whose bytes are not images; nothing stored', async () => {
    const before = await fileCount();
    const text = await upload(li, 'contract', 'plain words', 'text/plain', 'notes.txt');
    expect(text.status, text.text).toBe(415);
    expect(text.body.code).toBe('TSR172');
    expect(text.body.errors[0].path).toBe('/contract');
    const fake = await upload(li, 'photo', '<html><script>alert(1)</script></html>', 'image/png', 'x.png');
    expect(fake.status, fake.text).toBe(415);
    expect(fake.body.code).toBe('TSR173');
    const svg = await upload(li, 'photo', '<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml', 'x.svg');
    expect(svg.status).toBe(415);
    expect(await fileCount()).toBe(before);
  });

  it('refuses a file over the limit with 413 naming the field; nothing stored', async () => {
    const before = await fileCount();
    const big = await upload(li, 'contract', new Uint8Array(1024 * 1024 + 1), 'application/pdf', 'big.pdf');
    expect(big.status, big.text).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    expect(big.body.code).toBe('TSR171');
    expect(big.body.errors[0].path).toBe('/contract');
    expect(await fileCount()).toBe(before);
  });

  it('cuts a streamed 30 MB upload at the 10 MB limit: the answer comes before the body is sent', async () => {
    const before = await fileCount();
    const total = 30 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 7);
    const url = new URL(`${server.baseUrl}/api/v1/files?object=deal&field=archive`);
    // Chunked (no Content-Length), so only reading can find the size; writes wait for the socket.
    // The server answers 413 and closes the connection: the client sees the answer, or (when its
    // next write lands first) the connection cut. Either way it had not sent the whole body.
    const outcome = await new Promise<{ status: number; sentWhenAnswered: number; body: string }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = httpRequest({ hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: 'POST' }, (response) => {
        answered = true;
        const sentWhenAnswered = sent;
        let body = '';
        response.on('data', (data: Buffer) => {
          body += data.toString();
        });
        response.on('end', () => {
          req.destroy();
          resolve({ status: response.statusCode ?? 0, sentWhenAnswered, body });
        });
      });
      req.setHeader('authorization', `Bearer ${li}`);
      req.setHeader('content-type', 'application/octet-stream');
      req.setHeader('x-file-name', 'huge.bin');
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (answered) return;
        if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve({ status: 0, sentWhenAnswered: sent, body: '' });
        else reject(error);
      });
      const pump = () => {
        while (!answered && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!answered) req.end();
      };
      pump();
    });
    if (outcome.status !== 0) {
      expect(outcome.status, outcome.body).toBe(413);
      expect(JSON.parse(outcome.body).errors[0].path).toBe('/archive');
    }
    // The server stopped reading near the limit: the client had not sent the rest when it was answered.
    expect(outcome.sentWhenAnswered).toBeLessThan(total);
    expect(await fileCount()).toBe(before);
  }, 120_000);

  it('calls the virus-scan hook before storing: the EICAR test string is refused', async () => {
    const before = await fileCount();
    const refused = await upload(li, 'docs', EICAR, 'text/plain', 'eicar.txt');
    expect(refused.status, refused.text).toBe(422);
    expect(refused.body.code).toBe('TSR174');
    expect(refused.body.errors[0].message).toBe('EICAR test file');
    expect(await fileCount()).toBe(before);
    expect((await upload(li, 'docs', 'harmless', 'text/plain', 'ok.txt')).status).toBe(201);
  });

  it('answers the same 404 for a missing file, a record the caller cannot read and a hidden field', async () => {
    const uploaded = await upload(li, 'contract', PDF, 'application/pdf', 'private.pdf');
    const created = await call('POST', DEALS, { name: 'Li only', contract: uploaded.body.id }, li);
    expect(created.status, created.text).toBe(201);
    // Bo cannot read Li's private record, so neither its file.
    const forbidden = await download(bo, uploaded.body.id);
    const missing = await download(bo, '018f0000-0000-7000-8000-000000000000');
    expect(forbidden.status).toBe(404);
    expect(missing.status).toBe(404);
    const forbiddenMeta = await call('GET', `/api/v1/files/${uploaded.body.id}`, undefined, bo);
    const missingMeta = await call('GET', '/api/v1/files/018f0000-0000-7000-8000-000000000000', undefined, bo);
    expect(forbiddenMeta.body.code).toBe('TSR175');
    const shape = (result: Parameters<typeof problemShape>[0], id: string) => JSON.stringify(problemShape(result)).replace(id, 'ID');
    expect(shape(forbiddenMeta, uploaded.body.id)).toBe(shape(missingMeta, '018f0000-0000-7000-8000-000000000000'));
    // A field Li may not see: the administrator attaches a file to Li's record; Li gets 404.
    const secret = await upload(admin.token, 'secret_doc', 'classified', 'text/plain', 'secret.txt');
    expect((await call('PATCH', `${DEALS}/${created.body.id}`, { secret_doc: secret.body.id })).status).toBe(200);
    expect((await download(admin.token, secret.body.id)).status).toBe(200);
    expect((await download(li, secret.body.id)).status).toBe(404);
    // …and may not upload to it either: a hidden field answers like one that does not exist.
    const hidden = await upload(li, 'secret_doc', 'x', 'text/plain');
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors[0].path).toBe('field');
  });

  it("refuses attaching another user's upload or another record's file, naming the path; nothing saved", async () => {
    const bos = await upload(bo, 'contract', PDF, 'application/pdf', 'bo.pdf');
    const taken = await call('POST', DEALS, { name: 'Taken', contract: bos.body.id }, li);
    expect(taken.status, taken.text).toBe(400);
    expect(taken.body.code).toBe('TSR176');
    expect(taken.body.errors[0].path).toBe('/contract');
    const attached = await call('POST', DEALS, { name: 'Bo', contract: bos.body.id }, bo);
    expect(attached.status).toBe(201);
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from ${sql.id(schema, 'deal')}`.execute(db())).rows[0]?.n);
    const before = await count();
    const stolen = await call('POST', DEALS, { name: 'Steal', contract: bos.body.id });
    expect(stolen.status, stolen.text).toBe(400);
    expect(stolen.body.errors[0].path).toBe('/contract');
    expect(await count()).toBe(before);
    const wrongField = await call('POST', DEALS, { name: 'Wrong', photo: bos.body.id }, bo);
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.errors[0].path).toBe('/photo');
  });

  it('deletes files when the field is cleared, the record purged, or an upload abandoned', async () => {
    const kept = await upload(li, 'contract', PDF, 'application/pdf', 'kept.pdf');
    const created = await call('POST', DEALS, { name: 'Cleanup', contract: kept.body.id }, li);
    const replacement = await upload(li, 'contract', PNG, 'image/png', 'new.png');
    const replaced = await call('PATCH', `${DEALS}/${created.body.id}`, { contract: replacement.body.id }, li);
    expect(replaced.status, replaced.text).toBe(200);
    expect((await download(li, kept.body.id)).status).toBe(404);
    // A soft delete keeps the file (a restore loses nothing); a purge removes it at the next sweep.
    expect((await call('DELETE', `${DEALS}/${created.body.id}`, undefined, li)).status).toBe(204);
    const sweep = () => sweepTenantFiles(db(), schema, new Date(), undefined);
    await sweep();
    const row = async (id: string) => (await sql`select 1 from ${sql.id(schema, '_files')} where id = ${id}::uuid`.execute(db())).rows.length;
    expect(await row(replacement.body.id)).toBe(1);
    await sql`delete from ${sql.id(schema, 'deal')} where id = ${created.body.id}::uuid`.execute(db());
    await sweep();
    expect(await row(replacement.body.id)).toBe(0);
    // An upload never attached is removed once a day has passed.
    const abandoned = await upload(li, 'docs', 'draft', 'text/plain', 'draft.txt');
    await sweepTenantFiles(db(), schema, new Date(), undefined);
    expect(await row(abandoned.body.id)).toBe(1);
    await sweepTenantFiles(db(), schema, new Date(Date.now() + 25 * 60 * 60 * 1000), undefined);
    expect(await row(abandoned.body.id)).toBe(0);
  });
});
