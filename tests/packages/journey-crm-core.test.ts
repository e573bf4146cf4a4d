// crm-core installed on a fresh tenant, then used as a sales team would: sample data and its
// roll-ups, 查重 on account names and contact emails/phones, a lead claimed from the 公海 and
// returned, an opportunity walked through 线索 → 商机 → 报价 with refused moves, a 45% discount
// approved by the sales manager (或签) and both directors (会签) before 赢单, a loss with its
// reason, cases with SLA formulas under a fixed clock, record visibility down the role hierarchy,
// and the `npm pack` tarball installing the same model. PostgreSQL and PGlite.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { readPackageFolder } from './package-folder.ts';
import type { RunningSecurityServer } from '../security/security-server.ts';
import { addBusinessHours, type CalendarDef, calendarSet } from '@tessera/metadata';
import {
  addDays,
  type JourneyTenant,
  NOW,
  packageUser,
  packTarball,
  shippedPackage,
  startJourneyServer,
  TODAY,
  tenantWithPackages,
} from './journey-support.ts';

const kinds = await testDriverKinds();
const crm = shippedPackage('crm-core');
const crmCalendars = crm.files.filter((file) => file.path.startsWith('calendars/')).map((file) => file.json as CalendarDef);
const sample = (object: string) => crm.sampleData.filter((set) => set.object === object).flatMap((set) => set.records);

describe.each(kinds)('crm-core journey on %s', (kind) => {
  let server: RunningSecurityServer;
  let tenant: JourneyTenant;
  const users: Record<string, { id: string; token: string }> = {};
  const as = (user: string) => ({ token: users[user]?.token as string });

  beforeAll(async () => {
    server = await startJourneyServer(kind);
    tenant = await tenantWithPackages(server, 'crm', ['crm-core']);
    users.director1 = await packageUser(tenant, 'director1@example.com', 'sales_director', ['sales_manager']);
    users.director2 = await packageUser(tenant, 'director2@example.com', 'sales_director', ['sales_manager']);
    users.manager = await packageUser(tenant, 'manager@example.com', 'sales_manager', ['sales_manager']);
    users.rep = await packageUser(tenant, 'rep@example.com', 'sales_rep', ['sales_rep']);
    users.rep2 = await packageUser(tenant, 'rep2@example.com', 'sales_rep', ['sales_rep']);
    users.agent = await packageUser(tenant, 'agent@example.com', 'service_agent', ['service_agent']);
  });
  afterAll(async () => server?.close());

  const get = (path: string, user?: string) => server.request('GET', path, user ? as(user) : { token: tenant.token });
  const post = (path: string, body: unknown, user?: string, headers?: Record<string, string>) =>
    server.request('POST', path, { ...(user ? as(user) : { token: tenant.token }), body, headers });
  const patch = (path: string, body: unknown, user?: string) => server.request('PATCH', path, { ...(user ? as(user) : { token: tenant.token }), body });
  const record = async (object: string, id: string) => (await get(`/api/v1/objects/${object}/records/${id}`)).body;
  const ref = (name: string) => tenant.installed['crm-core']?.records.get(name)?.id as string;

  it('installs every sample record and the roll-ups agree with the sample data', async () => {
    for (const object of ['account', 'contact', 'lead', 'opportunity', 'case']) {
      const listed = await get(`/api/v1/objects/${object}/records?limit=200`);
      expect(listed.status).toBe(200);
      expect(listed.body.data.length, object).toBe(sample(object).length);
    }
    const opportunities = sample('opportunity');
    for (const account of sample('account')) {
      const mine = opportunities.filter((opportunity) => (opportunity.account as { $ref: string }).$ref === account.$ref);
      const stored = await record('account', ref(String(account.$ref)));
      expect(stored.open_opportunities, String(account.name)).toBe(mine.filter((o) => !['won', 'lost'].includes(String(o.stage))).length);
      expect(stored.won_amount, String(account.name)).toBe(mine.filter((o) => o.stage === 'won').reduce((sum, o) => sum + Number(o.amount), 0));
    }
    const child = await get(`/api/v1/objects/account/records/${ref('huaxin_cloud')}?expand=parent`);
    expect(child.body.parent.name).toBe('华信集团');
    const ownParent = await patch(`/api/v1/objects/account/records/${ref('huaxin_group')}`, { parent: ref('huaxin_group') });
    expect(ownParent.status).toBe(422);
    expect(ownParent.body.errors).toEqual([expect.objectContaining({ path: '/parent', code: 'TSR500' })]);
  });

  it('refuses duplicate accounts and contacts after normalisation (查重), and a confirmed phone warning saves', async () => {
    const accounts = (await get('/api/v1/objects/account/records?limit=200')).body.data.length;
    const sameName = await post('/api/v1/objects/account/records', { name: ' 华信 集团。' }, 'rep');
    expect(sameName.status).toBe(409);
    expect(sameName.body.code).toBe('TSR510');
    expect((await get('/api/v1/objects/account/records?limit=200')).body.data.length).toBe(accounts);
    const sameEmail = await post('/api/v1/objects/contact/records', { name: '王芳 2', email: 'WANG.Fang@HUAXIN.example.com' }, 'rep');
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body.code).toBe('TSR510');
    const samePhone = { name: '王芳助理', mobile: '13800138000', account: ref('huaxin_group') };
    const warned = await post('/api/v1/objects/contact/records', samePhone, 'rep');
    expect(warned.status).toBe(409);
    expect(warned.body.code).toBe('TSR511');
    const confirmed = await post('/api/v1/objects/contact/records', samePhone, 'rep', { 'X-Confirm-Duplicates': 'true' });
    expect(confirmed.status, confirmed.text).toBe(201);
    const unreachable = await post('/api/v1/objects/contact/records', { name: 'Nobody' }, 'rep');
    expect(unreachable.status).toBe(422);
    expect(unreachable.body.code).toBe('TSR500');
  });

  it('a sales rep claims a lead from the 公海 for themselves only, and returns it with a reason', async () => {
    const lead = ref('lead_expo');
    const path = `/api/v1/objects/lead/records/${lead}`;
    const forSomeoneElse = await patch(path, { pool_status: 'claimed', claimed_by: users.rep2?.id, claimed_at: '2026-12-01T09:00:00.000Z' }, 'rep');
    expect(forSomeoneElse.status).toBe(422);
    expect(forSomeoneElse.body.errors).toEqual([expect.objectContaining({ path: '/claimed_by', code: 'TSR500' })]);
    const unnamed = await patch(path, { pool_status: 'claimed' }, 'rep');
    expect(unnamed.status).toBe(422);
    expect((await record('lead', lead)).pool_status).toBe('pool');
    const claimed = await patch(path, { pool_status: 'claimed', claimed_by: users.rep?.id, claimed_at: '2026-12-01T09:00:00.000Z', status: 'working' }, 'rep');
    expect(claimed.status, claimed.text).toBe(200);
    expect(claimed.body).toMatchObject({ pool_status: 'claimed', claimed_by: users.rep?.id });
    const silentReturn = await patch(path, { pool_status: 'pool' }, 'rep');
    expect(silentReturn.status).toBe(422);
    expect(silentReturn.body.errors).toEqual([expect.objectContaining({ path: '/returned_reason', code: 'TSR500' })]);
    const returned = await patch(path, { pool_status: 'pool', returned_reason: 'no_need', returned_at: '2026-12-01T10:00:00.000Z' }, 'rep');
    expect(returned.status, returned.text).toBe(200);
    expect(returned.body).toMatchObject({ pool_status: 'pool', returned_reason: 'no_need' });
  });

  let dealId = '';
  it('moves an opportunity 线索 → 商机 → 报价, refusing moves whose requirements are not met', async () => {
    const created = await post('/api/v1/objects/opportunity/records', { name: '数据中心扩容', account: ref('jinling_mfg') }, 'rep');
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ stage: 'lead', owner_id: users.rep?.id, discount: 0, discount_status: 'not_needed' });
    dealId = created.body.id;
    const stage = `/api/v1/objects/opportunity/records/${dealId}/stage`;
    const noNextStep = await post(stage, { stage: 'qualified' }, 'rep');
    expect(noNextStep.status).toBe(422);
    expect(noNextStep.body).toMatchObject({ code: 'TSR531', errors: [{ path: '/next_step', code: 'TSR531' }] });
    expect((await record('opportunity', dealId)).stage).toBe('lead');
    expect((await patch(`/api/v1/objects/opportunity/records/${dealId}`, { next_step: '方案交流' }, 'rep')).status).toBe(200);
    expect((await post(stage, { stage: 'qualified' }, 'rep')).status).toBe(200);
    const noAmount = await post(stage, { stage: 'quote' }, 'rep');
    expect(noAmount.status).toBe(422);
    expect(noAmount.body.code).toBe('TSR530');
    expect(noAmount.body.errors.map((error: { path: string; code: string }) => `${error.code} ${error.path}`).sort()).toEqual(
      expect.arrayContaining(['TSR531 /amount', 'TSR531 /close_date']),
    );
    const priced = await patch(`/api/v1/objects/opportunity/records/${dealId}`, { amount: 800000, close_date: '2027-01-31', discount: 45 }, 'rep');
    expect(priced.status, priced.text).toBe(200);
    expect(priced.body.net_amount).toBe(440000);
    expect((await post(stage, { stage: 'quote' }, 'rep')).status).toBe(200);
    const history = await get(`/api/v1/objects/opportunity/records/${dealId}/stage-history`, 'rep');
    expect(history.body.data.map((move: { to: string }) => move.to)).toEqual(['quote', 'qualified', 'lead']);
  });

  it('refuses 赢单 with a 45% discount until the manager (或签) and both directors (会签) approve it', async () => {
    const stage = `/api/v1/objects/opportunity/records/${dealId}/stage`;
    const unapproved = await post(stage, { stage: 'won' }, 'rep');
    expect(unapproved.status).toBe(422);
    expect(unapproved.body.code).toBe('TSR532');
    const lostWithoutReason = await post(stage, { stage: 'lost' }, 'rep');
    expect(lostWithoutReason.status).toBe(422);
    expect(lostWithoutReason.body).toMatchObject({ code: 'TSR534', errors: [{ path: '/loss_reason', code: 'TSR534' }] });
    expect((await record('opportunity', dealId)).stage).toBe('quote');

    const submitted = await post('/api/v1/approvals/requests', { object: 'opportunity', recordId: dealId, flow: 'discount', comment: '战略客户，首单' }, 'rep');
    expect(submitted.status, submitted.text).toBe(201);
    const requestId = submitted.body.id;
    const bySubmitter = await post(`/api/v1/approvals/requests/${requestId}/approve`, {}, 'rep');
    expect(bySubmitter.status).toBe(403);
    expect(bySubmitter.body.code).toBe('TSR556');
    const byDirectorFirst = await post(`/api/v1/approvals/requests/${requestId}/approve`, {}, 'director1');
    expect(byDirectorFirst.body.code).toBe('TSR556');
    expect((await post(`/api/v1/approvals/requests/${requestId}/approve`, { comment: '同意' }, 'manager')).status).toBe(200);
    expect((await post(`/api/v1/approvals/requests/${requestId}/approve`, {}, 'director1')).status).toBe(200);
    const halfway = await get(`/api/v1/approvals/requests/${requestId}`, 'rep');
    expect(halfway.body.status).toBe('pending');
    expect((await record('opportunity', dealId)).discount_status).toBe('not_needed');
    expect((await post(`/api/v1/approvals/requests/${requestId}/approve`, {}, 'director2')).status).toBe(200);
    const done = await get(`/api/v1/approvals/requests/${requestId}`, 'rep');
    expect(done.body.status).toBe('approved');
    expect((await record('opportunity', dealId)).discount_status).toBe('approved');

    const before = (await record('account', ref('jinling_mfg'))).won_amount;
    const won = await post(stage, { stage: 'won' }, 'rep');
    expect(won.status, won.text).toBe(200);
    expect((await record('account', ref('jinling_mfg'))).won_amount).toBe(before + 800000);
  });

  it('a renewal starts at 报价 and offers only its pipeline’s stages (record type)', async () => {
    const renewal = await post(
      '/api/v1/objects/opportunity/records',
      { name: '维保续约 2027', record_type: 'renewal', account: ref('xihu_hospital'), amount: 50000 },
      'rep',
    );
    expect(renewal.status, renewal.text).toBe(201);
    expect(renewal.body).toMatchObject({ record_type: 'renewal', stage: 'quote' });
    const atLead = await post('/api/v1/objects/opportunity/records', { name: '维保续约 2028', record_type: 'renewal', stage: 'lead', amount: 1 }, 'rep');
    expect(atLead.status).toBe(400);
    expect(atLead.body.errors).toEqual([expect.objectContaining({ path: '/stage', code: 'TSR405' })]);
    const churned = await post(`/api/v1/objects/opportunity/records/${renewal.body.id}/stage`, { stage: 'lost', reason: 'no_budget' }, 'rep');
    expect(churned.status, churned.text).toBe(200);
  });

  it('a lost opportunity carries its loss reason; a reason on an open one is refused', async () => {
    const created = await post('/api/v1/objects/opportunity/records', { name: '备用电源', account: ref('northwind'), loss_reason: 'price' }, 'rep');
    expect(created.status).toBe(422);
    expect(created.body.errors).toEqual([expect.objectContaining({ path: '/loss_reason', code: 'TSR500' })]);
    const open = await post('/api/v1/objects/opportunity/records', { name: '备用电源', account: ref('northwind') }, 'rep');
    const lost = await post(`/api/v1/objects/opportunity/records/${open.body.id}/stage`, { stage: 'lost', reason: 'competitor' }, 'rep');
    expect(lost.status, lost.text).toBe(200);
    expect(await record('opportunity', open.body.id)).toMatchObject({ stage: 'lost', loss_reason: 'competitor' });
  });

  it('sales reps see their own opportunities, managers and directors their team’s', async () => {
    const names = async (user: string) =>
      ((await get('/api/v1/objects/opportunity/records?limit=200&sort=name', user)).body.data as { name: string }[]).map((row) => row.name);
    expect(await names('rep')).toEqual(['备用电源', '数据中心扩容', '维保续约 2027']);
    expect(await names('rep2')).toEqual([]);
    const all = await names('director1');
    expect(all).toHaveLength(sample('opportunity').length + 3);
    expect(await names('manager')).toEqual(all);
  });

  it('cases get their SLA due date and overdue flag from the priority (formulas, fixed clock)', async () => {
    const opened = addDays(TODAY, -3);
    const urgent = await post(
      '/api/v1/objects/case/records',
      { subject: '核心交换机宕机', account: ref('huaxin_cloud'), priority: 'urgent', opened_on: opened },
      'agent',
    );
    expect(urgent.status, urgent.text).toBe(201);
    expect(urgent.body).toMatchObject({ status: 'new', sla_days: 1, due_on: addDays(opened, 1), overdue: true });
    const low = await post('/api/v1/objects/case/records', { subject: '咨询发票', priority: 'low' }, 'agent');
    expect(low.body).toMatchObject({ opened_on: TODAY, sla_days: 5, due_on: addDays(TODAY, 5), overdue: false });
    const overdue = await get(
      `/api/v1/objects/case/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'overdue' }, true] }))}&limit=200`,
      'agent',
    );
    const expectedOverdue = sample('case').filter((c) => {
      const days = { urgent: 1, high: 2, medium: 3, low: 5 }[String(c.priority ?? 'medium')] as number;
      return !['resolved', 'closed'].includes(String(c.status)) && addDays(String(c.opened_on ?? TODAY), days) < TODAY;
    }).length;
    expect(overdue.body.data).toHaveLength(expectedOverdue + 1);
    const path = `/api/v1/objects/case/records/${urgent.body.id}`;
    const noResolution = await patch(path, { status: 'resolved' }, 'agent');
    expect(noResolution.status).toBe(422);
    expect(noResolution.body.errors).toEqual([expect.objectContaining({ path: '/resolution', code: 'TSR500' })]);
    const resolved = await patch(path, { status: 'resolved', resolution: '更换电源模块', resolved_on: TODAY }, 'agent');
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.body.overdue).toBe(false);
    const salesCannotCreate = await post('/api/v1/objects/case/records', { subject: 'x' }, 'rep');
    expect(salesCannotCreate.status).toBe(403);
  });

  it('cases get a resolution due time in working hours on the shipped china_workweek calendar, and a flag past it', async () => {
    const calendar = calendarSet(crmCalendars).china_workweek as NonNullable<ReturnType<typeof calendarSet>[string]>;
    expect(calendar).toBeDefined();
    const hoursOf = (priority: unknown) => ({ urgent: 4, high: 8, medium: 16, low: 40 })[String(priority ?? 'medium')] as number;
    const dueOf = (opened: string, priority: unknown) => new Date(addBusinessHours(calendar, Date.parse(opened), hoursOf(priority)) as number).toISOString();
    // Every sample case: the server's answer is the shared evaluator's on the package's calendar.
    const cases = (await get('/api/v1/objects/case/records?limit=200')).body.data as {
      subject: string;
      opened_on: string;
      priority: string;
      status: string;
      resolution_due: string;
      resolution_overdue: boolean;
    }[];
    expect(cases.length).toBeGreaterThanOrEqual(sample('case').length);
    for (const row of cases) {
      expect(row.resolution_due, row.subject).toBe(dueOf(row.opened_on, row.priority));
      expect(row.resolution_overdue, row.subject).toBe(!['resolved', 'closed'].includes(row.status) && Date.parse(row.resolution_due) < NOW);
    }
    // National Day: opened Wednesday 30 September, 16 working hours are that Wednesday and Thursday 8 October (18:00 Shanghai).
    const golden = await post('/api/v1/objects/case/records', { subject: '国庆前报修', priority: 'medium', opened_on: '2026-09-30' }, 'agent');
    expect(golden.status, golden.text).toBe(201);
    expect(golden.body).toMatchObject({ resolution_hours: 16, resolution_due: '2026-10-08T10:00:00.000Z', resolution_overdue: true });
    // A make-up Saturday (调休, 10 October) is a working day: a high case opened on it is due at 18:00 that day, not on Monday.
    const makeUp = await post('/api/v1/objects/case/records', { subject: '调休日', priority: 'high', opened_on: '2026-10-10' }, 'agent');
    expect(makeUp.body.resolution_due).toBe('2026-10-10T10:00:00.000Z');
    // The list filters on the flag as the rows report it.
    const past = await get(
      `/api/v1/objects/case/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'resolution_overdue' }, true] }))}&limit=200`,
    );
    const all = (await get('/api/v1/objects/case/records?limit=200')).body.data as { id: string; resolution_overdue: boolean }[];
    expect((past.body.data as { id: string }[]).map((row) => row.id).sort()).toEqual(
      all
        .filter((row) => row.resolution_overdue)
        .map((row) => row.id)
        .sort(),
    );
    const resolved = await patch(
      `/api/v1/objects/case/records/${golden.body.id}`,
      { status: 'resolved', resolution: '节后处理', resolved_on: '2026-10-09' },
      'agent',
    );
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.body.resolution_overdue).toBe(false);
  });

  it('installs the same model from the `npm pack` tarball through the package API', async () => {
    const packed = packTarball('crm-core');
    // The tarball ships exactly the files the manifest lists.
    const dir = mkdtempSync(join(tmpdir(), 'tessera-unpack-'));
    execFileSync('tar', ['-xzf', packed.path, '-C', dir]);
    expect(readPackageFolder(join(dir, 'package')).files.map((file) => file.path)).toEqual(crm.files.map((file) => file.path));
    const fromTarball = await tenantWithPackages(server, 'crm_packed', [packed]);
    const model = async (token: string) => (await server.request('GET', '/api/v1/metadata', { token })).body.objects;
    const fresh = await tenantWithPackages(server, 'crm_fresh', ['crm-core']);
    expect(await model(fromTarball.token)).toEqual(await model(fresh.token));
    const installedList = await server.request('GET', '/api/v1/packages', { token: fromTarball.token });
    expect(installedList.body.data).toEqual([expect.objectContaining({ namespace: 'crm', name: 'crm-core', version: crm.manifest.version })]);
    const count = async (token: string) => (await server.request('GET', '/api/v1/objects/opportunity/records?limit=200', { token })).body.data.length;
    expect(await count(fromTarball.token)).toBe(sample('opportunity').length);
  });
});
