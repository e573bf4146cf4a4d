// `tessera export` as a user scripts it: a real process on the test PostgreSQL database writes the
// object's records as CSV to a file (what the API's export writes) or as XLSX to standard output;
// bad input exits non-zero with a problem+json object naming the parameter.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountObject } from '../fixtures/crm-objects.ts';
import { CLI, REPO_ROOT } from '../support/spawn-server.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-export-'));

describe('tessera export', () => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;
  const tessera = (args: string[]): Promise<{ code: number; stdout: Buffer; stderr: string }> =>
    new Promise((resolve) => {
      const env = { ...process.env, DATABASE_URL: (server.database as { url?: string }).url ?? '', TESSERA_STATE_DIR: join(dir, 'state') };
      execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, env, encoding: 'buffer' }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr: stderr.toString() });
      });
    });

  beforeAll(async () => {
    server = await startTestServer('postgres');
    token = await server.createTenant('cliexport');
    api = server.tenant(token);
    expect((await api.apply({ objects: [accountObject] })).status).toBe(200);
    const made = await api.post('/api/v1/objects/account/records/bulk', {
      operation: 'create',
      records: Array.from({ length: 30 }, (_, index) => ({
        name: index === 0 ? '华为, "深圳"' : `Account ${index}`,
        industry: index % 2 ? 'tech' : 'finance',
        employees: index,
      })),
    });
    expect(made.status, made.text).toBe(200);
  }, 120_000);
  afterAll(async () => server?.close());

  it('writes the same CSV as the API to a file and prints what it wrote', async () => {
    const out = join(dir, 'accounts.csv');
    const args = ['export', '--object', 'account', '--tenant', 'cliexport', '--lang', 'zh-CN', '--fields', 'name,industry,employees', '--sort', 'employees'];
    const result = await tessera([...args, '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const file = readFileSync(out);
    expect(JSON.parse(result.stdout.toString())).toEqual({ object: 'account', file: out, bytes: file.length });
    const fromApi = await fetch(`${server.baseUrl}/api/v1/objects/account/export?lang=zh-CN&fields=name,industry,employees&sort=employees`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(Buffer.from(await fromApi.arrayBuffer()).equals(file)).toBe(true);
    const text = file.toString('utf8');
    expect(text.startsWith('\uFEFF名称,行业,员工数\r\n"华为, ""深圳""",金融,0\r\n')).toBe(true);
  }, 60_000);

  it('streams XLSX to standard output', async () => {
    const result = await tessera([
      'export',
      '--object',
      'account',
      '--tenant',
      'cliexport',
      '--format',
      'xlsx',
      '--fields',
      'name,employees',
      '--sort',
      'employees',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(result.stdout as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.rowCount).toBe(31);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['华为, "深圳"', 0]);
  }, 60_000);

  it('exits non-zero with a problem naming the bad parameter', async () => {
    const unknown = await tessera(['export', '--object', 'nope', '--tenant', 'cliexport', '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout.toString())).toMatchObject({ code: 'TSR110' });
    const bad = await tessera(['export', '--object', 'account', '--tenant', 'cliexport', '--lang', 'fr', '--out', join(dir, 'x.csv'), '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout.toString())).toMatchObject({ code: 'TSR144', errors: [expect.objectContaining({ path: 'lang' })] });
  }, 60_000);
});
