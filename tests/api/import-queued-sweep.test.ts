// Issue #20: the queued-imports sweep runs an import as the user who queued it, with that user's
// rights as they are now. Three imports are left `queued` with their files kept (as a process that
// died before starting them leaves them; import-queued-restart.test.ts kills a real one): the rep's
// plain one runs and its record is the rep's; the rep's import of a field the rep may only read is
// failed naming the field; a deactivated user's import is failed, never run with a wider catalog.
// Nothing of the refused ones is written, and a second sweep finds nothing to do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TenantStore } from '@tessera/runtime';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogCache } from '../../runtime/src/catalog/catalog-cache.ts';
import { keepFile } from '../../runtime/src/import/import-files.ts';
import { parseImportOptions } from '../../runtime/src/import/import-options.ts';
import { createImportRow } from '../../runtime/src/import/import-store.ts';
import { sweepQueuedImports } from '../../runtime/src/import/queued-imports.ts';
import { SecurityRuntime } from '../../runtime/src/security/security-runtime.ts';
import { crmBundle } from '../fixtures/crm-objects.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';

const SCHEMA = 't_queuedsweep';

describe('queued imports swept', () => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let rep: string;
  let gone: string;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-queued-sweep-'));

  beforeAll(async () => {
    server = await startSecurityServer('postgres');
    admin = new TenantAdmin(server, 'queuedsweep', await server.createTenant('queuedsweep'));
    await admin.call('POST', '/api/v1/metadata/apply', crmBundle);
    const sales = await admin.permissionSet('sales', {
      account: { read: true },
      opportunity: { create: true, read: true, edit: true, fields: { amount: 'read' } },
    });
    rep = await admin.user('rep@example.com', { permissionSetIds: [sales] });
    gone = await admin.user('gone@example.com', { permissionSetIds: [sales], admin: true });
    await admin.call('PATCH', `/api/v1/security/users/${gone}`, { active: false });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const queue = async (userId: string, csv: string, mapping: Record<string, string | null>) => {
    const object = { apiName: 'opportunity', definition: crmBundle.objects.find((candidate) => candidate.apiName === 'opportunity') };
    const options = { ...parseImportOptions(object as never, {}, 'en'), mapping };
    const id = await createImportRow(server.database.db, SCHEMA, 'opportunity', 'queued.csv', options, userId);
    const path = join(dir, `${id}.csv`);
    writeFileSync(path, csv);
    await keepFile({ path, format: 'csv', name: 'queued.csv', temporary: true }, SCHEMA, id);
    return id;
  };
  const imports = async () =>
    Object.fromEntries(
      (
        await sql<{ id: string; status: string; failure: string | null }>`
        select id, status, report ->> 'failure' as failure from ${sql.id(SCHEMA, '_imports')}`.execute(server.database.db)
      ).rows.map((row) => [row.id, row]),
    );

  it('runs the rep’s import as the rep; fails the ones the user may not run, with the reason', async () => {
    const plain = await queue(rep, 'Name\nQueued by rep\n', { Name: 'name' });
    const readOnly = await queue(rep, 'Name,Amount\nBig,100\n', { Name: 'name', Amount: 'amount' });
    const inactive = await queue(gone, 'Name\nBy a former admin\n', { Name: 'name' });
    const db = server.database.db;
    const deps = { db, catalogs: new CatalogCache(db), security: new SecurityRuntime(db, new TenantStore(db)), connections: 'many' as const, graceMs: 0 };
    const sweep = await sweepQueuedImports(deps);
    await Promise.all(sweep.runs);
    expect(sweep.started).toEqual([plain]);
    expect(sweep.failed.sort()).toEqual([readOnly, inactive].sort());
    const after = await imports();
    expect(after[plain]).toMatchObject({ status: 'done', failure: null });
    expect(after[readOnly]?.status).toBe('failed');
    expect(after[readOnly]?.failure).toMatch(/^never started: .*opportunity\.amount/);
    expect(after[inactive]?.status).toBe('failed');
    expect(after[inactive]?.failure).toMatch(/^never started: .*no longer active/);
    const rows = await sql<{ name: string; owner_id: string }>`select name, owner_id from ${sql.id(SCHEMA, 'opportunity')}`.execute(db);
    expect(rows.rows).toEqual([{ name: 'Queued by rep', owner_id: rep }]);
    const again = await sweepQueuedImports(deps);
    expect([again.started, again.failed]).toEqual([[], []]);
  });
});
