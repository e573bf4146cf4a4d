// The App the import browser suites (app-import*.test.ts) start from: company and lead objects,
// a `sales` permission set that may read companies and do everything with leads, 李销售 (SALES) in
// it with a password, and one company (华为, symbol HW) for the CSV's company column to find.
import { expect } from 'vitest';
import { company, lead } from '../api/import-support.ts';
import { PASSWORD, SALES, TENANT } from './app-inbox-fixture.ts';
import { type BrowserApp, startBrowserApp } from './browser-app.ts';

export async function startImportApp(): Promise<{ app: BrowserApp; salesId: string }> {
  const app = await startBrowserApp({ tenant: TENANT, metadata: { objects: [company, lead] }, signedIn: false });
  const set = await app.api('POST', '/security/permission-sets', {
    name: 'sales',
    objects: { company: { read: true, viewAll: true }, lead: { read: true, create: true, edit: true, delete: true, viewAll: true } },
  });
  expect(set.status, JSON.stringify(set.body)).toBe(201);
  const user = await app.api('POST', '/security/users', { ...SALES, password: PASSWORD, permissionSetIds: [set.body.id] });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  expect((await app.api('POST', '/objects/company/records', { name: '华为', symbol: 'HW' })).status).toBe(201);
  return { app, salesId: user.body.id as string };
}
