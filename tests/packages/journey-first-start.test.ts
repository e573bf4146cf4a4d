// "A working CRM at first start": `tessera serve` as `pnpm start` runs it, on an empty embedded
// data directory, creates tenant `demo` with crm-core and its sample data, and demo users whose
// generated passwords are printed and kept in <state>/demo-users (mode 600). Signed in over HTTP as
// the demo sales rep, the sample pipeline is theirs. A restart does not create it again;
// TESSERA_DEMO=off leaves the database empty.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '@tessera/runtime';
import { ensureDemoTenant } from '../../runtime/src/cli/demo-tenant.ts';
import { readConfig } from '../../runtime/src/cli/runtime-config.ts';
import { createTestDatabase, testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type SpawnedServer, spawnServer } from '../support/spawn-server.ts';
import { shippedPackage } from './journey-support.ts';

const crm = shippedPackage('crm-core');
const sampleOpportunities = crm.sampleData.filter((set) => set.object === 'opportunity').flatMap((set) => set.records);

function readDemoUsers(file: string): { token: string; users: Record<string, { email: string; password: string }> } {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
  const token = (lines.find((line) => line.startsWith('tenant_token ')) ?? '').split(' ')[1] ?? '';
  const users = Object.fromEntries(
    lines
      .filter((line) => !line.startsWith('tenant_token '))
      .map((line) => {
        const [role, email, password] = line.split(' ');
        return [role, { email: String(email), password: String(password) }];
      }),
  );
  return { token, users };
}

async function signIn(url: string, email: string, password: string): Promise<{ status: number; cookie: string }> {
  const response = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant: 'demo', email, password }),
  });
  await response.text();
  return { status: response.status, cookie: /tessera_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0] ?? '' };
}

describe('the demo tenant at first start (tessera serve, embedded PGlite)', () => {
  const root = mkdtempSync(join(tmpdir(), 'tessera-first-start-'));
  const state = { TESSERA_STATE_DIR: join(root, '.tessera'), TESSERA_DATA_DIR: join(root, '.tessera', 'data'), DATABASE_URL: '' };
  const demoFile = join(root, '.tessera', 'demo-users');
  let server: SpawnedServer | undefined;
  afterAll(async () => server?.stop());

  it('creates tenant demo with crm-core, prints how to sign in and keeps the passwords in a 0600 file', async () => {
    server = await spawnServer({ ...state, TESSERA_DEMO: 'on' });
    const output = server.output();
    expect(output).toContain("Demo tenant 'demo' created with crm-core");
    expect(existsSync(demoFile)).toBe(true);
    expect(statSync(demoFile).mode & 0o777).toBe(0o600);
    const demo = readDemoUsers(demoFile);
    expect(Object.keys(demo.users).sort()).toEqual(['admin', 'sales_manager', 'sales_rep']);
    for (const user of Object.values(demo.users)) {
      expect(output).toContain(user.email);
      expect(output).toContain(user.password);
      expect(user.password.length).toBeGreaterThanOrEqual(10);
    }
    expect(new Set(Object.values(demo.users).map((user) => user.password)).size).toBe(3);
    const metadata = await fetch(`${server.url}/api/v1/metadata`, { headers: { authorization: `Bearer ${demo.token}` } });
    const model = (await metadata.json()) as { objects: { apiName: string }[] };
    expect(model.objects.map((object) => object.apiName).sort()).toEqual(crm.objects.map((object) => String(object.apiName)).sort());
  });

  it('the demo sales rep signs in over HTTP and lists the sample opportunities as theirs', async () => {
    const url = (server as SpawnedServer).url;
    const { users } = readDemoUsers(demoFile);
    const wrong = await signIn(url, String(users.sales_rep?.email), 'not the password');
    expect(wrong.status).toBe(401);
    const rep = await signIn(url, String(users.sales_rep?.email), String(users.sales_rep?.password));
    expect(rep.status).toBe(200);
    const me = (await (await fetch(`${url}/api/v1/auth/me`, { headers: { cookie: rep.cookie } })).json()) as { user: { id: string; admin: boolean } };
    const listed = await fetch(`${url}/api/v1/objects/opportunity/records?limit=200&sort=name`, { headers: { cookie: rep.cookie } });
    expect(listed.status).toBe(200);
    const rows = ((await listed.json()) as { data: { name: string; owner_id: string }[] }).data;
    expect(rows.map((row) => row.name)).toEqual(sampleOpportunities.map((record) => String(record.name)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(rows.map((row) => row.owner_id))).toEqual(new Set([me.user.id]));
    const admin = await signIn(url, String(users.admin?.email), String(users.admin?.password));
    const adminMe = (await (await fetch(`${url}/api/v1/auth/me`, { headers: { cookie: admin.cookie } })).json()) as { admin: boolean; user: { email: string } };
    expect(adminMe).toMatchObject({ admin: true, user: { email: users.admin?.email } });
    const repMe = (await (await fetch(`${url}/api/v1/auth/me`, { headers: { cookie: rep.cookie } })).json()) as { admin: boolean };
    expect(repMe.admin).toBe(false);
  });

  it('does not create the demo again on the next start, and its passwords still work', async () => {
    await server?.stop();
    const before = readFileSync(demoFile, 'utf8');
    server = await spawnServer({ ...state, TESSERA_DEMO: 'on' });
    expect(server.output()).not.toContain('Demo tenant');
    expect(readFileSync(demoFile, 'utf8')).toBe(before);
    const { users } = readDemoUsers(demoFile);
    expect((await signIn(server.url, String(users.sales_rep?.email), String(users.sales_rep?.password))).status).toBe(200);
  });

  it('TESSERA_DEMO=off starts on an empty database and writes no demo file', async () => {
    const emptyRoot = mkdtempSync(join(tmpdir(), 'tessera-no-demo-'));
    const quiet = await spawnServer({
      TESSERA_STATE_DIR: join(emptyRoot, '.tessera'),
      TESSERA_DATA_DIR: join(emptyRoot, '.tessera', 'data'),
      DATABASE_URL: '',
      TESSERA_DEMO: 'off',
    });
    try {
      const adminToken = readFileSync(join(emptyRoot, '.tessera', 'admin-token'), 'utf8').trim();
      const tenants = await fetch(`${quiet.url}/api/v1/admin/tenants`, { headers: { authorization: `Bearer ${adminToken}` } });
      expect(((await tenants.json()) as { data: unknown[] }).data).toEqual([]);
      expect(existsSync(join(emptyRoot, '.tessera', 'demo-users'))).toBe(false);
      expect(quiet.output()).not.toContain('Demo tenant');
    } finally {
      await quiet.stop();
    }
  });
});

describe('the demo tenant when two servers start at once on one empty database', () => {
  it('is created once, by one of them, and both serve it', async () => {
    if (!(await testDriverKinds()).includes('postgres')) {
      console.log('PostgreSQL does not answer at 127.0.0.1:5432: two apps in one process race for the demo on PGlite instead of two servers');
      const database = await createTestDatabase('pglite');
      const apps = [await createApp({ database, adminToken: 'first-start-admin' }), await createApp({ database, adminToken: 'first-start-admin' })];
      try {
        const roots = apps.map(() => mkdtempSync(join(tmpdir(), 'tessera-first-')));
        const made = await Promise.all(apps.map((app, i) => ensureDemoTenant(app, readConfig({ TESSERA_STATE_DIR: roots[i] }), { TESSERA_DEMO: 'on' })));
        expect(made.filter(Boolean)).toHaveLength(1);
        expect((await apps[0]?.tenants.listTenants())?.map((row) => row.tenant)).toEqual(['demo']);
      } finally {
        for (const app of apps) await app.close();
        await database.close();
      }
      return;
    }
    const database = await createTestDatabase('postgres');
    const roots = [mkdtempSync(join(tmpdir(), 'tessera-first-a-')), mkdtempSync(join(tmpdir(), 'tessera-first-b-'))];
    const env = (root: string) => ({
      DATABASE_URL: database.url ?? '',
      TESSERA_ADMIN_TOKEN: 'first-start-admin',
      TESSERA_STATE_DIR: join(root, '.tessera'),
      TESSERA_DEMO: 'on',
    });
    const servers = await Promise.all(roots.map((root) => spawnServer(env(root))));
    try {
      const banners = servers.filter((server) => server.output().includes("Demo tenant 'demo' created"));
      expect(banners).toHaveLength(1);
      const tenants = await fetch(`${servers[0]?.url}/api/v1/admin/tenants`, { headers: { authorization: 'Bearer first-start-admin' } });
      expect(((await tenants.json()) as { data: { tenant: string }[] }).data.map((row) => row.tenant)).toEqual(['demo']);
      const files = roots.map((root) => join(root, '.tessera', 'demo-users')).filter((file) => existsSync(file));
      expect(files).toHaveLength(1);
      const { users } = readDemoUsers(files[0] as string);
      for (const server of servers) {
        expect((await signIn(server.url, String(users.sales_rep?.email), String(users.sales_rep?.password))).status).toBe(200);
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      await database.close();
    }
  });
});
