// Packages ship business calendars (issue #21): `contents.calendars` globs name one calendar per
// file; install writes them into the tenant's metadata (a package formula may name them), upgrade
// merges them three ways (base = the installed version's files; conflicts in the plan, resolved
// with `resolutions`), a bad calendar is refused naming its
// file, and an install whose calendar collides with a different tenant calendar of the same name is
// refused (TSR607) leaving the database as it was.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { bundleSource, expectUnchanged, fixture, freshTenant, reviewed } from './engine-support.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies and package files are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();

const DAY = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
const WORKWEEK = { apiName: 'gad_workweek', timeZone: 'Asia/Shanghai', week: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY }, holidays: ['2026-10-01'] };

/** gadgets with a calendar file and a gizmo formula that names it; `version` and the calendar vary. */
function withCalendar(folder: string, calendar: Json, version?: string) {
  return bundleSource(fixture(folder), (files) => {
    const manifest = files['tessera.json'];
    manifest.contents = { ...manifest.contents, calendars: ['calendars/*.json'] };
    if (version) manifest.version = version;
    files['calendars/workweek.json'] = calendar;
    files['objects/gizmo.json'].fields.push(
      { apiName: 'received_at', type: 'datetime', labels: { en: 'Received', zh: '收到时间' } },
      {
        apiName: 'answer_by',
        type: 'formula',
        returns: 'datetime',
        labels: { en: 'Answer by', zh: '答复期限' },
        expression: { add_business_hours: [{ var: 'received_at' }, 4, 'gad_workweek'] },
      },
    );
  });
}

describe.each(kinds)('packages ship calendars (%s)', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('installs the calendars with the objects, and a package formula reads them', async () => {
    const { api } = await freshTenant(server, 'pkcal');
    const { plan } = await reviewed(api, 'install', { source: withCalendar('gadgets-v1', WORKWEEK) });
    expect(plan.steps.filter((step: Json) => step.kind === 'update_calendar').map((step: Json) => step.description)).toEqual(['add calendar gad_workweek']);
    expect((await api.get('/api/v1/metadata')).body.calendars).toEqual([WORKWEEK]);
    // Friday 16:00 in Shanghai + 4 working hours = Monday 11:00 (03:00Z).
    const created = await api.post('/api/v1/objects/gizmo/records', { name: 'Cog', received_at: '2026-09-25T08:00:00.000Z' });
    expect(created.status, created.text).toBe(201);
    expect(created.body.answer_by).toBe('2026-09-28T03:00:00.000Z');
  });

  it('upgrade writes the new version of a calendar over the live one', async () => {
    const { api } = await freshTenant(server, 'pkcal');
    await reviewed(api, 'install', { source: withCalendar('gadgets-v1', WORKWEEK) });
    const monday = { ...WORKWEEK, holidays: ['2026-09-28'] };
    const { plan } = await reviewed(api, 'upgrade', { source: withCalendar('gadgets-v2', monday, '2.0.0') });
    expect(plan.steps.filter((step: Json) => step.kind === 'update_calendar').map((step: Json) => step.description)).toEqual(['change calendar gad_workweek']);
    expect((await api.get('/api/v1/metadata')).body.calendars).toEqual([monday]);
    const created = await api.post('/api/v1/objects/gizmo/records', { name: 'Cog', received_at: '2026-09-25T08:00:00.000Z' });
    expect(created.body.answer_by, created.text).toBe('2026-09-29T03:00:00.000Z');
  });

  it('upgrade merges three ways: the tenant’s Friday and company holiday stay, the package’s Monday, label and new year arrive', async () => {
    const { api } = await freshTenant(server, 'pkcal');
    const installed = { ...WORKWEEK, labels: { en: 'Gadget week', zh: '小工具工作周' } };
    await reviewed(api, 'install', { source: withCalendar('gadgets-v1', installed) });
    const SHORT: [string, string][] = [['09:00', '12:00']];
    const LONG: [string, string][] = [['08:00', '20:00']];
    const mine = {
      ...installed,
      labels: { ...installed.labels, zh: '我们的工作周' },
      week: { ...installed.week, fri: SHORT },
      holidays: ['2026-10-01', '2026-12-25'],
    };
    expect((await api.apply({ objects: [], calendars: [mine] })).status).toBe(200);
    const next = {
      ...installed,
      labels: { ...installed.labels, en: 'Gadget workweek' },
      week: { ...installed.week, mon: LONG },
      holidays: ['2026-10-01', '2027-01-01'],
    };
    const { plan } = await reviewed(api, 'upgrade', { source: withCalendar('gadgets-v2', next, '2.0.0') });
    expect(plan.conflicts).toEqual([]);
    const [merged] = (await api.get('/api/v1/metadata')).body.calendars;
    expect(merged).toEqual({
      ...installed,
      labels: { en: 'Gadget workweek', zh: '我们的工作周' },
      week: { ...installed.week, mon: LONG, fri: SHORT },
      holidays: ['2026-10-01', '2026-12-25', '2027-01-01'],
    });
  });

  it('a property both changed differently is a conflict in the plan; nothing changes until resolved, then each resolution takes its side', async () => {
    const { api, schema } = await freshTenant(server, 'pkcal');
    await reviewed(api, 'install', { source: withCalendar('gadgets-v1', WORKWEEK) });
    const mine = { ...WORKWEEK, timeZone: 'Asia/Hong_Kong', week: { ...WORKWEEK.week, fri: [['09:00', '15:00']] } };
    expect((await api.apply({ objects: [], calendars: [mine] })).status).toBe(200);
    const next = { ...WORKWEEK, timeZone: 'Asia/Taipei', week: { ...WORKWEEK.week, fri: [['09:00', '16:00']] } };
    const source = withCalendar('gadgets-v2', next, '2.0.0');
    const planned = await api.post('/api/v1/packages/plan', { source });
    expect(planned.status, planned.text).toBe(409);
    expect(planned.body.code).toBe('TSR605');
    expect(planned.body.conflicts).toEqual([
      {
        path: '/$calendars/gad_workweek/timeZone',
        object: '$calendars',
        field: 'gad_workweek',
        property: 'timeZone',
        package: 'Asia/Taipei',
        tenant: 'Asia/Hong_Kong',
      },
      {
        path: '/$calendars/gad_workweek/week/fri',
        object: '$calendars',
        field: 'gad_workweek',
        property: 'week/fri',
        package: [['09:00', '16:00']],
        tenant: [['09:00', '15:00']],
      },
    ]);
    await expectUnchanged(server, schema, async () => {
      const refused = await api.post('/api/v1/packages/upgrade', { source });
      expect(refused.status).toBe(409);
      expect(refused.body.errors.map((error: Json) => [error.path, error.code])).toEqual([
        ['/$calendars/gad_workweek/timeZone', 'TSR605'],
        ['/$calendars/gad_workweek/week/fri', 'TSR605'],
      ]);
    });
    const resolutions = [
      { path: '/$calendars/gad_workweek/timeZone', take: 'package' },
      { path: '/$calendars/gad_workweek/week/fri', take: 'tenant' },
    ];
    const { plan } = await reviewed(api, 'upgrade', { source, resolutions });
    expect(plan.conflicts).toEqual([]);
    expect((await api.get('/api/v1/metadata')).body.calendars).toEqual([{ ...mine, timeZone: 'Asia/Taipei' }]);
  });

  it('refuses a package whose calendar is invalid, naming its file; nothing changes', async () => {
    const { api, schema } = await freshTenant(server, 'pkcal');
    await expectUnchanged(server, schema, async () => {
      const refused = await api.post('/api/v1/packages/install', { source: withCalendar('gadgets-v1', { ...WORKWEEK, timeZone: 'Mars/Olympus' }) });
      expect(refused.status, refused.text).toBe(422);
      expect(refused.body.errors.map((error: Json) => error.path)).toEqual(['/files/calendars/workweek.json/timeZone']);
    });
  });

  it('refuses to install over a different tenant calendar of the same name (TSR607); nothing changes', async () => {
    const { api, schema } = await freshTenant(server, 'pkcal');
    const mine = { ...WORKWEEK, holidays: [] };
    const applied = await api.apply({ objects: [], calendars: [mine] });
    expect(applied.status, applied.text).toBe(200);
    await expectUnchanged(server, schema, async () => {
      const refused = await api.post('/api/v1/packages/install', { source: withCalendar('gadgets-v1', WORKWEEK) });
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/files/calendars/workweek.json/apiName', code: 'TSR607' })]);
    });
  });
});
