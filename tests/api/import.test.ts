// Issue #20, import over HTTP against PostgreSQL: a real-world CSV (BOM, CRLF, Chinese headers,
// quoted commas/newlines/quotes, bad cells) mapped automatically; dry run counts equal run
// counts; skip-bad-rows vs all-or-nothing; re-running with upsert keeps the count and updates
// changed rows; undo restores the exact prior rows and is refused once a record moved on; XLSX;
// the job polled; the errors CSV; saved mappings; audit entries.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { company, contact, lead, REAL_WORLD_CSV, upload } from './import-support.ts';

type Rec = Record<string, unknown>;
const SCHEMA = 't_imports';

describe('import', () => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;
  const send = (query: string, body: string | Uint8Array, type?: string) => upload(server.baseUrl, `/api/v1/imports/lead?${query}`, { token }, body, type);
  /** The lead table's live rows, business columns only, ordered by code: what an import and its undo must agree on. */
  const leads = async () => {
    const rows = await sql<{ j: string }>`
      select coalesce(json_agg(json_build_object('id', id, 'name', name, 'code', code, 'amount', amount, 'close_date', close_date, 'vip', vip,
        'notes', notes, 'stage', stage, 'tags', tags, 'company', company) order by code), '[]')::text as j
      from ${sql.id(SCHEMA, 'lead')} where deleted_at is null`.execute(server.database.db);
    return JSON.parse(rows.rows[0]?.j ?? '[]') as Rec[];
  };

  beforeAll(async () => {
    server = await startTestServer('postgres');
    token = await server.createTenant('imports');
    api = server.tenant(token);
    const applied = await api.apply({ objects: [company, lead, contact] });
    expect(applied.status, applied.text).toBe(200);
    await api.post('/api/v1/objects/company/records', { name: '华为', symbol: 'HW' });
  }, 120_000);
  afterAll(async () => server?.close());

  it('preview: columns matched by zh label', async () => {
    const preview = await upload(server.baseUrl, '/api/v1/imports/lead/preview', { token }, REAL_WORLD_CSV);
    expect(preview.status, preview.text).toBe(200);
    expect(preview.body.mapping).toEqual({
      姓名: 'name',
      编号: 'code',
      金额: 'amount',
      预计成交日期: 'close_date',
      重要客户: 'vip',
      阶段: 'stage',
      标签: 'tags',
      公司: 'company',
      备注: 'notes',
    });
    expect(preview.body.rows[0][0]).toBe('张伟, 北京');
    expect(preview.body.rows[0][8]).toBe('第一行\n第二行');
  });

  it('dry run: exact counts and per-cell errors in Chinese, nothing written; the run gives the same counts', async () => {
    const dry = await send('dryRun=true&mode=skip-bad-rows&lang=zh', REAL_WORLD_CSV);
    expect(dry.status, dry.text).toBe(200);
    expect(dry.body.status).toBe('dry-run');
    expect(dry.body.counts).toEqual({ create: 5, update: 0, skip: 0, error: 3 });
    const cells = dry.body.errors.map((error: Rec) => `${error.row}|${error.column}|${error.value}`);
    expect(cells).toEqual(expect.arrayContaining(['4|预计成交日期|2026-13-45', '6|金额|lots', '6|阶段|closed', '9||']));
    // A validation rule names no field: the row and its reason, no column.
    const dateError = dry.body.errors.find((error: Rec) => error.row === 4);
    expect(dateError.reason).toMatch(/日期/);
    expect(dry.body.errors.find((error: Rec) => error.row === 9).reason).toBe('金额不能为负');
    expect(await leads()).toEqual([]);

    const csv = await fetch(`${server.baseUrl}/api/v1/imports/${dry.body.id}/errors.csv?lang=en`, { headers: { authorization: `Bearer ${token}` } });
    expect(csv.status).toBe(200);
    // Bytes, not text(): fetch's decoder would drop the BOM that makes Excel read UTF-8.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.startsWith('\uFEFFrow,column,value,reason\r\n')).toBe(true);
    expect(text).toContain('6,金额,lots,');

    const run = await send('mode=skip-bad-rows&wait=true', REAL_WORLD_CSV);
    expect(run.status, run.text).toBe(200);
    expect(run.body.status).toBe('done');
    expect(run.body.counts).toEqual(dry.body.counts);
    const rows = await leads();
    expect(rows.map((row) => row.code)).toEqual(['L-1', 'L-2', 'L-4', 'L-6', 'L-7']);
    const first = rows[0] as Rec;
    expect(first).toMatchObject({
      name: '张伟, 北京',
      amount: 1234.5,
      close_date: '2026-12-07',
      vip: true,
      stage: 'new',
      tags: ['hot', 'partner'],
      notes: '第一行\n第二行',
    });
    const huawei = (await api.list('company')).body.data[0].id;
    expect(first.company).toBe(huawei);
    expect(rows[1]).toMatchObject({ name: 'Li Lei', amount: 1000, close_date: '2026-12-07', vip: false, stage: 'qualified', company: huawei });
    expect(rows[2]).toMatchObject({ notes: 'she said "call me"', tags: ['partner', 'hot'] });
    expect(rows[3]).toMatchObject({ name: 'Bob "The Builder"', amount: 2500 });
    expect(rows[4]).toMatchObject({ amount: 15 });
    // Undo the whole thing: nothing of it is left.
    const undone = await api.post(`/api/v1/imports/${run.body.id}/undo`);
    expect(undone.status, undone.text).toBe(200);
    expect(undone.body).toMatchObject({ deleted: 5, restored: 0, import: { status: 'undone' } });
    expect(await leads()).toEqual([]);
    const again = await api.post(`/api/v1/imports/${run.body.id}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TSR155');
  });

  it('all-or-nothing (the default): one bad row, nothing written, the report names every bad cell', async () => {
    const run = await send('wait=true', REAL_WORLD_CSV);
    expect(run.status, run.text).toBe(200);
    expect(run.body).toMatchObject({ status: 'failed', counts: { create: 5, error: 3 }, errorCount: 4 });
    expect(await leads()).toEqual([]);
    const undo = await api.post(`/api/v1/imports/${run.body.id}/undo`);
    expect(undo.status).toBe(409);
  });

  it('upsert re-run: the count is unchanged, changed rows updated; undo restores the exact prior rows', async () => {
    const good = REAL_WORLD_CSV.split('\r\n').filter((_, index) => ![3, 5, 8].includes(index));
    const first = await send('wait=true', good.join('\r\n'));
    expect(first.body, first.text).toMatchObject({ status: 'done', counts: { create: 5, update: 0, skip: 0, error: 0 } });
    const before = await leads();
    const changed = good.map((line) => line.replace('Li Lei,L-2,"$1,000"', 'Li Lei,L-2,"$2,000"'));
    const dry = await send('duplicates=update&dryRun=true', changed.join('\r\n'));
    const second = await send('duplicates=update&wait=true', changed.join('\r\n'));
    expect(second.body.counts).toEqual({ create: 0, update: 5, skip: 0, error: 0 });
    expect(dry.body.counts).toEqual(second.body.counts);
    const after = await leads();
    expect(after.length).toBe(before.length);
    expect(after.find((row) => row.code === 'L-2')?.amount).toBe(2000);
    expect(after.filter((row) => row.code !== 'L-2')).toEqual(before.filter((row) => row.code !== 'L-2'));

    const skip = await send('duplicates=skip&matchField=code&wait=true', changed.join('\r\n'));
    expect(skip.body.counts).toEqual({ create: 0, update: 0, skip: 5, error: 0 });

    const undone = await api.post(`/api/v1/imports/${second.body.id}/undo`);
    expect(undone.status, undone.text).toBe(200);
    expect(undone.body).toMatchObject({ deleted: 0, restored: 5 });
    expect(await leads()).toEqual(before);
  });

  it('a file naming one external id twice applies its rows in file order; undo takes both back', async () => {
    const before = await leads();
    const file = ['name,code,amount', 'Twice first,T-1,10', 'Once,T-2,20', 'Twice second,T-1,30'].join('\n');
    const run = await send('duplicates=update&matchField=code&wait=true', file);
    expect(run.body, run.text).toMatchObject({ status: 'done', counts: { create: 2, update: 1, skip: 0, error: 0 } });
    const twice = (await leads()).find((row) => row.code === 'T-1') as Rec;
    expect(twice).toMatchObject({ name: 'Twice second', amount: 30 });
    const skipped = await send('duplicates=skip&matchField=code&wait=true', ['name,code,amount', 'New,T-3,1', 'New again,T-3,2'].join('\n'));
    expect(skipped.body.counts).toEqual({ create: 1, update: 0, skip: 1, error: 0 });
    for (const id of [skipped.body.id, run.body.id]) expect((await api.post(`/api/v1/imports/${id}/undo`)).status).toBe(200);
    expect(await leads()).toEqual(before);
  });

  it('undo is refused, naming the record, once a record was edited after the import', async () => {
    const file = ['name,code,amount', 'Edited later,E-1,10', 'Left alone,E-2,20'].join('\n');
    const run = await send('wait=true', file);
    expect(run.body.status).toBe('done');
    const edited = (await leads()).find((row) => row.code === 'E-1') as Rec;
    const patched = await api.patch(`/api/v1/objects/lead/records/${edited.id}`, { amount: 11 });
    expect(patched.status, patched.text).toBe(200);
    const before = await leads();
    const refused = await api.post(`/api/v1/imports/${run.body.id}/undo`);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: `/records/${edited.id}`, code: 'TSR155', message: expect.stringContaining('Edited later') }),
    ]);
    expect(await leads()).toEqual(before);
  });

  it('XLSX: the first sheet, dates and numbers as Excel stores them; the job is polled', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('线索');
    sheet.addRow(['Name', 'Code', 'Amount', 'Close date', 'VIP']);
    sheet.addRow(['Excel one', 'X-1', 1234.5, new Date(Date.UTC(2026, 11, 7)), true]);
    sheet.addRow(['Excel two', 'X-2', '¥99', '2026/1/2', '否']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const started = await send('fileName=leads.xlsx', bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(started.status, started.text).toBe(202);
    expect(started.headers.get('location')).toBe(`/api/v1/imports/${started.body.id}`);
    let state = started.body;
    for (let attempt = 0; attempt < 100 && !['done', 'failed'].includes(state.status); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await api.get(`/api/v1/imports/${started.body.id}`)).body;
    }
    expect(state).toMatchObject({ status: 'done', fileName: 'leads.xlsx', processed: 2, counts: { create: 2 } });
    const rows = (await leads()).filter((row) => String(row.code).startsWith('X-'));
    expect(rows).toEqual([
      expect.objectContaining({ name: 'Excel one', amount: 1234.5, close_date: '2026-12-07', vip: true }),
      expect.objectContaining({ name: 'Excel two', amount: 99, close_date: '2026-01-02', vip: false }),
    ]);
  });

  it('mappings: edited in the request, saved by name and reused; bad mappings and files are problems', async () => {
    const file = ['Full name,Ref,Whatever', 'Mapped by hand,M-1,ignored'].join('\n');
    const mapping = encodeURIComponent(JSON.stringify({ 'Full name': 'name', Ref: 'code', Whatever: null }));
    const run = await send(`mapping=${mapping}&saveMapping=crm export&wait=true`, file);
    expect(run.body, run.text).toMatchObject({ status: 'done', counts: { create: 1 } });
    const saved = await api.get('/api/v1/imports/lead/mappings');
    expect(saved.body.data).toEqual([expect.objectContaining({ name: 'crm export', mapping: { 'Full name': 'name', Ref: 'code', Whatever: null } })]);
    const reused = await send('savedMapping=crm export&dryRun=true', file.replace('M-1', 'M-2'));
    expect(reused.body.counts).toEqual({ create: 1, update: 0, skip: 0, error: 0 });

    const unknown = await send(`mapping=${encodeURIComponent(JSON.stringify({ Ref: 'nope' }))}`, file);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: '/mapping/Ref', code: 'TSR150' })]);
    const badOption = await send('mode=sometimes&duplicates=update&matchField=name', file);
    expect(badOption.status).toBe(400);
    expect(badOption.body.errors.map((error: Rec) => error.path).sort()).toEqual(['/matchField', '/mode']);
    const badType = await send('', file, 'application/pdf');
    expect(badType.status).toBe(415);
    expect(badType.body.code).toBe('TSR152');
    const missing = await api.get('/api/v1/imports/00000000-0000-7000-8000-000000000000');
    expect(missing.status).toBe(404);
  });

  it('a duplicate rule that only warns: skip leaves the row out, create saves it anyway', async () => {
    expect((await api.post('/api/v1/objects/contact/records', { name: '李雷' })).status).toBe(201);
    const file = '姓名,邮箱\r\n李雷,li@example.cn\r\n韩梅梅,han@example.cn\r\n';
    const post = (query: string) => upload(server.baseUrl, `/api/v1/imports/contact?${query}`, { token }, file);
    const skipped = await post('duplicates=skip&wait=true');
    expect(skipped.body, skipped.text).toMatchObject({ status: 'done', counts: { create: 1, skip: 1, error: 0 } });
    const names = async () => ((await api.list('contact', { limit: 20 })).body.data as Rec[]).map((row) => row.name).sort();
    expect(await names()).toEqual(['李雷', '韩梅梅']);
    const created = await post('duplicates=create&wait=true&mode=skip-bad-rows');
    // 李雷 twice more is only a warning: created anyway; 韩梅梅 now exists too, also only a warning.
    expect(created.body.counts).toEqual({ create: 2, update: 0, skip: 0, error: 0 });
    expect(await names()).toEqual(['李雷', '李雷', '韩梅梅', '韩梅梅']);
  });

  it('writes audit entries for runs and undos', async () => {
    const audit = await sql<{ event: string }>`select event from ${sql.id(SCHEMA, '_audit_log')} where event like 'import.%'`.execute(server.database.db);
    const events = new Set(audit.rows.map((row) => row.event));
    expect([...events].sort()).toEqual(['import.dry_run', 'import.run', 'import.undo']);
  });
});
