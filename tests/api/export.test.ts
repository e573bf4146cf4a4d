// Issue #20: GET /objects/:object/export streams the list as CSV (UTF-8 BOM, CRLF, quotes) or
// XLSX. The CSV parsed back equals the list API's records rendered for people (labels in the
// chosen language, lookups as names, picklists as labels); XLSX reads back the same; filter, sort,
// fields and saved views apply; a user never exports a field or record they may not read.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle, opportunityObject } from '../fixtures/crm-objects.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { parseCsv } from './export-csv.ts';

type Rec = Record<string, unknown>;
const OPPS = '/api/v1/objects/opportunity';
const LANGS = ['en', 'zh-CN'] as const;
const COUNT = 1203; // more than one export page (1000) and not a multiple of it

const labelOf = (labels: { en?: string; zh?: string }, lang: (typeof LANGS)[number]) => (lang === 'en' ? labels.en : (labels.zh ?? labels.en)) as string;
const standard: Record<string, { en: string; zh: string }> = { id: { en: 'Id', zh: '编号' } };

/** The list API's record rendered as the export promises, from the fixture's definitions. */
function expectedCells(record: Rec, fields: string[], lang: (typeof LANGS)[number], accounts: Map<string, string>): string[] {
  return fields.map((name) => {
    const value = record[name];
    const field = opportunityObject.fields.find((candidate) => candidate.apiName === name);
    if (value === null || value === undefined) return '';
    if (field?.type === 'picklist' || field?.type === 'multipicklist') {
      const label = (item: unknown) => labelOf(field.values.find((entry) => entry.apiName === item)?.labels ?? {}, lang);
      return Array.isArray(value) ? value.map(label).join('; ') : label(value);
    }
    if (field?.type === 'boolean') return value ? (lang === 'en' ? 'Yes' : '是') : lang === 'en' ? 'No' : '否';
    if (field?.type === 'lookup') return accounts.get(value as string) ?? (value as string);
    return String(value);
  });
}

describe('export', () => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let rep: string;
  let repId: string;
  const accounts = new Map<string, string>();
  const download = async (path: string, credentials: { token?: string; cookie?: string }) => {
    const headers: Record<string, string> = {};
    if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
    if (credentials.cookie) headers.cookie = credentials.cookie;
    const response = await fetch(`${server.baseUrl}${path}`, { headers });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const listAll = async (query: string): Promise<Rec[]> => {
    const records: Rec[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Rec[]; nextCursor: string | null } = await admin.call(
        `GET`,
        `${OPPS}/records?limit=200${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      records.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return records;
  };

  beforeAll(async () => {
    server = await startSecurityServer('postgres');
    admin = new TenantAdmin(server, 'export', await server.createTenant('export'));
    await admin.call('POST', '/api/v1/metadata/apply', crmBundle);
    const sales = await admin.permissionSet('sales', { account: { read: true }, opportunity: { read: true, fields: { code: 'none' } } });
    repId = await admin.user('rep@example.com', { permissionSetIds: [sales] });
    rep = await admin.signIn('rep@example.com');
    await admin.call('PUT', '/api/v1/security/object-access/account', { defaultAccess: 'read' });
    const made = await admin.call('POST', '/api/v1/objects/account/records/bulk', {
      operation: 'create',
      records: [{ name: '华为, "中国"' }, { name: 'Acme' }],
    });
    for (const [index, result] of (made.results as Rec[]).entries()) accounts.set(result.id as string, index === 0 ? '华为, "中国"' : 'Acme');
    const accountIds = [...accounts.keys()];
    const stages = ['prospecting', 'qualification', 'won'];
    const records = Array.from({ length: COUNT }, (_, index) => ({
      name: index % 7 === 0 ? `Deal "${index}", line\r\nbreak 中文` : `Deal ${index}`,
      amount: index % 5 === 0 ? null : index * 10.5,
      is_priority: index % 2 === 0,
      stage: stages[index % 3],
      tags: index % 4 === 0 ? ['vip', 'partner'] : [],
      account: index % 3 === 0 ? null : accountIds[index % 2],
      code: `C${index}`,
      ...(index < 10 ? { owner_id: repId } : {}),
    }));
    const created = await admin.call('POST', `${OPPS}/records/bulk`, { operation: 'create', records });
    expect(created.counts.created).toBe(COUNT);
  }, 180_000);
  afterAll(async () => server?.close());

  for (const lang of LANGS) {
    it(`CSV (${lang}) parsed back equals the list API's records, with BOM, CRLF and labels`, async () => {
      const fields = ['id', 'name', 'amount', 'is_priority', 'stage', 'tags', 'account', 'code'];
      const filter = encodeURIComponent(JSON.stringify({ '!=': [{ var: 'stage' }, 'won'] }));
      const query = `&fields=${fields.join(',')}&filter=${filter}&sort=-amount`;
      const file = await download(`${OPPS}/export?format=csv&lang=${lang}${query}`, { token: admin.token });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(file.headers.get('content-disposition')).toContain('opportunity.csv');
      expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(file.bytes.toString('utf8').slice(1));
      const headers = fields.map((name) => {
        const field = opportunityObject.fields.find((candidate) => candidate.apiName === name);
        return labelOf(field?.labels ?? standard[name] ?? {}, lang);
      });
      expect(rows[0]).toEqual(headers);
      const listed = await listAll(query);
      expect(listed.length).toBeGreaterThan(700);
      expect(rows.slice(1)).toEqual(listed.map((record) => expectedCells(record, fields, lang, accounts)));
    }, 60_000);
  }

  it('XLSX reads back the same rows (numbers as numbers)', async () => {
    const fields = ['name', 'amount', 'stage', 'account'];
    const file = await download(`${OPPS}/export?format=xlsx&lang=zh-CN&fields=${fields.join(',')}&sort=name`, { token: admin.token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['名称', '金额', '阶段', '客户']);
    const listed = await listAll(`&fields=${fields.join(',')}&sort=name`);
    expect(rows).toHaveLength(listed.length + 1);
    const expected = listed.map((record) => {
      const cells: unknown[] = expectedCells(record, fields, 'zh-CN', accounts);
      cells[1] = record.amount ?? undefined;
      // XML normalises CRLF in cell text to LF, as Excel reads it too.
      return cells.map((cell) => (cell === '' ? undefined : typeof cell === 'string' ? cell.replaceAll('\r\n', '\n') : cell));
    });
    // ExcelJS leaves trailing empty cells out of row.values.
    const trim = (row: unknown[]) => {
      const copy = [...row];
      while (copy.length > 0 && copy[copy.length - 1] === undefined) copy.pop();
      return copy;
    };
    expect(rows.slice(1).map(trim)).toEqual(expected.map(trim));
  }, 60_000);

  it("applies a saved view's filter, sort and fields, but not its page size", async () => {
    const filter = { '==': [{ var: 'is_priority' }, true] };
    const view = await admin.call('POST', `${OPPS}/views`, {
      labels: { en: 'Priority' },
      definition: { filter, sort: '-amount', fields: ['name', 'amount'], pageSize: 10 },
    });
    const file = await download(`${OPPS}/export?view=${view.id}`, { token: admin.token });
    expect(file.status).toBe(200);
    const rows = parseCsv(file.bytes.toString('utf8').slice(1));
    expect(rows[0]).toEqual(['Name', 'Amount']);
    const listed = await listAll(`&fields=name,amount&filter=${encodeURIComponent(JSON.stringify(filter))}&sort=-amount`);
    expect(listed.length).toBeGreaterThan(10);
    expect(rows.slice(1)).toEqual(listed.map((record) => [String(record.name), record.amount === null ? '' : String(record.amount)]));
  });

  it('a user exports only the records and fields they may read', async () => {
    const file = await download(`${OPPS}/export?format=csv`, { cookie: rep });
    expect(file.status).toBe(200);
    const rows = parseCsv(file.bytes.toString('utf8').slice(1));
    expect(rows[0]).not.toContain('Code');
    expect(rows).toHaveLength(11);
    expect(file.bytes.toString('utf8')).not.toContain('C1');
    const hidden = await server.request('GET', `${OPPS}/export?fields=name,code`, { cookie: rep });
    expect(hidden.status).toBe(400);
    expect(hidden.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(hidden.body.errors)).toContain('code');
  });

  it('refuses bad parameters with problems naming them', async () => {
    const bad = await server.request('GET', `${OPPS}/export?format=pdf&lang=fr&limit=5`, { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('TSR144');
    expect(bad.body.errors.map((error: Rec) => error.path).sort()).toEqual(['format', 'lang', 'limit']);
    const filter = await server.request('GET', `${OPPS}/export?filter=%7Bbad`, { token: admin.token });
    expect(filter.status).toBe(400);
  });
});
