// Issue #20: the bulk API applies the same security as single writes. A sales rep (read-only
// amount, hidden code, no delete) cannot bulk-write fields they may not write, cannot touch
// records they cannot see (each answers 404 as if missing), cannot bulk-delete; in partial mode
// their own records still land.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';

type Rec = Record<string, unknown>;
const BULK = '/api/v1/objects/opportunity/records/bulk';

describe('bulk security', () => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let rep: string;
  let mine: string;
  let theirs: string;
  const send = (body: unknown) => server.request('POST', BULK, { cookie: rep, body });

  beforeAll(async () => {
    server = await startSecurityServer('postgres');
    admin = new TenantAdmin(server, 'bulksec', await server.createTenant('bulksec'));
    await admin.call('POST', '/api/v1/metadata/apply', crmBundle);
    const sales = await admin.permissionSet('sales', {
      account: { read: true },
      opportunity: { create: true, read: true, edit: true, fields: { amount: 'read', code: 'none' } },
    });
    const repId = await admin.user('rep@example.com', { permissionSetIds: [sales] });
    rep = await admin.signIn('rep@example.com');
    const made = await admin.call('POST', BULK, { operation: 'create', records: [{ name: 'Mine', owner_id: repId }, { name: 'Theirs' }] });
    [mine, theirs] = made.results.map((result: Rec) => result.id as string);
  }, 120_000);
  afterAll(async () => server?.close());

  it('refuses hidden and read-only fields per record, writing nothing', async () => {
    const refused = await send({ operation: 'create', records: [{ name: 'ok' }, { name: 'hidden', code: 'X' }, { name: 'read-only', amount: 5 }] });
    expect(refused.status).toBe(422);
    expect(refused.body.failed).toEqual([1, 2]);
    const paths = refused.body.errors.map((error: Rec) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['/records/1/code', '/records/2/amount']));
    const listed = await admin.call('GET', '/api/v1/objects/opportunity/records?limit=50');
    expect(listed.data.map((record: Rec) => record.name).sort()).toEqual(['Mine', 'Theirs']);
  });

  it("a record the user cannot see answers 404 in the results; partial keeps the user's own", async () => {
    const result = await send({
      operation: 'update',
      mode: 'partial',
      records: [
        { id: mine, name: 'Mine 2' },
        { id: theirs, name: 'Taken' },
      ],
    });
    expect(result.status, result.text).toBe(200);
    expect(result.body.results).toEqual([
      { index: 0, id: mine, status: 'updated', errors: [] },
      { index: 1, id: null, status: 'failed', errors: [expect.objectContaining({ path: '/records/1', code: 'TSR111' })] },
    ]);
    const stored = await admin.call('GET', `/api/v1/objects/opportunity/records/${theirs}`);
    expect(stored.name).toBe('Theirs');
  });

  it('refuses a bulk delete without delete permission', async () => {
    const refused = await send({ operation: 'delete', records: [{ id: mine }] });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/records/0', code: 'TSR302' })]);
    expect((await admin.call('GET', `/api/v1/objects/opportunity/records/${mine}`)).name).toBe('Mine 2');
  });
});
