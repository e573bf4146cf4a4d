// Issue #21, business calendars over HTTP: a metadata document carries `calendars`, the revision
// stores them (absent = unchanged), plan shows each calendar change as one metadata-only step, and
// formulas and list filters using add_business_hours / business_hours_between read the same through
// get, list, filter and sort as json-logic-js with the tenant's calendars. Refusals: a bad calendar
// (TSR237), a rule naming an unknown calendar (TSR502), removing a calendar still used (TSR238);
// each leaves the revision as it was. Both drivers.
import { applyRule, type CalendarDef, calendarSet, formulaResult, isTruthy, type JsonLogicRule } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const RECORDS = '/api/v1/objects/ticket/records';
const DAY: [string, string][] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
const CHINA: CalendarDef = {
  apiName: 'china_workweek',
  labels: { en: 'China workweek', zh: '中国工作日' },
  timeZone: 'Asia/Shanghai',
  week: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY },
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-27', '2026-10-10'],
};
// A zone with daylight saving: the 2026-11-01 fall-back lies inside the records' range.
const NEW_YORK: CalendarDef = { apiName: 'ny_office', timeZone: 'America/New_York', week: { mon: [['08:30', '17:00']], sat: [['10:00', '14:00']] } };

const due = (calendar: string, hours: number): JsonLogicRule => ({ add_business_hours: [{ var: 'opened_at' }, hours, calendar] });
const worked = (calendar: string): JsonLogicRule => ({ business_hours_between: [{ var: 'opened_at' }, { var: 'closed_at' }, calendar] });
const FORMULAS = {
  resolution_due: { returns: 'datetime', expression: due('china_workweek', 16) },
  ny_due: { returns: 'datetime', expression: due('ny_office', 7.25) },
  worked_hours: { returns: 'number', expression: worked('china_workweek') },
} as const;
const ticket = (extra: Json[] = [], formulas: Partial<typeof FORMULAS> = FORMULAS) => ({
  apiName: 'ticket',
  labels: { en: 'Ticket', zh: '工单' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' } },
    { type: 'datetime', apiName: 'opened_at', labels: { en: 'Opened', zh: '创建时间' } },
    { type: 'datetime', apiName: 'closed_at', labels: { en: 'Closed', zh: '关闭时间' } },
    ...Object.entries(formulas).map(([apiName, formula]) => ({
      type: 'formula',
      apiName,
      labels: { en: apiName, zh: apiName },
      returns: formula.returns,
      expression: formula.expression,
      ...(formula.returns === 'number' ? { scale: 3 } : {}),
    })),
    ...extra,
  ],
});

// Instants around the National Day holiday, a make-up Saturday, weekends, lunch breaks and DST.
const OPENED = [
  '2026-09-25T00:30:00.000Z',
  '2026-09-26T02:00:00.000Z',
  '2026-09-27T03:59:59.999Z',
  '2026-09-30T09:15:00.000Z',
  '2026-10-01T01:00:00.000Z',
  '2026-10-09T10:00:00.000Z',
  '2026-10-10T04:30:00.000Z',
  '2026-10-31T13:45:00.000Z',
  '2026-11-01T05:30:00.000Z',
  '2026-11-02T13:30:00.000Z',
  null,
];
const closedOf = (index: number) => (index % 3 === 2 ? null : new Date(Date.parse('2026-10-12T06:00:00.000Z') - index * 37 * 3_600_000).toISOString());

/** What json-logic-js computes for each formula, with these calendars as `$calendars`. */
function expected(record: Json, calendars: CalendarDef[]): Json {
  const data = { ...record, $calendars: calendarSet(calendars) };
  return Object.fromEntries(Object.entries(FORMULAS).map(([name, formula]) => [name, formulaResult(formula.returns, 3, applyRule(formula.expression, data))]));
}

describe.each(['postgres', 'pglite'] as const)('business calendars over HTTP (%s)', (kind) => {
  let server: TestServer;
  let api: TenantClient;
  const revision = async () => (await api.get('/api/v1/metadata')).body.revision as number;
  const listAll = async (query: Record<string, string> = {}) => {
    const page = await api.list('ticket', { limit: 200, ...query });
    expect(page.status, page.text).toBe(200);
    return page.body.data;
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    api = server.tenant(await server.createTenant(`calendars_${kind}`));
  }, 120_000);
  afterAll(async () => server?.close());

  it('plans each new calendar as one safe metadata-only step, then applies and stores them as written', async () => {
    const document = { objects: [ticket()], calendars: [NEW_YORK, CHINA] };
    const plan = await api.post('/api/v1/metadata/plan', document);
    expect(plan.status, plan.text).toBe(200);
    const calendarSteps = plan.body.steps.filter((step: Json) => step.kind === 'update_calendar');
    expect(calendarSteps.map((step: Json) => [step.object, step.description, step.risk, step.rows])).toEqual([
      ['$calendars', 'add calendar china_workweek', 'safe', 0],
      ['$calendars', 'add calendar ny_office', 'safe', 0],
    ]);
    const applied = await api.apply(document);
    expect(applied.status, applied.text).toBe(200);
    const model = await api.get('/api/v1/metadata');
    expect(model.body.calendars).toEqual([CHINA, NEW_YORK]);
    for (const [index, opened] of OPENED.entries()) {
      const created = await api.post(RECORDS, { name: `t${index}`, opened_at: opened, closed_at: closedOf(index) });
      expect(created.status, created.text).toBe(201);
    }
  });

  it('reads each formula as json-logic-js computes it, through list and get', async () => {
    const listed = await listAll();
    expect(listed).toHaveLength(OPENED.length);
    const dues = new Set<unknown>();
    for (const record of listed) {
      const want = expected(record, [CHINA, NEW_YORK]);
      expect({ name: record.name, ...pick(record, Object.keys(want)) }).toEqual({ name: record.name, ...want });
      const one = await api.get(`${RECORDS}/${record.id}`);
      expect(one.status, one.text).toBe(200);
      expect(pick(one.body, Object.keys(want))).toEqual(want);
      dues.add(record.resolution_due);
    }
    // Not a degenerate fixture: the formula tells the records apart.
    expect(dues.size).toBeGreaterThan(5);
  });

  const filters: JsonLogicRule[] = [
    { '<': [{ var: 'resolution_due' }, '2026-10-09T00:00:00.000Z'] },
    { '>=': [{ var: 'ny_due' }, '2026-11-02T00:00:00.000Z'] },
    { '==': [{ var: 'resolution_due' }, null] },
    { '>': [{ business_hours_between: [{ var: 'opened_at' }, { var: 'closed_at' }, 'china_workweek'] }, 20] },
    { '<': [{ business_hours_between: [{ var: 'opened_at' }, '2026-10-12T00:00:00.000Z', 'ny_office'] }, 30] },
    { '<=': [{ add_business_hours: [{ var: 'opened_at' }, 2.5, 'china_workweek'] }, '2026-10-08T03:00:00.000Z'] },
  ];
  it.each(filters.map((rule) => [JSON.stringify(rule), rule]))('filter %s selects what json-logic-js selects', async (_name, rule) => {
    const listed = await listAll();
    const want = listed.filter((record: Json) => isTruthy(applyRule(rule, { ...record, $calendars: calendarSet([CHINA, NEW_YORK]) })));
    const filtered = await listAll({ filter: JSON.stringify(rule) });
    expect(filtered.map((record: Json) => record.name).sort()).toEqual(want.map((record: Json) => record.name).sort());
  });

  it('sorts by a datetime formula, nulls last, as the values order', async () => {
    const listed = await listAll();
    const byDue = [...listed].sort((a, b) => order(a.resolution_due, b.resolution_due) || order(a.id, b.id)).map((record) => record.name);
    expect((await listAll({ sort: 'resolution_due,id' })).map((record: Json) => record.name)).toEqual(byDue);
  });

  it('keeps the stored calendars when a document has objects but no calendars key', async () => {
    const applied = await api.apply({ objects: [ticket([{ type: 'text', apiName: 'notes', labels: { en: 'Notes', zh: '备注' } }])] });
    expect(applied.status, applied.text).toBe(200);
    expect((await api.get('/api/v1/metadata')).body.calendars).toEqual([CHINA, NEW_YORK]);
    const [first] = await listAll({ filter: JSON.stringify({ '==': [{ var: 'name' }, 't0'] }) });
    expect(first.resolution_due).toEqual(expected(first, [CHINA, NEW_YORK]).resolution_due);
  });

  it('plans a changed calendar as one step and recomputes the formulas with it', async () => {
    const changed = { ...CHINA, holidays: [...(CHINA.holidays ?? []), '2026-09-28', '2026-09-29'] };
    const plan = await api.post('/api/v1/metadata/plan', { objects: [], calendars: [changed, NEW_YORK] });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body.steps.map((step: Json) => [step.kind, step.description, step.risk])).toEqual([
      ['update_calendar', 'change calendar china_workweek', 'safe'],
    ]);
    const applied = await api.apply({ objects: [], calendars: [changed, NEW_YORK] });
    expect(applied.status, applied.text).toBe(200);
    for (const record of await listAll()) expect(pick(record, Object.keys(FORMULAS))).toEqual(expected(record, [changed, NEW_YORK]));
    // The same document again changes nothing.
    const again = await api.apply({ objects: [], calendars: [changed, NEW_YORK] });
    expect(again.body.changed, again.text).toBe(false);
    const back = await api.apply({ objects: [], calendars: [CHINA, NEW_YORK] });
    expect(back.status, back.text).toBe(200);
  });

  it('refuses a calendar that does not validate (422 TSR237 at its path); the revision stays', async () => {
    const before = await revision();
    const refused = await api.apply({ objects: [], calendars: [CHINA, { ...NEW_YORK, timeZone: 'Mars/Olympus' }] });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/calendars/1/timeZone', code: 'TSR237' })]);
    expect(await revision()).toBe(before);
  });

  it('refuses formulas, validation rules and roll-up filters naming an unknown calendar (422 TSR502 at the name)', async () => {
    const before = await revision();
    const refused = await api.apply({
      objects: [
        {
          ...ticket([{ type: 'formula', apiName: 'lost', labels: { en: 'Lost' }, returns: 'datetime', expression: due('nowhere', 1) }]),
          validationRules: [{ apiName: 'late', condition: { '<': [worked('elsewhere'), 100] }, message: { en: 'late' } }],
        },
      ],
    });
    expect(refused.status, refused.text).toBe(422);
    const fields = ticket().fields.length;
    expect(refused.body.errors.map((error: Json) => [error.path, error.code])).toEqual([
      [`/objects/0/fields/${fields}/expression/add_business_hours/2`, 'TSR502'],
      ['/objects/0/validationRules/0/condition/</0/business_hours_between/2', 'TSR502'],
    ]);
    expect(await revision()).toBe(before);
  });

  it('refuses a stored roll-up whose filter or summarised formula reads a calendar (422 TSR239); the revision stays', async () => {
    const before = await revision();
    const visit = (expression: JsonLogicRule) => ({
      apiName: 'visit',
      labels: { en: 'Visit', zh: '拜访' },
      fields: [
        { type: 'lookup', apiName: 'ticket', labels: { en: 'Ticket', zh: '工单' }, target: 'ticket' },
        { type: 'datetime', apiName: 'opened_at', labels: { en: 'At', zh: '时间' } },
        { type: 'formula', apiName: 'spent', labels: { en: 'Spent', zh: '用时' }, returns: 'number', expression },
      ],
    });
    const rollup = (extra: Json) => ({
      type: 'rollup',
      apiName: 'visits',
      labels: { en: 'Visits', zh: '拜访' },
      childObject: 'visit',
      childField: 'ticket',
      ...extra,
    });
    const filtered = await api.apply({
      objects: [
        ticket([rollup({ function: 'count', filter: { '>': [{ business_hours_between: [{ var: 'opened_at' }, { now: [] }, 'china_workweek'] }, 8] } })]),
        visit({ '+': [1, 2] }),
      ],
    });
    expect(filtered.status, filtered.text).toBe(422);
    expect(filtered.body.errors.map((error: Json) => [error.path, error.code])).toEqual([
      [`/objects/0/fields/${ticket().fields.length}/filter/>/0/business_hours_between/2`, 'TSR239'],
    ]);
    const summed = await api.apply({
      objects: [
        ticket([rollup({ function: 'sum', aggregateField: 'spent' })]),
        visit({ '*': [{ business_hours_between: [{ var: 'opened_at' }, '2026-10-12T00:00:00.000Z', 'china_workweek'] }, 2] }),
      ],
    });
    expect(summed.status, summed.text).toBe(422);
    expect(summed.body.errors.map((error: Json) => [error.path, error.code])).toEqual([
      [`/objects/0/fields/${ticket().fields.length}/aggregateField`, 'TSR239'],
    ]);
    expect(await revision()).toBe(before);
  });

  it('refuses removing a calendar still in use, naming each rule that uses it (422 TSR238)', async () => {
    const before = await revision();
    const untouched = await api.apply({ objects: [], calendars: [CHINA] });
    expect(untouched.status, untouched.text).toBe(422);
    expect(untouched.body.code).toBe('TSR238');
    expect(untouched.body.errors).toEqual([expect.objectContaining({ path: '/calendars', code: 'TSR238' })]);
    expect(untouched.body.errors[0].message).toContain('ticket.ny_due');
    const inDocument = await api.apply({ objects: [ticket()], calendars: [] });
    expect(inDocument.status, inDocument.text).toBe(422);
    const formulaIndex = (name: string) => ticket().fields.findIndex((field) => field.apiName === name);
    expect(inDocument.body.errors.map((error: Json) => error.path)).toEqual([
      `/objects/0/fields/${formulaIndex('resolution_due')}/expression/add_business_hours/2`,
      `/objects/0/fields/${formulaIndex('ny_due')}/expression/add_business_hours/2`,
      `/objects/0/fields/${formulaIndex('worked_hours')}/expression/business_hours_between/2`,
    ]);
    expect(await revision()).toBe(before);
    expect((await api.get('/api/v1/metadata')).body.calendars).toEqual([CHINA, NEW_YORK]);
  });

  it('removes a calendar together with the formula that used it', async () => {
    const { ny_due: _dropped, ...rest } = FORMULAS;
    const plan = await api.post('/api/v1/metadata/plan', { objects: [ticket([], rest)], calendars: [CHINA] });
    expect(plan.status, plan.text).toBe(200);
    expect(plan.body.steps.filter((step: Json) => step.kind === 'update_calendar').map((step: Json) => step.description)).toEqual([
      'remove calendar ny_office',
    ]);
  });

  it('checks a validation rule naming a calendar on write, with the tenant calendar in json-logic-js', async () => {
    const rule = { '<=': [worked('china_workweek'), 40] };
    const applied = await api.apply({
      objects: [
        { ...ticket(), validationRules: [{ apiName: 'within_week', condition: rule, message: { en: 'More than a working week', zh: '超过一个工作周' } }] },
      ],
    });
    expect(applied.status, applied.text).toBe(200);
    // 2026-09-28 09:00 → 2026-10-10 18:00 Shanghai: 3 + 2 working days around National Day, plus make-up Saturday the 10th = 48 working hours.
    const long = { name: 'long', opened_at: '2026-09-28T01:00:00.000Z', closed_at: '2026-10-10T10:00:00.000Z' };
    const short = { name: 'short', opened_at: '2026-09-28T01:00:00.000Z', closed_at: '2026-09-30T10:00:00.000Z' };
    const data = (record: Json) => ({ ...record, $calendars: calendarSet([CHINA, NEW_YORK]) });
    expect([isTruthy(applyRule(rule, data(long))), isTruthy(applyRule(rule, data(short)))]).toEqual([false, true]);
    const refused = await api.post(RECORDS, long);
    expect(refused.status, refused.text).toBe(422);
    expect(JSON.stringify(refused.body.errors)).toContain('More than a working week');
    const created = await api.post(RECORDS, short);
    expect(created.status, created.text).toBe(201);
  });
});

function pick(record: Json, keys: string[]): Json {
  return Object.fromEntries(keys.map((key) => [key, record[key]]));
}

/** Ascending, nulls last (the list's default). */
function order(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return String(a) < String(b) ? -1 : 1;
}
