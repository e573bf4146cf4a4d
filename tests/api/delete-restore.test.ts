// Soft delete and restore with the lookup delete behaviours (restrict, setNull, cascade), the
// deleted= list modes, 404s after delete, and unique values freed by delete.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { deleteBundle } from '../fixtures/delete-objects.ts';
import { expectProblem, listAll, MISSING_ID } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const kinds = await testDriverKinds();
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const records = (object: string) => `/api/v1/objects/${object}/records`;

describe.each(kinds)('delete and restore on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;

  const create = async (object: string, body: Record<string, unknown>) => {
    const created = await api.post(records(object), body);
    expect(created.status, created.text).toBe(201);
    return created.body as Record<string, any> & { id: string };
  };
  const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant('trash'));
    expect((await api.apply(crmBundle)).status).toBe(200);
    expect((await api.apply(deleteBundle)).status).toBe(200);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('soft-deletes: 204, then 404 everywhere, listed only with deleted=only|include', async () => {
    const kept = await create('opportunity', { name: 'Kept' });
    const gone = await create('opportunity', { name: 'Gone' });
    const url = `${records('opportunity')}/${gone.id}`;
    const deleted = await api.delete(url);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expectProblem(await api.get(url), 404, 'TSR111');
    expectProblem(await api.patch(url, { name: 'x' }), 404, 'TSR111');
    expectProblem(await api.delete(url), 404, 'TSR111');
    expect(ids(await listAll(api, 'opportunity'))).not.toContain(gone.id);
    expect(ids(await listAll(api, 'opportunity'))).toContain(kept.id);
    const only = await listAll(api, 'opportunity', { deleted: 'only' });
    expect(ids(only)).toEqual([gone.id]);
    expect(only[0]).toMatchObject({ name: 'Gone', version: 2, deleted_at: expect.stringMatching(ISO_MS) });
    expect(ids(await listAll(api, 'opportunity', { deleted: 'include' }))).toEqual([kept.id, gone.id].sort());
    expectProblem(await api.list('opportunity', { deleted: 'all' }), 400, 'TSR102', [{ path: 'deleted', code: 'TSR102' }], true);
    expectProblem(await api.delete(`${records('opportunity')}/${MISSING_ID}`), 404, 'TSR111');
  });

  it('restores: 200 with deleted_at null and version + 1; refuses what is not deleted', async () => {
    const record = await create('opportunity', { name: 'Back again' });
    const url = `${records('opportunity')}/${record.id}`;
    expectProblem(await api.post(`${url}/restore`), 409, 'TSR100');
    expect((await api.delete(url)).status).toBe(204);
    const restored = await api.post(`${url}/restore`);
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body).toMatchObject({ id: record.id, name: 'Back again', deleted_at: null, version: 3 });
    expect(restored.headers.get('etag')).toBe('"3"');
    expect((await api.get(url)).status).toBe(200);
    expectProblem(await api.post(`${records('opportunity')}/${MISSING_ID}/restore`), 404, 'TSR111');
  });

  it('restrict: refuses to delete a parent with live children (409 TSR412), allows it once they are gone', async () => {
    const region = await create('region', { name: 'North' });
    const office = await create('office', { name: 'Oslo', region: region.id });
    const refused = await api.delete(`${records('region')}/${region.id}`);
    expectProblem(refused, 409, 'TSR412', [{ path: '/office/region', code: 'TSR412' }], true);
    expect((await api.get(`${records('region')}/${region.id}`)).body.deleted_at).toBeNull();
    expect((await api.get(`${records('office')}/${office.id}`)).body).toMatchObject({ region: region.id, version: 1 });
    // A soft-deleted child no longer holds the parent.
    expect((await api.delete(`${records('office')}/${office.id}`)).status).toBe(204);
    expect((await api.delete(`${records('region')}/${region.id}`)).status).toBe(204);
  });

  it('setNull: clears the children’s lookup and bumps their version', async () => {
    const account = await create('account', { name: 'Parent' });
    const first = await create('opportunity', { name: 'Child 1', account: account.id });
    const second = await create('opportunity', { name: 'Child 2', account: account.id });
    const other = await create('opportunity', { name: 'Other' });
    expect((await api.delete(`${records('account')}/${account.id}`)).status).toBe(204);
    for (const child of [first, second]) {
      const read = await api.get(`${records('opportunity')}/${child.id}`);
      expect(read.body).toMatchObject({ account: null, version: 2, deleted_at: null });
    }
    expect((await api.get(`${records('opportunity')}/${other.id}`)).body.version).toBe(1);
  });

  it('cascade: soft-deletes children and grandchildren; restore brings back exactly those', async () => {
    const project = await create('project', { name: 'Apollo' });
    const taskA = await create('task', { name: 'A', project: project.id });
    const taskB = await create('task', { name: 'B', project: project.id });
    const earlier = await create('task', { name: 'Deleted earlier', project: project.id });
    const stepA = await create('step', { name: 'A.1', task: taskA.id });
    const stepB = await create('step', { name: 'B.1', task: taskB.id });
    const otherProject = await create('project', { name: 'Other' });
    const otherTask = await create('task', { name: 'Other task', project: otherProject.id });
    expect((await api.delete(`${records('task')}/${earlier.id}`)).status).toBe(204);

    expect((await api.delete(`${records('project')}/${project.id}`)).status).toBe(204);
    expect(ids(await listAll(api, 'task'))).toEqual([otherTask.id]);
    expect(ids(await listAll(api, 'task', { deleted: 'only' }))).toEqual([taskA.id, taskB.id, earlier.id].sort());
    expect(ids(await listAll(api, 'step'))).toEqual([]);
    expect(ids(await listAll(api, 'step', { deleted: 'only' }))).toEqual([stepA.id, stepB.id].sort());
    expectProblem(await api.get(`${records('step')}/${stepA.id}`), 404, 'TSR111');

    const restored = await api.post(`${records('project')}/${project.id}/restore`);
    expect(restored.status, restored.text).toBe(200);
    expect(ids(await listAll(api, 'task'))).toEqual([taskA.id, taskB.id, otherTask.id].sort());
    expect(ids(await listAll(api, 'task', { deleted: 'only' }))).toEqual([earlier.id]);
    expect(ids(await listAll(api, 'step'))).toEqual([stepA.id, stepB.id].sort());
    expect((await api.get(`${records('step')}/${stepA.id}`)).body).toMatchObject({ task: taskA.id, deleted_at: null });
  });

  it('frees unique values on delete; duplicates are 409 TSR410 at /code', async () => {
    const first = await create('opportunity', { name: 'Unique 1', code: 'U-1' });
    const duplicate = await api.post(records('opportunity'), { name: 'Unique 2', code: 'U-1' });
    expectProblem(duplicate, 409, 'TSR410', [{ path: '/code', code: 'TSR410' }], true);
    const other = await create('opportunity', { name: 'Unique 3', code: 'U-3' });
    expectProblem(await api.patch(`${records('opportunity')}/${other.id}`, { code: 'U-1' }), 409, 'TSR410', [{ path: '/code', code: 'TSR410' }], true);
    expect((await api.get(`${records('opportunity')}/${other.id}`)).body).toMatchObject({ code: 'U-3', version: 1 });

    expect((await api.delete(`${records('opportunity')}/${first.id}`)).status).toBe(204);
    const reused = await create('opportunity', { name: 'Unique 2', code: 'U-1' });
    expect(reused.code).toBe('U-1');
    // Restoring the first would make two live U-1 records.
    expectProblem(await api.post(`${records('opportunity')}/${first.id}/restore`), 409, 'TSR410', [{ path: '/code', code: 'TSR410' }], true);
    expectProblem(await api.get(`${records('opportunity')}/${first.id}`), 404, 'TSR111');
  });
});
