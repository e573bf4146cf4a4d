// activities (a metadata-only package) installed after crm-core: a call logged against an account
// and an opportunity through the `related_to` polylookup, the writes it refuses (object not listed,
// unknown record, a record the writer cannot see: one answer, TSR411), `expand` with the target's
// name, filters on `related_to.object` / `related_to.id`, and the record's timeline merging the
// activity with a field change and a stage move, newest first (an activity at its `occurred_at`),
// cursor-paged, security applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import type { RunningSecurityServer } from '../security/security-server.ts';
import { type JourneyTenant, packageUser, startJourneyServer, tenantWithPackages } from './journey-support.ts';

// PostgreSQL only: the polylookup SQL is the same on PGlite, and this machine's budget is the limit.
const kinds = (await testDriverKinds()).filter((kind) => kind === 'postgres');

describe.each(kinds)('activities journey on %s', (kind) => {
  let server: RunningSecurityServer;
  let tenant: JourneyTenant;
  let rep: { id: string; token: string };
  let other: { id: string; token: string };

  beforeAll(async () => {
    server = await startJourneyServer(kind);
    tenant = await tenantWithPackages(server, 'activities', ['crm-core', 'activities']);
    rep = await packageUser(tenant, 'rep@example.com', undefined, ['activities_user', 'sales_rep']);
    other = await packageUser(tenant, 'other@example.com', undefined, ['activities_user', 'sales_rep']);
  }, 240_000);
  afterAll(async () => server?.close());

  const call = (method: string, path: string, body?: unknown, token = rep.token) => server.request(method, path, { token, body });
  const create = async (object: string, body: unknown, token = rep.token) => {
    const created = await call('POST', `/api/v1/objects/${object}/records`, body, token);
    expect(created.status, created.text).toBe(201);
    return created.body as Record<string, unknown> & { id: string };
  };

  it('logs a call related to an account, expands its name and filters by object and id', async () => {
    const account = await create('account', { name: '华为技术' });
    const activity = await create('activity', { kind: 'call', subject: '首次电话', related_to: { object: 'account', id: account.id } });
    expect(activity.related_to).toEqual({ object: 'account', id: account.id });
    const expanded = await call('GET', `/api/v1/objects/activity/records/${activity.id}?expand=related_to`);
    expect(expanded.body.related_to).toEqual({ object: 'account', id: account.id, name: '华为技术' });
    const byId = JSON.stringify({ '==': [{ var: 'related_to.id' }, account.id] });
    expect((await call('GET', `/api/v1/objects/activity/records?filter=${encodeURIComponent(byId)}`)).body.data.map((row: { id: string }) => row.id)).toEqual([
      activity.id,
    ]);
    const byObject = JSON.stringify({ in: [{ var: 'related_to.object' }, ['contact', 'opportunity']] });
    const none = await call('GET', `/api/v1/objects/activity/records?filter=${encodeURIComponent(byObject)}`);
    expect(none.body.data.map((row: { id: string }) => row.id)).not.toContain(activity.id);
    const empty = JSON.stringify({ '==': [{ var: 'related_to.id' }, null] });
    const note = await create('activity', { kind: 'note', subject: '无关联备注' });
    expect(
      (await call('GET', `/api/v1/objects/activity/records?filter=${encodeURIComponent(empty)}`)).body.data.map((row: { id: string }) => row.id),
    ).toContain(note.id);
    const whole = await call('GET', `/api/v1/objects/activity/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'related_to' }, null] }))}`);
    expect(whole.status).toBe(400);
    expect(whole.text).toContain('related_to.object');
  });

  it('refuses an object not listed, an unknown record and a record the writer cannot see, alike', async () => {
    const notListed = await call('POST', '/api/v1/objects/activity/records', {
      kind: 'call',
      subject: 'x',
      related_to: { object: 'lead', id: '0190a000-0000-7000-8000-000000000002' },
    });
    expect(notListed.status).toBe(400);
    expect(JSON.stringify(notListed.body.errors)).toContain('/related_to');
    const unknown = await call('POST', '/api/v1/objects/activity/records', {
      kind: 'call',
      subject: 'x',
      related_to: { object: 'account', id: '0190a000-0000-7000-8000-000000000001' },
    });
    const hiddenAccount = await create('account', { name: '别人的客户' }, other.token);
    const hidden = await call('POST', '/api/v1/objects/activity/records', {
      kind: 'call',
      subject: 'x',
      related_to: { object: 'account', id: hiddenAccount.id },
    });
    const visibleToOther = await call('GET', `/api/v1/objects/account/records/${hiddenAccount.id}`);
    for (const refused of [unknown, ...(visibleToOther.status === 404 ? [hidden] : [])]) {
      expect(refused.status, refused.text).toBe(400);
      expect(refused.body.code).toBe('TSR411');
      expect(refused.body.errors).toEqual([{ path: '/related_to', code: 'TSR411', message: 'referenced record does not exist' }]);
    }
  });

  it("merges an opportunity's activities, field changes and stage moves newest first, paged by cursor", async () => {
    const tracked = await tenant.admin.call('PUT', '/api/v1/audit/tracked-fields/opportunity', { fields: ['amount'] });
    expect(tracked).toMatchObject({ fields: ['amount'] });
    const account = await create('account', { name: '比亚迪' });
    const deal = await create('opportunity', { name: '车队续约', account: account.id, stage: 'lead', record_type: 'new_business' });
    const patched = await call('PATCH', `/api/v1/objects/opportunity/records/${deal.id}`, { amount: 120000, next_step: '报价' });
    expect(patched.status, patched.text).toBe(200);
    const moved = await call('POST', `/api/v1/objects/opportunity/records/${deal.id}/stage`, { stage: 'qualified' });
    expect(moved.status, moved.text).toBe(200);
    const logged = await create('activity', { kind: 'call', subject: '确认预算', related_to: { object: 'opportunity', id: deal.id } });
    // A call logged now about a day years ago sits at that day (the activity's timelineAt field), after everything else.
    const lateLogged = await create('activity', {
      kind: 'meeting',
      subject: '补录：年初拜访',
      occurred_at: '2020-01-06T02:30:00.000Z',
      related_to: { object: 'opportunity', id: deal.id },
    });
    const page = await call('GET', `/api/v1/objects/opportunity/records/${deal.id}/timeline`);
    expect(page.status, page.text).toBe(200);
    expect(page.body.data.at(-1)).toMatchObject({ kind: 'activity', id: lateLogged.id, at: '2020-01-06T02:30:00.000Z' });
    const kinds = page.body.data.map((entry: { kind: string }) => entry.kind);
    // The journey server's clock is fixed, the history's is the database's: order is checked below, not who is first.
    expect(page.body.data.find((entry: { kind: string }) => entry.kind === 'activity')).toMatchObject({
      object: 'activity',
      id: logged.id,
      record: { subject: '确认预算' },
    });
    expect(kinds).toContain('stage');
    expect(page.body.data.find((entry: { kind: string }) => entry.kind === 'stage')).toMatchObject({ fromStage: 'lead', toStage: 'qualified' });
    expect(page.body.data.find((entry: { kind: string }) => entry.kind === 'field')).toMatchObject({ field: 'amount', newValue: 120000 });
    const ats = page.body.data.map((entry: { at: string }) => entry.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    // One entry per page: the pages together are the whole timeline, each entry once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=1&cursor=${cursor}` : '?limit=1';
      const next = await call('GET', `/api/v1/objects/opportunity/records/${deal.id}/timeline${query}`);
      expect(next.status, next.text).toBe(200);
      seen.push(...next.body.data.map((entry: { id: string }) => entry.id));
      cursor = next.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(page.body.data.map((entry: { id: string }) => entry.id));
    // The other user cannot read the rep's private activity: it is not on their timeline.
    const theirs = await call('GET', `/api/v1/objects/opportunity/records/${deal.id}/timeline`, undefined, other.token);
    if (theirs.status === 200) expect(theirs.body.data.map((entry: { id: string }) => entry.id)).not.toContain(logged.id);
    else expect(theirs.status).toBe(404);
    const bad = await call('GET', `/api/v1/objects/opportunity/records/${deal.id}/timeline?cursor=nope`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('TSR105');
  });
});
