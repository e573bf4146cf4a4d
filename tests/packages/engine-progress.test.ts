// Progress of package operations (issue #19): an install, upgrade or uninstall sent with
// `X-Operation-Id` reports into GET /api/v1/packages/operations/:id. crm-core installed by name
// with its sample data: one event per migration step of the plan, in order, then security, then
// sample records up to the count the plan announced, then done; refusals end failed with their
// code; another tenant's admin and unknown ids get 404 TSR617. Order and counts only: no clocks.
import { randomUUID } from 'node:crypto';
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { responseChecker } from '../support/openapi-responses.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { freshTenant } from './engine-support.ts';

const kinds = await testDriverKinds();
const CRM_CORE = { kind: 'available', name: 'crm-core' };

describe.each(kinds)('package operation progress on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('reports every migration step, security and the sample records of an install, then done; refusals end failed', async () => {
    const { api } = await freshTenant(server, 'prog');
    const plan = await api.post('/api/v1/packages/plan', { source: CRM_CORE, sampleData: true });
    expect(plan.status, plan.text).toBe(200);
    const steps = plan.body.steps as { step: number; description: string; rows: number }[];
    const records = plan.body.sampleData.records as number;
    expect(steps.length).toBeGreaterThan(5);
    expect(records).toBeGreaterThan(10);

    const id = randomUUID();
    const installed = await api.post(
      '/api/v1/packages/install',
      { source: CRM_CORE, planHash: plan.body.planHash, sampleData: true },
      { 'x-operation-id': id },
    );
    expect(installed.status, installed.text).toBe(200);
    expect(installed.body.records).toBe(records);

    const read = await api.get(`/api/v1/packages/operations/${id}`);
    expect(read.status, read.text).toBe(200);
    const progress = read.body;
    expect(progress).toMatchObject({
      id,
      operation: 'install',
      namespace: 'crm',
      phase: 'done',
      problem: null,
      steps: { current: steps.length, total: steps.length, description: steps.at(-1)?.description, rows: steps.at(-1)?.rows },
      sampleData: { created: records, total: records },
    });
    expect(progress.endedAt).toEqual(expect.any(String));
    responseChecker((await api.get('/api/v1/openapi.json')).body)('/api/v1/packages/operations/{id}', 'get', '200', progress);

    const events = progress.events as { at: string; phase: string; step?: number; total?: number; description?: string; rows?: number; created?: number }[];
    // The phases in order, each once as a run: metadata steps, security, sample data, done.
    const runs = events.map((event) => event.phase).filter((phase, index, all) => phase !== all[index - 1]);
    expect(runs).toEqual(['metadata', 'security', 'sampleData', 'done']);
    expect(events.filter((event) => event.phase === 'metadata')).toEqual(
      steps.map((step) => ({
        at: expect.any(String),
        phase: 'metadata',
        step: step.step,
        total: steps.length,
        description: step.description,
        rows: step.rows,
      })),
    );
    const sample = events.filter((event) => event.phase === 'sampleData');
    expect(sample[0]).toMatchObject({ created: 0, total: records });
    expect(sample.at(-1)).toMatchObject({ created: records, total: records });
    const counts = sample.map((event) => event.created as number);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    // Timestamps are in log order (compared with each other, never with the clock).
    const times = events.map((event) => Date.parse(event.at));
    expect(times.every((time, index) => Number.isFinite(time) && (index === 0 || time >= (times[index - 1] as number)))).toBe(true);

    // A refused install (already installed) and a refused uninstall (its objects hold records) end failed with the problem's code.
    const again = randomUUID();
    expectProblem(await api.post('/api/v1/packages/install', { source: CRM_CORE }, { 'x-operation-id': again }), 409, 'TSR609');
    const refused = (await api.get(`/api/v1/packages/operations/${again}`)).body;
    expect(refused).toMatchObject({ operation: 'install', phase: 'failed', problem: { status: 409, code: 'TSR609' } });
    expect(refused.events.at(-1)).toMatchObject({ phase: 'failed', code: 'TSR609' });
    expect(refused.events.filter((event: { phase: string }) => event.phase === 'metadata')).toEqual([]);
    const uninstall = randomUUID();
    expectProblem(await api.delete('/api/v1/packages/crm', { 'x-operation-id': uninstall }), 409, 'TSR611');
    expect((await api.get(`/api/v1/packages/operations/${uninstall}`)).body).toMatchObject({
      operation: 'uninstall',
      namespace: 'crm',
      phase: 'failed',
      problem: { code: 'TSR611' },
    });

    // Another tenant's administrator cannot read it; unknown ids are 404 too.
    const { api: other } = await freshTenant(server, 'prog');
    expectProblem(await other.get(`/api/v1/packages/operations/${id}`), 404, 'TSR617');
    expectProblem(await api.get(`/api/v1/packages/operations/${randomUUID()}`), 404, 'TSR617');
    // An id is a UUID, new per operation.
    expectProblem(await api.post('/api/v1/packages/install', { source: CRM_CORE }, { 'x-operation-id': 'install-1' }), 400, 'TSR100');
    expectProblem(await api.post('/api/v1/packages/install', { source: CRM_CORE }, { 'x-operation-id': id }), 400, 'TSR100');
    expect((await api.get(`/api/v1/packages/operations/${id}`)).body.phase).toBe('done');
  });
});
