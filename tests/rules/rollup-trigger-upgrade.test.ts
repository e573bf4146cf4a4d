// Tenants from before the delta and deferral triggers (issue #20) get them on upgrade: the tenant
// migration step re-creates every child's roll-up trigger function from the live metadata. Here an
// older release's function is stood in for by one that maintains nothing; after the step a child
// create moves its parent's roll-ups again and an import's deferral is honoured.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { rollupFunctionName } from '../../runtime/src/rules/rollup-triggers.ts';
import { runTenantMigrations, TENANT_SYSTEM_VERSION } from '../../runtime/src/tenants/tenant-migrations.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { account, NOW, opportunity, ROLLUPS } from './rules-fixtures.ts';

const kinds = await testDriverKinds();
const SCHEMA = 't_rollupupgrade';

describe.each(kinds)('roll-up triggers on a tenant upgrade on %s', (kind) => {
  let server: TestServer;
  let api: TenantClient;

  beforeAll(async () => {
    server = await startTestServer(kind, { clock: () => NOW });
    api = server.tenant(await server.createTenant('rollupupgrade'));
    const applied = await api.apply({ objects: [account(ROLLUPS), opportunity()] });
    expect(applied.status, applied.text).toBe(200);
  }, 120_000);
  afterAll(async () => server?.close());

  const functionText = async () =>
    (await sql<{ body: string }>`select prosrc as body from pg_proc where proname = ${rollupFunctionName('opportunity')}`.execute(server.database.db)).rows[0]
      ?.body ?? '';

  it('re-creates the functions an older release left from the live metadata', async () => {
    const db = server.database.db;
    await sql
      .raw(`create or replace function ${SCHEMA}."${rollupFunctionName('opportunity')}"() returns trigger language plpgsql as $f$ begin return null; end $f$`)
      .execute(db);
    await sql`update ${sql.id(SCHEMA, '_system_version')} set version = ${TENANT_SYSTEM_VERSION - 1}`.execute(db);
    const parent = (await api.post('/api/v1/objects/account/records', { name: 'Before' })).body.id as string;
    const stale = await api.post('/api/v1/objects/opportunity/records', { name: 'Stale', account: parent, amount: 10 });
    expect(stale.status, stale.text).toBe(201);
    expect((await api.get(`/api/v1/objects/account/records/${parent}`)).body.deal_count).toBe(0);
    expect(await functionText()).not.toContain('deferred');

    await db.transaction().execute((trx) => runTenantMigrations(trx, SCHEMA));

    expect(await functionText()).toContain('deferred');
    const fresh = await api.post('/api/v1/objects/opportunity/records', { name: 'Fresh', account: parent, amount: 5 });
    expect(fresh.status, fresh.text).toBe(201);
    // The recompute of an update counts both; the insert delta here adds the new child to the stale 0.
    const after = (await api.get(`/api/v1/objects/account/records/${parent}`)).body;
    expect(after.deal_count).toBe(1);
    await api.patch(`/api/v1/objects/opportunity/records/${stale.body.id}`, { amount: 11 });
    expect((await api.get(`/api/v1/objects/account/records/${parent}`)).body.deal_count).toBe(2);
  });
});
