// Every visibility rule of the deal layouts gives the same answer, for every record, in three
// places: SQL (the rule as a list filter, compiled by runtime/src/filter), the server's
// evaluator (json-logic-js + registerTesseraOperators on the record as the API returns it) and
// the browser (the designer's bundled json-logic in Chromium, and the rendered form itself).
import { type FormDefinition, hiddenFields, registerTesseraOperators } from '@tessera/metadata';
import jsonLogic from 'json-logic-js';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createTestDatabase, type TestDatabase } from '@tessera/runtime';
import { buildDesigner } from '../browser/build-designer.ts';
import { CHROMIUM_ARGS, ensureChromium } from '../browser/ensure-chromium.ts';
import { type ServedApp, serveApp } from '../browser/serve-app.ts';
import { companyDef, dealDef } from '../fixtures/form-objects.ts';

registerTesseraOperators(jsonLogic);
const ADMIN_TOKEN = 'test-admin';
type Row = Record<string, unknown> & { id: string };

// A layout that exists to hold rules: each field shows under a different rule, chosen for the
// places SQL and JavaScript could part ways (NULLs, numbers vs text, case, membership, negation).
const rulesLab = {
  apiName: 'rules_lab',
  labels: { en: 'Rules lab' },
  sections: [
    {
      fields: [
        { field: 'name' },
        { field: 'amount', visibleWhen: { '>=': [{ var: 'amount' }, 10000] } },
        { field: 'close_date', visibleWhen: { '!': [{ var: 'close_date' }] } },
        { field: 'loss_reason', visibleWhen: { or: [{ '==': [{ var: 'amount' }, null] }, { '<': [{ var: 'amount' }, 1] }] } },
        { field: 'discount', visibleWhen: { in: [{ var: 'stage' }, ['won', 'negotiation']] } },
        { field: 'partner_name', visibleWhen: { starts_with: [{ var: 'name' }, 'VIP'] } },
        { field: 'notes', visibleWhen: { '!=': [{ var: 'stage' }, 'lost'] } },
        { field: 'number', visibleWhen: { '<': [{ var: 'discount' }, 5] } },
      ],
    },
    { visibleWhen: { '!!': [{ var: 'company' }] }, fields: [{ field: 'company', visibleWhen: { '<=': [{ var: 'close_date' }, '2026-06-30'] } }] },
  ],
};

const DEALS: Record<string, unknown>[] = [
  { name: 'VIP 华为', stage: 'won', amount: 1200000, discount: 10, close_date: '2026-03-01' },
  { name: 'vip small', stage: 'lost', amount: 0 },
  { name: 'Plain', stage: 'new', amount: null, close_date: '2026-06-30' },
  { name: 'Edge 10000', stage: 'new', amount: 10000 },
  { name: 'Edge 10000.01', stage: 'won', amount: 10000.01, discount: 0.01, close_date: '2026-07-01' },
  { name: 'Lost big', stage: 'lost', amount: 50000, close_date: '2025-12-31' },
  { name: 'Partner deal', stage: 'negotiation', amount: 0.5, record_type: 'partner' },
  { name: 'Vip partner', stage: 'won', amount: 20000, record_type: 'partner', close_date: '2027-01-01' },
  { name: '重要VIP客户', stage: 'new', amount: 9999.99 },
  { name: 'VIPer', stage: 'lost', amount: null, close_date: null },
];

describe('visibility rules: SQL, server and browser agree', () => {
  let database: TestDatabase;
  let runtime: Awaited<ReturnType<typeof createApp>>;
  let served: ServedApp;
  let browser: Browser;
  let page: Page;
  let token: string;
  let records: Row[];
  const forms: FormDefinition[] = [];

  async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${served.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  beforeAll(async () => {
    const [executablePath, designerDir] = await Promise.all([ensureChromium(), buildDesigner()]);
    database = await createTestDatabase();
    runtime = await createApp({ database, designerDir, adminToken: ADMIN_TOKEN });
    served = await serveApp(runtime.app);
    const tenant = await fetch(`${served.url}/api/v1/admin/tenants`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'rules_agree' }),
    });
    token = ((await tenant.json()) as { token: string }).token;
    const deal = { ...dealDef, layouts: [...dealDef.layouts, rulesLab] };
    const applied = await api('POST', '/metadata/apply', { objects: [companyDef, deal] });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    const company = await api<Row>('POST', '/objects/company/records', { name: 'Acme' });
    for (const [index, values] of DEALS.entries()) {
      const created = await api('POST', '/objects/deal/records', { ...values, ...(index % 3 === 0 ? { company: company.body.id } : {}) });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    }
    records = (await api<{ data: Row[] }>('GET', '/objects/deal/records?limit=200')).body.data;
    for (const query of ['recordType=direct', 'recordType=partner', 'layout=rules_lab']) {
      forms.push((await api<FormDefinition>('GET', `/forms/deal?mode=edit&${query}`)).body);
    }

    browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
    const context = await browser.newContext({
      locale: 'en-US',
      storageState: { cookies: [], origins: [{ origin: served.url, localStorage: [{ name: 'tessera.token', value: token }] }] },
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // Any record page loads the form bundle, which exposes its rule evaluation as window.tesseraForms.
    await page.goto(`${served.url}/app/deal/${records[0]?.id}?edit`);
    await page.waitForFunction('Boolean(globalThis.tesseraForms)');
  }, 10 * 60_000);

  afterAll(async () => {
    await page?.waitForLoadState('networkidle').catch(() => undefined);
    await browser?.close();
    await served?.close();
    await runtime?.close();
    await database?.close();
  });

  it('has rules and records to compare', () => {
    expect(records).toHaveLength(DEALS.length);
    expect(forms.flatMap((form) => form.rules.visibility).length).toBeGreaterThanOrEqual(11);
  });

  it('every rule selects the same records in SQL, on the server and in the browser', async () => {
    for (const form of forms) {
      const serverHidden = records.map((record) => [...hiddenFields(form, record, jsonLogic)].sort());
      const browserHidden = (await page.evaluate(`(${browserHiddenFields.toString()})(${JSON.stringify(form)}, ${JSON.stringify(records)})`)) as string[][];
      expect(browserHidden, `${form.layout}: browser vs server`).toEqual(serverHidden);
      for (const rule of form.rules.visibility) {
        const filter = encodeURIComponent(JSON.stringify(rule.when));
        const selected = await api<{ data: Row[] }>('GET', `/objects/deal/records?limit=200&fields=id&filter=${filter}`);
        expect(selected.status, JSON.stringify(selected.body)).toBe(200);
        const sqlVisible = new Set(selected.body.data.map((row) => row.id));
        const serverVisible = new Set(records.filter((_, index) => !serverHidden[index]?.includes(rule.field)).map((record) => record.id));
        expect([...sqlVisible].sort(), `${form.layout} ${rule.field}: ${JSON.stringify(rule.when)}`).toEqual([...serverVisible].sort());
      }
    }
  });

  it('the rendered form shows exactly the fields the rules leave visible', async () => {
    for (const record of records.slice(0, 6)) {
      // A record page renders the layout of the record's own record type.
      const form = forms.find((candidate) => candidate.recordType === record.record_type) as FormDefinition;
      await page.goto(`${served.url}/app/deal/${record.id}?edit`);
      await page.locator(`[data-testid=generated-form][data-layout=${form.layout}] #root_name`).waitFor();
      const hidden = hiddenFields(form, record, jsonLogic);
      for (const field of (form.uiSchema['ui:order'] as string[]).filter((name) => name !== 'owner_id')) {
        expect(await page.locator(`#root_${field}`).count(), `${record.name}: ${field}`).toBe(hidden.has(field) ? 0 : 1);
      }
    }
  });
});

/** Runs in the page: the designer's own hiddenFields over the bundled json-logic. */
function browserHiddenFields(form: unknown, rows: unknown[]): string[][] {
  const forms = (
    globalThis as unknown as { tesseraForms: { jsonLogic: unknown; hiddenFields: (form: unknown, record: unknown, logic: unknown) => Set<string> } }
  ).tesseraForms;
  return rows.map((row) => [...forms.hiddenFields(form, row, forms.jsonLogic)].sort());
}
