// Setup's calendar preview over HTTP (POST /api/v1/metadata/calendars/preview): a draft calendar,
// a start and a number of hours → the instant a formula `add_business_hours` stores on that calendar
// once saved. Generated over starts around holidays, a make-up day, weekends, lunch and DST, and
// hour counts; each answer is compared with a formula on the saved calendar and with json-logic-js.
// Refusals: a bad draft (TSR237 at /calendar/…), a bad start or hour count (TSR240). Nothing is
// saved: the revision stays. Both drivers.
import { addBusinessHours, type CalendarDef, calendarSet } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

const PREVIEW = '/api/v1/metadata/calendars/preview';
const DAY: [string, string][] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
const CALENDARS: CalendarDef[] = [
  {
    apiName: 'china_workweek',
    timeZone: 'Asia/Shanghai',
    week: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY },
    holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
    workdays: ['2026-10-10'],
    makeUpHours: [['10:00', '16:00']],
  },
  { apiName: 'ny_office', timeZone: 'America/New_York', week: { mon: [['08:30', '17:00']], sat: [['10:00', '14:00']] } },
];
const STARTS = ['2026-09-30T09:00:00.000Z', '2026-09-30', '2026-10-09T09:30:00.000Z', '2026-10-31T13:45:00.000Z', '2026-11-01T05:30:00.000Z'];
const HOURS = [0, 0.5, 3, 16, 40.25];

describe.each(['postgres', 'pglite'] as const)('calendar preview (%s)', (kind) => {
  let server: TestServer;
  let api: TenantClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant(`calpreview_${kind}`));
    const fields = [
      { type: 'text', apiName: 'name', labels: { en: 'Name' } },
      { type: 'datetime', apiName: 'opened_at', labels: { en: 'Opened' } },
      { type: 'number', apiName: 'hours', scale: 2, labels: { en: 'Hours' } },
      ...CALENDARS.map((calendar) => ({
        type: 'formula',
        apiName: `due_${calendar.apiName}`,
        returns: 'datetime',
        labels: { en: 'Due' },
        expression: { add_business_hours: [{ var: 'opened_at' }, { var: 'hours' }, calendar.apiName] },
      })),
    ];
    const applied = await api.apply({ objects: [{ apiName: 'ticket', labels: { en: 'Ticket' }, fields }], calendars: CALENDARS });
    expect(applied.status, applied.text).toBe(200);
  }, 120_000);
  afterAll(async () => server?.close());

  it('answers what a formula on the saved calendar stores, and what json-logic-js computes', async () => {
    const set = calendarSet(CALENDARS);
    let checked = 0;
    for (const calendar of CALENDARS) {
      for (const from of STARTS) {
        for (const hours of HOURS) {
          const preview = await api.post(PREVIEW, { calendar, from, hours });
          expect(preview.status, preview.text).toBe(200);
          const instant = new Date(Date.parse(from)).toISOString();
          const stored = await api.post('/api/v1/objects/ticket/records', { name: `${from} ${hours}`, opened_at: instant, hours });
          expect(stored.status, stored.text).toBe(201);
          const js = addBusinessHours(set[calendar.apiName] as NonNullable<(typeof set)[string]>, Date.parse(from), hours);
          const label = `${calendar.apiName} ${from} + ${hours}`;
          expect(preview.body.due, label).toBe(stored.body[`due_${calendar.apiName}`]);
          expect(preview.body.due, label).toBe(js === null ? null : new Date(js).toISOString());
          checked += 1;
        }
      }
    }
    expect(checked).toBe(CALENDARS.length * STARTS.length * HOURS.length);
  });

  it('previews a draft that differs from the saved calendar (a new holiday moves the answer) and saves nothing', async () => {
    const before = (await api.get('/api/v1/metadata')).body.revision;
    const base = CALENDARS[0] as CalendarDef;
    const from = '2026-09-30T09:00:00.000Z';
    const saved = await api.post(PREVIEW, { calendar: base, from, hours: 16 });
    const draft = await api.post(PREVIEW, { calendar: { ...base, holidays: [...(base.holidays ?? []), '2026-10-08'] }, from, hours: 16 });
    // Wednesday 17:00 Shanghai: 1 hour that day, the holidays, 8 on Thursday 8 October, 7 on Friday.
    expect(saved.body.due).toBe('2026-10-09T09:00:00.000Z');
    // With 8 October off too: 1 + 8 on Friday + 6 on the make-up Saturday (10:00–16:00) + 1 on Monday 12 October.
    expect(draft.body.due).toBe('2026-10-12T02:00:00.000Z');
    expect((await api.get('/api/v1/metadata')).body.revision).toBe(before);
  });

  it('refuses a bad draft at each offending input, and a bad start or hour count', async () => {
    const base = CALENDARS[0] as CalendarDef;
    const bad = await api.post(PREVIEW, {
      calendar: { ...base, timeZone: 'Mars/Olympus', week: { mon: [['09:00', '08:00']] }, holidays: ['2026-02-30'] },
      from: '2026-09-30',
      hours: 1,
    });
    expectProblem(bad, 422, 'TSR237', [
      { path: '/calendar/timeZone', code: 'TSR237' },
      { path: '/calendar/week/mon/0/1', code: 'TSR237' },
      { path: '/calendar/holidays/0', code: 'TSR237' },
    ]);
    const input = await api.post(PREVIEW, { calendar: base, from: 'yesterday', hours: -1 });
    expectProblem(input, 400, 'TSR240', [
      { path: '/from', code: 'TSR240' },
      { path: '/hours', code: 'TSR240' },
    ]);
    const missing = await api.post(PREVIEW, {});
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((error: { path: string }) => error.path)).toEqual(expect.arrayContaining(['/from', '/hours']));
  });
});
