// The `tessera` CLI as a user scripts it: real processes on the embedded database, one JSON
// object per command with --json, non-zero exit and problem+json on failure.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT, type SpawnedServer, spawnServer } from '../support/spawn-server.ts';

const dataRoot = mkdtempSync(join(tmpdir(), 'tessera-cli-'));
const env = { ...process.env, TESSERA_DATA_DIR: join(dataRoot, 'data'), TESSERA_STATE_DIR: join(dataRoot, 'state'), DATABASE_URL: '' };

function tessera(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, env: { ...env, ...extraEnv } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('tessera CLI on the embedded database', () => {
  let server: SpawnedServer | undefined;
  afterAll(async () => server?.stop());

  it('creates a tenant and prints one JSON object with its token', async () => {
    const result = await tessera(['tenant', 'create', 'acme', '--json']);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed).toEqual({ tenant: 'acme', schema: 't_acme', token: expect.stringMatching(/^tsr_[A-Za-z0-9_-]{43}$/) });
  });

  it('refuses a duplicate tenant with problem+json and a non-zero exit', async () => {
    const result = await tessera(['tenant', 'create', 'acme', '--json']);
    expect(result.code).not.toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 'TSR303', status: 409 });
  });

  it('refuses a bad slug', async () => {
    const result = await tessera(['tenant', 'create', 'Bad-Slug', '--json']);
    expect(result.code).not.toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 'TSR304', errors: [{ path: '/slug', code: 'TSR304' }] });
  });

  it('applies a metadata file, then is idempotent', async () => {
    const first = await tessera(['metadata', 'apply', 'examples/tour/sales.json', '--tenant', 'acme', '--json']);
    expect(first.code).toBe(0);
    const applied = JSON.parse(first.stdout);
    expect(applied).toMatchObject({ tenant: 'acme', revision: 1, changed: true });
    expect(applied.actions.map((action: { kind: string }) => action.kind)).toContain('create_table');
    const again = JSON.parse((await tessera(['metadata', 'apply', 'examples/tour/sales.json', '--tenant', 'acme', '--json'])).stdout);
    expect(again).toEqual({ tenant: 'acme', revision: 1, changed: false, actions: [] });
  });

  it('applies every JSON file of a directory as one bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-meta-'));
    writeFileSync(
      join(dir, 'a.json'),
      JSON.stringify({ apiName: 'site', labels: { en: 'Site', zh: '站点' }, fields: [{ apiName: 'name', type: 'text', labels: { en: 'Name' } }] }),
    );
    writeFileSync(
      join(dir, 'b.json'),
      JSON.stringify({
        apiName: 'visit',
        labels: { en: 'Visit', zh: '拜访' },
        fields: [{ apiName: 'site', type: 'lookup', target: 'site', labels: { en: 'Site' } }],
      }),
    );
    const result = await tessera(['metadata', 'apply', dir, '--tenant', 'acme', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ revision: 2, changed: true });
  });

  it('reports every metadata error at once and applies nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-bad-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        apiName: 'deal',
        labels: { en: 'Deal' },
        fields: [
          { apiName: 'id', type: 'text', labels: { en: 'Id' } },
          { apiName: 'partner', type: 'lookup', target: 'nowhere', labels: { en: 'Partner' } },
          { apiName: 'size', type: 'number', labels: { en: 'Size' }, min: 10, max: 1 },
        ],
      }),
    );
    const result = await tessera(['metadata', 'apply', file, '--tenant', 'acme', '--json']);
    expect(result.code).not.toBe(0);
    const body = JSON.parse(result.stdout);
    expect(body.code).toBe('TSR200');
    expect(body.errors.map((error: { code: string }) => error.code).sort()).toEqual(['TSR203', 'TSR204', 'TSR210']);
    const again = JSON.parse((await tessera(['metadata', 'apply', 'examples/tour/sales.json', '--tenant', 'acme', '--json'])).stdout);
    expect(again.revision).toBe(2);
  });

  it('names an unreadable file and an unknown tenant', async () => {
    const missingTenant = await tessera(['metadata', 'apply', 'examples/tour/sales.json', '--tenant', 'nobody', '--json']);
    expect(JSON.parse(missingTenant.stdout)).toMatchObject({ code: 'TSR305' });
    const notJson = await tessera(['metadata', 'apply', 'README.md', '--tenant', 'acme', '--json']);
    expect(notJson.code).not.toBe(0);
    expect(JSON.parse(notJson.stdout)).toMatchObject({ code: 'TSR101' });
  });

  it('refuses to open the embedded database while a server holds it', async () => {
    server = await spawnServer({ TESSERA_DATA_DIR: env.TESSERA_DATA_DIR, TESSERA_STATE_DIR: env.TESSERA_STATE_DIR });
    const result = await tessera(['tenant', 'create', 'other', '--json']);
    expect(result.code).not.toBe(0);
    expect(JSON.parse(result.stdout).detail).toMatch(/in use by process \d+/);
    // ...and the server it protected still serves the data the CLI wrote.
    const admin = (await import('node:fs')).readFileSync(join(env.TESSERA_STATE_DIR, 'admin-token'), 'utf8').trim();
    const tenants = await fetch(`${server.url}/api/v1/admin/tenants`, { headers: { authorization: `Bearer ${admin}` } });
    expect(((await tenants.json()) as { data: { tenant: string }[] }).data.map((t: { tenant: string }) => t.tenant)).toEqual(['acme']);
  });

  it('prints usage and fails on an unknown command', async () => {
    const result = await tessera(['frobnicate', '--json']);
    expect(result.code).not.toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ code: 'TSR100' });
  });
});
