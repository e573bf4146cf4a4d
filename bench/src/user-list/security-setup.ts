// The security the list-user case runs under, created through the runtime's HTTP API with the
// tenant (integration admin) token: role `vp` over `team_0`…`team_9`, permission set `sales`,
// 50 users round-robin over the teams, opportunity's default left `private` (checked), two sharing rules; then one
// `team_0` user signs in and creates a personal token (`POST /auth/tokens`).
import { randomBytes } from 'node:crypto';

export const TEAMS = 10;
export const USERS = 50;
/** Rule 1: big deals go to team_0 (read). */
export const BIG_DEAL_AMOUNT = 990_000;
/** Rule 2: won deals go to vp and every role below it (read). The bench's won stage is `closed_won`. */
export const WON_STAGE = 'closed_won';

export interface SecuritySetup {
  userIds: string[];
  /** The `team_0` user whose token the list-user load sends. */
  listUser: { id: string; email: string; token: string };
  sharingRuleIds: string[];
}

export async function setUpSalesSecurity(baseUrl: string, tenantToken: string, tenant: string): Promise<SecuritySetup> {
  const call = adminCaller(baseUrl, tenantToken);
  const vp = await call<{ id: string }>('POST', '/security/roles', { name: 'vp' });
  const teams: string[] = [];
  for (let i = 0; i < TEAMS; i++) teams.push((await call<{ id: string }>('POST', '/security/roles', { name: `team_${i}`, parentId: vp.id })).id);
  const sales = await call<{ id: string }>('POST', '/security/permission-sets', {
    name: 'sales',
    objects: { opportunity: { read: true, edit: true, create: true }, account: { read: true } },
  });
  // Only the user who signs in needs a password (scrypt is slow on purpose); the rest are invited.
  const password = `bench-${randomBytes(12).toString('hex')}`;
  const userIds: string[] = [];
  for (let i = 0; i < USERS; i++) {
    const body = {
      email: `rep${i}@bench.example.com`,
      name: `Rep ${i}`,
      roleId: teams[i % TEAMS],
      permissionSetIds: [sales.id],
      ...(i === 0 ? { password } : {}),
    };
    userIds.push((await call<{ id: string }>('POST', '/security/users', body)).id);
  }
  // The org-wide default is left as it is; the case needs it to be `private`.
  const defaults = await call<{ data: { object: string; defaultAccess: string }[] }>('GET', '/security/object-access');
  const opportunity = defaults.data.find((entry) => entry.object === 'opportunity')?.defaultAccess;
  if (opportunity !== 'private') throw new Error(`opportunity's org-wide default is ${opportunity}, not private`);
  const rules = [
    { object: 'opportunity', name: 'big_deals_to_team_0', criteria: { '>': [{ var: 'amount' }, BIG_DEAL_AMOUNT] }, roleId: teams[0], access: 'read' },
    { object: 'opportunity', name: 'won_to_vp', criteria: { '==': [{ var: 'stage' }, WON_STAGE] }, roleId: vp.id, includeSubordinates: true, access: 'read' },
  ];
  const sharingRuleIds: string[] = [];
  for (const rule of rules) sharingRuleIds.push((await call<{ id: string }>('POST', '/security/sharing-rules', rule)).id);

  const email = 'rep0@bench.example.com';
  const signIn = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tenant, email, password }),
  });
  const signInText = await signIn.text();
  if (signIn.status !== 200) throw new Error(`POST /auth/sign-in answered ${signIn.status}: ${signInText}`);
  const cookie = /tessera_session=[^;]+/.exec(signIn.headers.get('set-cookie') ?? '')?.[0];
  if (!cookie) throw new Error('POST /auth/sign-in set no tessera_session cookie');
  const created = await fetch(`${baseUrl}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'bench list-user' }),
  });
  const createdText = await created.text();
  if (created.status !== 201) throw new Error(`POST /auth/tokens answered ${created.status}: ${createdText}`);
  const token = (JSON.parse(createdText) as { token: string }).token;
  return { userIds, listUser: { id: userIds[0] as string, email, token }, sharingRuleIds };
}

function adminCaller(baseUrl: string, token: string) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== 200 && response.status !== 201) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return JSON.parse(text) as T;
  };
}
