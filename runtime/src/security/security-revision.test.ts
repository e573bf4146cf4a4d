// A security change made by another process reaches this one through the periodic revision check:
// bumpSecurityRevision (the other process) → checkRevisions here → the next state() reloads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase, testDriverKinds } from '../db/test-database.ts';
import type { TenantRef } from '../tenants/tenant-store.ts';
import { TenantStore } from '../tenants/tenant-store.ts';
import { bumpSecurityRevision, SecurityRuntime } from './security-runtime.ts';
import { securityRevision } from './tenant-security.ts';

describe.each(await testDriverKinds())('security revision on %s', (kind) => {
  let database: TestDatabase;
  let tenants: TenantStore;
  let tenant: TenantRef;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    tenants = new TenantStore(database.system);
    tenant = (await tenants.createTenant('revisions')).tenant;
  });
  afterAll(async () => database?.close());

  it('starts at 1, and a bump elsewhere is seen by the periodic check', async () => {
    const here = new SecurityRuntime(database.db, tenants, { rateLimit: false, validationFailures: false });
    expect((await here.state(tenant)).revision).toBe(1);
    // Another process's change: it commits a new revision without telling this runtime directly.
    const bumped = await database.db.transaction().execute((trx) => bumpSecurityRevision(trx, tenant));
    expect(bumped).toBe(2);
    expect(await securityRevision(database.db, tenant.schema)).toBe(2);
    expect((await here.state(tenant)).revision).toBe(1);
    await here.checkRevisions();
    expect((await here.state(tenant)).revision).toBe(2);
  });
});
