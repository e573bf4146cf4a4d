// `tessera approvals …` as a script uses it: a real CLI process talking to a running server as a
// user, one JSON object per command with --json, problem+json and a non-zero exit on refusal.
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { CLI, REPO_ROOT } from '../support/spawn-server.ts';
import { type ApprovalServer, type Org, setUpOrg, startApprovalServer } from './approval-server.ts';

const [kind] = await testDriverKinds();

describe('tessera approvals CLI', () => {
  let server: ApprovalServer & { baseUrl?: string };
  let org: Org;
  // biome-ignore lint/suspicious/noExplicitAny: printed JSON is checked by the assertions that read it
  const tessera = (who: string, args: string[]): Promise<{ code: number; json: Record<string, any> }> =>
    new Promise((resolve) => {
      const env = { ...process.env, TESSERA_URL: server.baseUrl as string, TESSERA_TOKEN: org.tokens[who] as string };
      execFile(process.execPath, ['--import', 'tsx', CLI, 'approvals', ...args, '--json'], { cwd: REPO_ROOT, env }, (error, stdout) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, json: JSON.parse(stdout) });
      });
    });

  beforeAll(async () => {
    server = await startApprovalServer(kind ?? 'pglite');
    org = await setUpOrg(server, 'cli');
  }, 180_000);
  afterAll(async () => server?.close());

  it('submits, lists the inbox, approves and shows the request; refusals exit non-zero with problem+json', async () => {
    const quote = await server.request<{ id: string }>('POST', '/api/v1/objects/quote/records', { token: org.tokens.rep, body: { name: 'CLI', amount: 5 } });
    const submitted = await tessera('rep', ['submit', 'quote', quote.body.id, '--flow', 'all_flow', '--comment', 'from a script']);
    expect(submitted.code).toBe(0);
    expect(submitted.json).toMatchObject({ status: 'pending', flow: 'all_flow', currentStep: 'finance', comment: 'from a script' });
    const id = submitted.json.id as string;
    const inbox = await tessera('finance1', ['inbox']);
    expect(inbox.code).toBe(0);
    expect(inbox.json.data.map((item: { request: { id: string } }) => item.request.id)).toEqual([id]);
    expect((await tessera('finance1', ['approve', id, '--comment', 'ok'])).json.status).toBe('pending');
    const rejected = await tessera('finance2', ['reject', id, '--comment', 'no']);
    expect(rejected.json).toMatchObject({ status: 'rejected' });
    const again = await tessera('finance3', ['approve', id]);
    expect(again.code).not.toBe(0);
    expect(again.json).toMatchObject({ code: 'TSR555', status: 409 });
    const recall = await tessera('rep', ['recall', id]);
    expect(recall.json).toMatchObject({ code: 'TSR555' });
    const shown = await tessera('rep', ['show', id]);
    expect(shown.json.history.map((event: { kind: string }) => event.kind)).toEqual([
      'submitted',
      'step_started',
      'task_approved',
      'task_rejected',
      'step_rejected',
      'rejected',
    ]);
    expect((await tessera('rep', ['inbox', '--box', 'submitted'])).json.data.map((item: { id: string }) => item.id)).toEqual([id]);
  });
});
