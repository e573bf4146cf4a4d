// Lookup paths in the App's list, in Chromium (issue #21): 李销售 adds the column 客户 › 地区 under
// the 客户 lookup (a parent field she may not read, 客户 › 信用额度, is not offered), sees picklist
// labels in it, sorts by it and filters by it in the condition builder (a picklist path gets the
// picklist's values), each time checked row for row against the API; the column is saved in a
// view like any other; in English the column reads "Account › Region".
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, SALES, signInWithPassword, TENANT } from './app-inbox-fixture.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';

const text = (apiName: string, en: string, zh: string, extra: Record<string, unknown> = {}) => ({ apiName, labels: { en, zh }, ...extra });

const metadata = {
  objects: [
    {
      ...text('account', 'Account', '客户'),
      pluralLabels: { en: 'Accounts', zh: '客户' },
      fields: [
        { type: 'text', ...text('name', 'Name', '名称'), required: true },
        { type: 'picklist', ...text('region', 'Region', '地区'), values: [text('east', 'East', '华东'), text('south', 'South', '华南')] },
        { type: 'currency', ...text('credit', 'Credit limit', '信用额度'), currencyCode: 'CNY' },
      ],
    },
    {
      ...text('opportunity', 'Opportunity', '商机'),
      pluralLabels: { en: 'Opportunities', zh: '商机' },
      fields: [
        { type: 'text', ...text('name', 'Name', '名称'), required: true },
        { type: 'lookup', ...text('account', 'Account', '客户'), target: 'account' },
        { type: 'currency', ...text('amount', 'Amount', '金额'), currencyCode: 'CNY' },
      ],
    },
  ],
};

/** name, region (api name or null) */
const ACCOUNTS: [string, string | null][] = [
  ['华为技术有限公司', 'south'],
  ['阿里巴巴集团', 'east'],
  ['小米科技', null],
];
/** name, account index, amount */
const OPPORTUNITIES: [string, number, number][] = [
  ['华为云大单', 0, 50_000],
  ['阿里钉钉集成', 1, 12_000],
  ['华为终端试点', 0, 800],
  ['小米生态链', 2, 3_000],
  ['阿里小额续约', 1, 300],
];
const REGION_ZH: Record<string, string> = { east: '华东', south: '华南' };

describe('lookup paths in the App list in Chromium (zh, en)', () => {
  let app: BrowserApp;
  let page: Page;

  const table = () => page.getByTestId('record-table');
  const headers = () => table().locator('th[data-field]').allTextContents();
  const chooser = () => page.locator('.column-chooser');
  /** The rows as shown: [name, region cell] in order. */
  const rows = async () => {
    await page.locator('[aria-busy=false] [data-testid=record-table]').waitFor();
    const names = await table().locator('tbody tr[data-id] td[data-field=name]').allTextContents();
    const regions = await table().locator('tbody tr[data-id] td[data-field="account.region"]').allTextContents();
    return names.map((name, index) => [name, regions[index]]);
  };
  /** The same list through the API, regions as their 中文 labels. */
  const apiRows = async (query: Record<string, string>) => {
    const params = new URLSearchParams({ fields: 'name,account.region', limit: '50', ...query });
    const answer = await app.api('GET', `/objects/opportunity/records?${params}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const data = (answer.body as { data: Record<string, unknown>[] }).data;
    return data.map((record) => [record.name, typeof record['account.region'] === 'string' ? REGION_ZH[record['account.region']] : '']);
  };

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata, signedIn: false });
    const post = async (path: string, body: unknown) => {
      const result = await app.api('POST', path, body);
      expect([200, 201], `${path}: ${JSON.stringify(result.body)}`).toContain(result.status);
      return result.body as { id: string };
    };
    const sales = await post('/security/permission-sets', {
      name: 'sales',
      objects: { account: { read: true, viewAll: true, fields: { credit: 'none' } }, opportunity: { read: true, create: true, edit: true, viewAll: true } },
    });
    await post('/security/users', { ...SALES, password: PASSWORD, permissionSetIds: [sales.id] });
    const accounts: string[] = [];
    for (const [name, region] of ACCOUNTS) accounts.push((await post('/objects/account/records', { name, region, credit: 1_000_000 })).id);
    for (const [name, account, amount] of OPPORTUNITIES) await post('/objects/opportunity/records', { name, account: accounts[account], amount });
    ({ page } = await signInWithPassword(app, app.browser, SALES.email));
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('offers 客户 › 地区 under 客户 (not a parent field she may not read) and shows its picklist labels', async () => {
    await page.goto(`${app.served.url}/app/opportunity`);
    await expect.poll(headers).toEqual(['名称', '客户', '金额']);
    await chooser().locator('summary').click();
    const offered = (await chooser().locator('label').allTextContents()).map((label) => label.trim());
    expect(offered).toEqual(['名称', '客户', '客户 › 名称', '客户 › 地区', '金额']);
    await chooser().getByLabel('客户 › 地区', { exact: true }).check();
    await chooser().locator('summary').click();
    await expect.poll(headers).toEqual(['名称', '客户', '客户 › 地区', '金额']);
    // Same rows, same regions as the API (`fields=name,account.region`), labels not api names.
    expect((await rows()).sort()).toEqual((await apiRows({})).sort());
    expect(await table().locator('tbody tr', { hasText: '华为云大单' }).locator('td[data-field="account.region"]').textContent()).toBe('华南');
  });

  it('sorts by the path, in the order the API gives', async () => {
    await page.getByRole('combobox', { name: '排序' }).selectOption({ label: '客户 › 地区 ↓' });
    const expected = await apiRows({ sort: '-account.region' });
    await expect.poll(rows).toEqual(expected);
    expect(await table().locator('th[data-field="account.region"]').getAttribute('aria-sort')).toBe('descending');
    // The header sorts too: one click on a descending column sorts it ascending.
    await table().locator('th[data-field="account.region"] button').click();
    const ascending = await apiRows({ sort: 'account.region' });
    await expect.poll(rows).toEqual(ascending);
  });

  it('filters by the path in the condition builder with the picklist values, matching the API', async () => {
    const filter = page.getByTestId('list-filter');
    await filter.getByRole('button', { name: '+ 条件', exact: true }).click();
    const rule = filter.locator('.rule').first();
    await rule.getByTitle('字段').selectOption({ label: '客户 › 地区' });
    await rule.getByTitle('运算符').selectOption({ label: '等于' });
    const values = (await rule.getByTitle('值').locator('option').allTextContents()).filter((value) => value.trim() !== '');
    expect(values).toEqual(['华东', '华南']);
    await rule.getByTitle('值').selectOption({ label: '华南' });
    await filter.getByRole('button', { name: '应用' }).click();
    const expected = await apiRows({ sort: 'account.region', filter: JSON.stringify({ '==': [{ var: 'account.region' }, 'south'] }) });
    expect(expected.map(([name]) => name).sort()).toEqual(['华为云大单', '华为终端试点']);
    await expect.poll(rows).toEqual(expected);
  });

  it('saves the path column in a view and reads it back', async () => {
    await page.getByRole('button', { name: '另存为视图' }).click();
    const form = page.getByRole('form', { name: '另存为视图' });
    await form.getByLabel('视图名称').fill('华南商机');
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => page.getByRole('combobox', { name: '列表视图' }).locator('option:checked').textContent()).toContain('华南商机');
    await page.reload();
    await page.getByRole('combobox', { name: '列表视图' }).selectOption({ label: '华南商机' });
    await expect.poll(headers).toContain('客户 › 地区 ▲');
    await expect.poll(async () => (await rows()).map(([name]) => name).sort()).toEqual(['华为云大单', '华为终端试点']);
  });

  it('labels the column in English', async () => {
    await page.getByRole('button', { name: '语言: English' }).click();
    await expect.poll(headers).toEqual(['Name', 'Account', 'Account › Region ▲', 'Amount']);
    await chooser().locator('summary').click();
    expect(await chooser().getByLabel('Account › Region', { exact: true }).isChecked()).toBe(true);
    await chooser().locator('summary').click();
    expect(await table().locator('tbody tr', { hasText: '华为云大单' }).locator('td[data-field="account.region"]').textContent()).toBe('South');
  });
});
