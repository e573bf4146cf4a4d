// `tessera import` as a user scripts it: a real process on the test PostgreSQL database. A dry run
// reports the API's counts and errors and writes nothing; skip-bad-rows imports the good rows and
// leaves the user's file in place; an all-or-nothing import with bad rows exits 1 with the report;
// a saved mapping is used by name (or a JSON mapping given inline; the row now exists, so it is skipped); a missing file is a problem naming it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { company, lead, REAL_WORLD_CSV } from '../api/import-support.ts';
import { CLI, REPO_ROOT } from '../support/spawn-server.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-import-'));

describe('tessera import', () => {
  let server: TestServer;
  let api: TenantClient;
  let token: string;
  const file = join(dir, '线索.csv');
  const tessera = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      const env = { ...process.env, DATABASE_URL: (server.database as { url?: string }).url ?? '', TESSERA_STATE_DIR: join(dir, 'state') };
      execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, env }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      });
    });
  const count = async () => (await api.list('lead', { limit: 100 })).body.data.length;

  beforeAll(async () => {
    server = await startTestServer('postgres');
    token = await server.createTenant('cliimport');
    api = server.tenant(token);
    expect((await api.apply({ objects: [company, lead] })).status).toBe(200);
    expect((await api.post('/api/v1/objects/company/records', { name: '华为', symbol: 'HW' })).status).toBe(201);
    writeFileSync(file, REAL_WORLD_CSV);
  }, 120_000);
  afterAll(async () => server?.close());

  it('dry run, then skip-bad-rows; the file stays', async () => {
    const dry = await tessera(['import', file, '--object', 'lead', '--tenant', 'cliimport', '--mode', 'skip-bad-rows', '--lang', 'zh', '--dry-run', '--json']);
    expect(dry.code, dry.stderr + dry.stdout).toBe(0);
    const report = JSON.parse(dry.stdout);
    expect(report).toMatchObject({ status: 'dry-run', counts: { create: 5, update: 0, skip: 0, error: 3 }, errorCount: 4 });
    expect(report.errors[0]).toMatchObject({ row: 4, column: '预计成交日期', value: '2026-13-45' });
    expect(await count()).toBe(0);
    const run = await tessera(['import', file, '--object', 'lead', '--tenant', 'cliimport', '--mode', 'skip-bad-rows']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('imported 线索.csv into lead: 5 to create, 0 to update, 0 skipped, 3 with errors');
    expect(run.stdout).toContain('row 6 金额');
    expect(await count()).toBe(5);
    expect(existsSync(file)).toBe(true);
  }, 60_000);

  it('all-or-nothing with bad rows exits 1 and writes nothing; a saved mapping by name; problems', async () => {
    const refused = await tessera(['import', file, '--object', 'lead', '--tenant', 'cliimport', '--duplicates', 'create', '--lang', 'zh', '--json']);
    expect(refused.code).toBe(1);
    // The five good rows now collide with the imported ones on the external id: errors too.
    const report = JSON.parse(refused.stdout);
    expect(report, refused.stdout).toMatchObject({ status: 'failed', counts: { create: 0, error: 8 } });
    // In Chinese, the pipeline's own messages too.
    expect(report.errors).toContainEqual({ row: 2, column: '编号', value: 'L-1', reason: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(await count()).toBe(5);

    const other = join(dir, 'other.csv');
    writeFileSync(other, 'Who,Ref\nMapped,M-1\n');
    const saved = await server.request('PUT', '/api/v1/imports/lead/mappings/legacy', { token, body: { mapping: { Who: 'name', Ref: 'code' } } });
    expect(saved.status, saved.text).toBe(200);
    const byName = await tessera(['import', other, '--object', 'lead', '--tenant', 'cliimport', '--mapping', 'legacy', '--json']);
    expect(byName.code, byName.stdout).toBe(0);
    expect(JSON.parse(byName.stdout)).toMatchObject({ status: 'done', counts: { create: 1 }, mapping: { Who: 'name', Ref: 'code' } });
    const byJson = await tessera([
      'import',
      other,
      '--object',
      'lead',
      '--tenant',
      'cliimport',
      '--mapping',
      '{"Who":"name","Ref":"code"}',
      '--dry-run',
      '--json',
    ]);
    expect(JSON.parse(byJson.stdout)).toMatchObject({ status: 'dry-run', counts: { create: 0, skip: 1 } });

    const missing = await tessera(['import', join(dir, 'nope.csv'), '--object', 'lead', '--tenant', 'cliimport', '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({ code: 'TSR150', errors: [{ path: '/file' }] });
    const badMode = await tessera(['import', other, '--object', 'lead', '--tenant', 'cliimport', '--mode', 'maybe', '--json']);
    expect(JSON.parse(badMode.stdout)).toMatchObject({ code: 'TSR150', errors: [{ path: '/mode' }] });
  }, 60_000);
});
