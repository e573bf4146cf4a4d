// `tessera tenant tokens|rotate-token|revoke-token` (issue #22, Access 5): the instance operator
// lists a tenant's integration tokens by fingerprint (the token itself is never printed again),
// rotates one (the new token is printed once) and revokes one. Real processes, embedded database.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT } from '../support/spawn-server.ts';

const dataRoot = mkdtempSync(join(tmpdir(), 'tessera-tokens-cli-'));
const env = { ...process.env, TESSERA_DATA_DIR: join(dataRoot, 'data'), TESSERA_STATE_DIR: join(dataRoot, 'state'), DATABASE_URL: '' };

// biome-ignore lint/suspicious/noExplicitAny: printed JSON is checked field by field
async function tessera(args: string[]): Promise<{ code: number; json: any; stdout: string }> {
  const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args, '--json'], { cwd: REPO_ROOT, env }, (error, out) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out }),
    );
  });
  return { code, stdout, json: JSON.parse(stdout) };
}

describe('tessera tenant token commands', () => {
  it('lists by fingerprint, rotates and revokes; never prints a token twice', async () => {
    const created = await tessera(['tenant', 'create', 'tokco']);
    expect(created.code, created.stdout).toBe(0);
    const first = created.json.token as string;
    const listed = await tessera(['tenant', 'tokens', 'tokco']);
    expect(listed.code, listed.stdout).toBe(0);
    expect(listed.stdout).not.toContain(first);
    expect(listed.json.tokens).toEqual([
      { fingerprint: expect.stringMatching(/^[0-9a-f]{12}$/), label: 'initial token', createdAt: expect.any(String), revokedAt: null },
    ]);
    const fingerprint = listed.json.tokens[0].fingerprint as string;

    const rotated = await tessera(['tenant', 'rotate-token', 'tokco', fingerprint]);
    expect(rotated.code, rotated.stdout).toBe(0);
    expect(rotated.json).toMatchObject({ tenant: 'tokco', revoked: fingerprint, token: expect.stringMatching(/^tsr_/), label: 'initial token' });
    expect(rotated.json.token).not.toBe(first);

    const revoked = await tessera(['tenant', 'revoke-token', 'tokco', rotated.json.fingerprint]);
    expect(revoked.code, revoked.stdout).toBe(0);
    const after = await tessera(['tenant', 'tokens', 'tokco']);
    expect(after.json.tokens.map((token: { revokedAt: string | null }) => token.revokedAt !== null)).toEqual([true, true]);
    expect(after.stdout).not.toContain(rotated.json.token);

    const unknown = await tessera(['tenant', 'revoke-token', 'tokco', '000000000000']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.json).toMatchObject({ status: 404, code: 'TSR319' });
  }, 120_000);
});
