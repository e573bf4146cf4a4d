// App list filter in Chromium, in English (issue #18): a user filters accounts with the condition
// builder (no JSON typed): a number comparison, then "any of" a picklist list or a name prefix, the
// rows checked against what the API returns for the same JsonLogic, the raw JSON view showing
// exactly that condition; Clear brings every row back. Screenshots; the page's console stays clean
// (watch-page.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const account = {
  apiName: 'account',
  labels: { en: 'Account', zh: '客户' },
  pluralLabels: { en: 'Accounts', zh: '客户' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    {
      type: 'picklist',
      apiName: 'industry',
      labels: { en: 'Industry', zh: '行业' },
      values: [
        { apiName: 'tech', labels: { en: 'Technology', zh: '科技' } },
        { apiName: 'finance', labels: { en: 'Finance', zh: '金融' } },
        { apiName: 'retail', labels: { en: 'Retail', zh: '零售' } },
      ],
    },
    { type: 'number', apiName: 'employees', labels: { en: 'Employees', zh: '员工数' } },
  ],
};

const ACCOUNTS = [
  { name: 'Acme', industry: 'tech', employees: 500 },
  { name: 'Bolt', industry: 'finance', employees: 40 },
  { name: 'Cargo', industry: 'retail', employees: 900 },
  { name: 'Acorn', industry: 'retail', employees: 10 },
];

describe('App list filter builder in Chromium (en)', () => {
  let app: BrowserApp;
  let page: Page;

  async function api(path: string, body?: unknown): Promise<{ status: number; body: { data?: { name: string }[] } }> {
    const response = await fetch(`${app.served.url}/api/v1${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${app.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: { name: string }[] } };
  }
  const namesFromApi = async (filter: unknown) =>
    ((await api(`/objects/account/records?sort=name&filter=${encodeURIComponent(JSON.stringify(filter))}`)).body.data ?? []).map((row) => row.name);
  const shownNames = async () => {
    await page.locator('[aria-busy=false] [data-testid=record-table]').waitFor();
    return (await page.locator('[data-testid=record-table] tbody tr[data-id] td[data-field=name]').allTextContents()).sort();
  };
  const filter = () => page.getByTestId('list-filter');
  const rule = (index: number) => filter().locator('.rule').nth(index);

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'filter_en', metadata: account, signedIn: false });
    for (const record of ACCOUNTS) expect((await api('/objects/account/records', record)).status).toBe(201);
    const context = await app.signedInContext({ locale: 'en-US' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('filters with a number comparison built in the builder', async () => {
    await page.goto(`${app.served.url}/app/account`);
    expect(await shownNames()).toEqual(['Acme', 'Acorn', 'Bolt', 'Cargo']);
    await filter().getByRole('button', { name: '+ Condition' }).click();
    await rule(0).getByTitle('Field').selectOption({ label: 'Employees' });
    await rule(0).getByTitle('Operator').selectOption({ label: 'greater than' });
    await rule(0).getByTitle('Value').fill('100');
    await filter().getByRole('button', { name: 'Apply' }).click();
    const expected = await namesFromApi({ '>': [{ var: 'employees' }, 100] });
    expect(expected).toEqual(['Acme', 'Cargo']);
    await expect.poll(shownNames).toEqual(expected);
  });

  it('combines a picklist list and a name prefix with "any", and shows the same condition as raw JSON', async () => {
    // The first rule becomes "Industry is one of Finance, Retail"; a second: "Name starts with Aco".
    await rule(0).getByTitle('Field').selectOption({ label: 'Industry' });
    await rule(0).getByTitle('Operator').selectOption({ label: 'is one of' });
    await rule(0)
      .getByTitle('Value')
      .selectOption([{ label: 'Finance' }, { label: 'Retail' }]);
    await filter().getByRole('button', { name: '+ Condition' }).click();
    await rule(1).getByTitle('Field').selectOption({ label: 'Name' });
    await rule(1).getByTitle('Operator').selectOption({ label: 'starts with' });
    await rule(1).getByTitle('Value').fill('Aco');
    await filter().getByTitle('Match').first().selectOption({ label: 'any (or)' });
    await filter().getByRole('button', { name: 'Apply' }).click();
    const condition = {
      or: [{ in: [{ var: 'industry' }, ['finance', 'retail']] }, { starts_with: [{ var: 'name' }, 'Aco'] }],
    };
    const expected = await namesFromApi(condition);
    expect(expected).toEqual(['Acorn', 'Bolt', 'Cargo']);
    await expect.poll(shownNames).toEqual(expected);
    await page.screenshot({ path: join(SCREENSHOTS, 'app-filter-builder-en.png'), fullPage: true });

    await filter().getByRole('button', { name: 'Raw JSON' }).click();
    const raw = filter().getByLabel('Condition (JsonLogic)');
    expect(JSON.parse(await raw.inputValue())).toEqual(condition);
    // Back to the builder: the same two rules.
    await filter().getByRole('button', { name: 'Builder' }).click();
    expect(await filter().locator('.rule').count()).toBe(2);
  });

  it('clears the filter', async () => {
    await filter().getByRole('button', { name: 'Clear' }).click();
    await expect.poll(shownNames).toEqual(['Acme', 'Acorn', 'Bolt', 'Cargo']);
    expect(await filter().locator('.rule').count()).toBe(0);
  });

  it('fits a 390×844 phone without sideways scrolling, with a condition built', async () => {
    const phone = await (await app.signedInContext({ locale: 'en-US', viewport: { width: 390, height: 844 } })).newPage();
    await phone.goto(`${app.served.url}/app/account`);
    const phoneFilter = phone.getByTestId('list-filter');
    await phoneFilter.getByRole('button', { name: '+ Condition' }).click();
    await phoneFilter.locator('.rule').first().getByTitle('Field').selectOption({ label: 'Industry' });
    await phoneFilter.locator('.rule').first().getByTitle('Operator').selectOption({ label: 'is one of' });
    await phone.screenshot({ path: join(SCREENSHOTS, 'app-filter-builder-phone.png'), fullPage: true });
    expect(await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await phone.context().close();
  });
});
