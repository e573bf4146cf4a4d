// `tessera metadata plan|apply|revisions|revert|purge` as a user scripts them: real processes on the
// embedded database, one JSON object per command with --json, problem+json and a non-zero exit on
// refusal.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from '../support/spawn-server.ts';
import { dealWith, field, model } from './evolution-support.ts';

const root = mkdtempSync(join(tmpdir(), 'tessera-evo-cli-'));
const env = { ...process.env, TESSERA_DATA_DIR: join(root, 'data'), TESSERA_STATE_DIR: join(root, 'state'), DATABASE_URL: '' };

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

const file = (name: string, document: unknown): string => {
  const path = join(root, name);
  writeFileSync(path, JSON.stringify(document));
  return path;
};

describe('tessera metadata plan, apply, revisions, revert and purge', () => {
  it('plans, refuses an unreviewed unsafe apply, applies with the plan hash, lists, reverts and purges', async () => {
    expect((await tessera(['tenant', 'create', 'evo', '--json'])).code).toBe(0);
    expect((await tessera(['metadata', 'apply', file('model.json', model()), '--tenant', 'evo', '--json'])).json).toMatchObject({ revision: 1, changed: true });

    const shrink = file('shrink.json', model(dealWith((def) => (field(def, 'code').maxLength = 20))));
    const planned = await tessera(['metadata', 'plan', shrink, '--tenant', 'evo', '--json']);
    expect(planned.code).toBe(0);
    expect(planned.json).toMatchObject({
      tenant: 'evo',
      baseRevision: 1,
      changed: true,
      requiresPlanHash: true,
      steps: [{ kind: 'alter_column_type', risk: 'rewrites_table' }],
    });

    const unreviewed = await tessera(['metadata', 'apply', shrink, '--tenant', 'evo', '--json']);
    expect(unreviewed.code).not.toBe(0);
    expect(unreviewed.json).toMatchObject({ code: 'TSR219', status: 428 });

    const applied = await tessera(['metadata', 'apply', shrink, '--tenant', 'evo', '--plan-hash', planned.json.planHash, '--json']);
    expect(applied.code).toBe(0);
    expect(applied.json).toMatchObject({ revision: 2, changed: true, planHash: planned.json.planHash });

    const stale = await tessera(['metadata', 'apply', file('other.json', model()), '--tenant', 'evo', '--if-match', '1', '--json']);
    expect(stale.json).toMatchObject({ code: 'TSR213', revision: 2 });

    const revisions = await tessera(['metadata', 'revisions', '--tenant', 'evo', '--json']);
    expect(revisions.json.data.map((r: { revision: number }) => r.revision)).toEqual([2, 1]);
    const one = await tessera(['metadata', 'revisions', '--tenant', 'evo', '--revision', '2', '--json']);
    expect(one.json.actions).toEqual([expect.objectContaining({ kind: 'alter_column_type', field: 'code' })]);

    const dry = await tessera(['metadata', 'revert', '1', '--tenant', 'evo', '--dry-run', '--json']);
    expect(dry.json).toMatchObject({ revertTo: 1, steps: [{ kind: 'alter_column_type', risk: 'safe' }] });
    const reverted = await tessera(['metadata', 'revert', '1', '--tenant', 'evo', '--json']);
    expect(reverted.json).toMatchObject({ revision: 3, changed: true, revertedTo: 1 });

    const withoutNotes = file('drop.json', model(dealWith((def) => def.fields.splice(1, 1))));
    expect((await tessera(['metadata', 'apply', withoutNotes, '--tenant', 'evo', '--json'])).json).toMatchObject({
      revision: 4,
      steps: [{ kind: 'drop_column', risk: 'safe' }],
    });
    expect((await tessera(['metadata', 'purge', '--tenant', 'evo', '--json'])).json).toEqual({ tenant: 'evo', purged: [] });
    const purged = await tessera(['metadata', 'purge', '--tenant', 'evo', '--older-than', '0', '--json']);
    expect(purged.json.purged).toEqual([expect.objectContaining({ kind: 'field', object: 'deal', field: 'notes', droppedRevision: 4 })]);
    const bad = await tessera(['metadata', 'purge', '--tenant', 'evo', '--older-than', 'soon', '--json']);
    expect(bad.code).not.toBe(0);
    expect(bad.json).toMatchObject({ code: 'TSR100' });
    // Sixteen real processes on the embedded database, each opening it afresh.
  }, 300_000);
});
