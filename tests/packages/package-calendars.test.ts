// Packages ship business calendars (issue #21): `contents.calendars` globs name one calendar per
// file; install writes them into the tenant's metadata (a package formula may name them), upgrade
// writes the new version's over the live ones by api name, a bad calendar is refused naming its
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
