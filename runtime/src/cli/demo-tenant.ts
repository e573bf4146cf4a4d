// First start → a working CRM: on a database without tenants, `tessera serve` creates tenant `demo`,
// installs packages/crm-core with its sample data (POST /packages/install: one transaction), and
// adds a demo admin, a sales manager and a sales rep with generated passwords (kept in
// <state>/demo-users, mode 600). TESSERA_DEMO=off skips it (test servers start on empty databases
// and must stay empty). Everything goes through the public API in-process, so the demo is built
// exactly as an admin's script would build it.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TesseraApp } from '../http/create-app.ts';
import type { RuntimeConfig } from './runtime-config.ts';

export const DEMO_TENANT = 'demo';

export interface DemoUser {
  role: 'admin' | 'sales manager' | 'sales rep';
  email: string;
  password: string;
}

export interface DemoTenant {
  tenant: string;
  token: string;
  users: DemoUser[];
  file: string;
}

export function demoEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['off', 'false', '0', 'no'].includes((env.TESSERA_DEMO ?? '').toLowerCase());
}

/** One API call as the tenant's integration token, answered in-process. */
type ApiCall = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: ApiBody }>;
/** The parts of answers the demo reads: created ids and list rows. */
type ApiBody = { id?: string; data?: { id: string; name: string }[] } & Record<string, unknown>;

function inProcessCall(tessera: TesseraApp, token: string): ApiCall {
  return async (method, path, body) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await tessera.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

/** A password the policy accepts (random, 24 characters), shown once and kept in the demo-users file. */
const generatePassword = (): string => randomBytes(18).toString('base64url');

/** Creates the demo tenant when the database has no tenant yet; null when skipped. */
export async function ensureDemoTenant(tessera: TesseraApp, config: RuntimeConfig, env: NodeJS.ProcessEnv = process.env): Promise<DemoTenant | null> {
  if (!demoEnabled(env)) return null;
  if ((await tessera.tenants.listTenants()).length > 0) return null;
  let token: string;
  try {
    ({ token } = await tessera.tenants.createTenant(DEMO_TENANT, 'demo tenant (first start)'));
  } catch (error) {
    // Another process sharing the database created it first (TSR303, or a unique violation when
    // both inserted at once): that one finishes the demo.
    if ((error as { code?: string }).code === 'TSR303' || (await tessera.tenants.findTenant(DEMO_TENANT))) return null;
    throw error;
  }
  const call = inProcessCall(tessera, token);
  const send = async (method: string, path: string, body?: unknown): Promise<ApiBody> => {
    const response = await call(method, path, body);
    if (response.status >= 300) throw new Error(`demo tenant: ${method} ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  await send('POST', '/api/v1/packages/install', { source: { kind: 'available', name: 'crm-core' } });
  const idsByName = async (path: string) => new Map(((await send('GET', path)).data ?? []).map((row) => [row.name, row.id]));
  const roles = await idsByName('/api/v1/security/roles');
  const permissionSets = await idsByName('/api/v1/security/permission-sets');
  const users: DemoUser[] = [
    { role: 'admin', email: 'demo.admin@example.com', password: generatePassword() },
    { role: 'sales manager', email: 'demo.manager@example.com', password: generatePassword() },
    { role: 'sales rep', email: 'demo.sales@example.com', password: generatePassword() },
  ];
  const [admin, manager, rep] = users as [DemoUser, DemoUser, DemoUser];
  const post = (path: string, body: unknown) => send('POST', path, body);
  await post('/api/v1/security/users', { email: admin.email, name: 'Demo Admin 演示管理员', password: admin.password, admin: true });
  // The package's role and permission set of the same name: 销售经理 above 销售代表.
  const salesUser = (user: DemoUser, name: string, access: string) =>
    post('/api/v1/security/users', {
      email: user.email,
      name,
      password: user.password,
      roleId: roles.get(access),
      permissionSetIds: [permissionSets.get(access)],
    });
  const managerUser = await salesUser(manager, '王经理 (demo sales manager)', 'sales_manager');
  const repUser = await salesUser(rep, '李销售 (demo sales rep)', 'sales_rep');
  await send('PUT', `/api/v1/approvals/managers/${repUser.id}`, { managerId: managerUser.id });
  // The sample opportunities become the sales rep's own, so signing in as them shows a pipeline.
  for (const opportunity of (await send('GET', '/api/v1/objects/opportunity/records?limit=200&fields=id')).data ?? []) {
    await send('PATCH', `/api/v1/objects/opportunity/records/${opportunity.id}`, { owner_id: repUser.id });
  }
  const file = join(config.stateDir, 'demo-users');
  if (!existsSync(config.stateDir)) mkdirSync(config.stateDir, { recursive: true });
  const lines = [
    `# Tessera demo tenant '${DEMO_TENANT}' (created at first start with packages/crm-core and its sample data)`,
    '# Sign in: POST /api/v1/auth/sign-in {"tenant":"demo","email":…,"password":…}',
    `tenant_token ${token}`,
    ...users.map((user) => `${user.role.replace(' ', '_')} ${user.email} ${user.password}`),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  return { tenant: DEMO_TENANT, token, users, file };
}

/** What `serve` prints after creating the demo: where to go and how to sign in. */
export function demoBanner(demo: DemoTenant, url: string): string {
  return [
    `Demo tenant '${demo.tenant}' created with crm-core (accounts, contacts, leads, opportunities, cases and sample data).`,
    `  Designer: open ${url}/?tenant=${demo.tenant} and sign in with an email and password below (or paste the tenant token: ${demo.token})`,
    ...demo.users.map((user) => `  ${user.role.padEnd(13)} ${user.email}  password ${user.password}`),
    `  Users sign in with POST ${url}/api/v1/auth/sign-in {"tenant":"${demo.tenant}","email":…,"password":…}`,
    `  Kept in ${demo.file} (mode 600). TESSERA_DEMO=off skips the demo on an empty database.`,
  ].join('\n');
}
