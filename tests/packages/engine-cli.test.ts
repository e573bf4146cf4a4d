// `tessera pkg validate|pack|install|upgrade|uninstall|list` as a user scripts them: real processes on
// the embedded database, one JSON object per command with --json, problem+json and a non-zero exit
// on refusal.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from '../support/spawn-server.ts';
import { fixture } from './engine-support.ts';

const root = mkdtempSync(join(tmpdir(), 'tessera-pkg-cli-'));
const env = { ...process.env, TESSERA_DATA_DIR: join(root, 'data'), TESSERA_STATE_DIR: join(root, 'state'), DATABASE_URL: '', TESSERA_DEMO: 'off' };

function tessera(args: string[]): Promise<{ code: number; json: any; stdout: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, env }, (error, stdout) => {
      let json: unknown;
      try {
        json = JSON.parse(stdout);
      } catch {
        json = undefined;
      }
      resolve({ code: error ? Number(error.code ?? 1) : 0, json, stdout });
    });
  });
}

describe('tessera pkg', () => {
  it('validates, packs, installs from the tarball, upgrades from a folder, lists and uninstalls', async () => {
    expect((await tessera(['pkg', 'validate', fixture('gadgets-v1'), '--json'])).json).toMatchObject({
      valid: true,
      namespace: 'gad',
      version: '1.0.0',
      objects: ['gizmo'],
    });
    const broken = join(root, 'broken');
    cpSync(fixture('gadgets-v1'), broken, { recursive: true });
    writeFileSync(
      join(broken, 'objects', 'gizmo.json'),
      JSON.stringify({ apiName: 'gizmo', labels: { en: 'G' }, fields: [{ apiName: 'name', type: 'money', labels: { en: 'N' } }] }),
    );
    const invalid = await tessera(['pkg', 'validate', broken, '--json']);
    expect(invalid.code).not.toBe(0);
    expect(invalid.json).toMatchObject({
      code: 'TSR600',
      errors: [expect.objectContaining({ path: expect.stringMatching(/^\/files\/objects\/gizmo\.json\/fields\/0/) })],
    });

    const packed = await tessera(['pkg', 'pack', fixture('gadgets-v1'), '--to', root, '--json']);
    expect(packed.code, packed.stdout).toBe(0);
    expect(packed.json.tarball).toMatch(/tessera-test-gadgets-1\.0\.0\.tgz$/);

    expect((await tessera(['tenant', 'create', 'shop', '--json'])).code).toBe(0);
    const dry = await tessera(['pkg', 'install', packed.json.tarball, '--tenant', 'shop', '--dry-run', '--json']);
    expect(dry.json).toMatchObject({ operation: 'install', namespace: 'gad', from: null, to: '1.0.0', sampleData: { records: 2 } });
    const installed = await tessera(['pkg', 'install', packed.json.tarball, '--tenant', 'shop', '--json']);
    expect(installed.json).toMatchObject({ operation: 'install', namespace: 'gad', version: '1.0.0', records: 2 });
    const again = await tessera(['pkg', 'install', packed.json.tarball, '--tenant', 'shop', '--json']);
    expect(again.code).not.toBe(0);
    expect(again.json).toMatchObject({ code: 'TSR609', status: 409 });

    const upgraded = await tessera(['pkg', 'upgrade', fixture('gadgets-v2'), '--tenant', 'shop', '--json']);
    expect(upgraded.json).toMatchObject({ operation: 'upgrade', namespace: 'gad', version: '1.1.0', records: 0 });
    expect((await tessera(['pkg', 'list', '--tenant', 'shop', '--json'])).json).toMatchObject({
      data: [{ namespace: 'gad', version: '1.1.0', objects: ['gizmo', 'gizmo_part'] }],
    });

    const held = await tessera(['pkg', 'uninstall', 'gad', '--tenant', 'shop', '--json']);
    expect(held.json).toMatchObject({ code: 'TSR611' });
    const plan = await tessera(['pkg', 'uninstall', 'gad', '--tenant', 'shop', '--purge', '--dry-run', '--json']);
    expect(plan.json).toMatchObject({ operation: 'uninstall', destructive: true, requiresPlanHash: true });
    const purged = await tessera(['pkg', 'uninstall', 'gad', '--tenant', 'shop', '--purge', '--plan-hash', plan.json.planHash, '--json']);
    expect(purged.json).toMatchObject({ operation: 'uninstall', namespace: 'gad', version: null });
    expect((await tessera(['pkg', 'list', '--tenant', 'shop', '--json'])).json).toEqual({ tenant: 'shop', data: [] });
  }, 300_000);
});
