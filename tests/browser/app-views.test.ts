// Saved list views in Chromium (issue #18): 李销售 signs in with a password, builds a filter in the
// condition builder (金额 > 1000), sees the totals (count and the amount's sum, formatted for
// zh-CN) agree with the API, sees lookups by name with links, chooses columns, saves all that as
// her default view, reloads and gets it back, switches views in the picker, narrows with the quick
// search and changes the page size; the 中文/English switch changes the page and is remembered.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, appMetadata, OPPORTUNITIES, SALES, seedApp, signInWithPassword, TENANT } from './app-inbox-fixture.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';
import { publishScreenshot } from './publish-screenshot.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const yuan = (value: number) => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(value);

describe('App list views, columns and totals in Chromium (zh)', () => {
  let app: BrowserApp;
  let page: Page;
  let ids: Map<string, string>;
  const big = OPPORTUNITIES.filter(([, , amount]) => amount > 1000);

  const table = () => page.getByTestId('record-table');
  const shownNames = async () => {
    await page.locator('[aria-busy=false] [data-testid=record-table]').waitFor();
    return (await table().locator('tbody tr[data-id] td[data-field=name]').allTextContents()).sort();
  };
  const headers = () => table().locator('th[data-field]').allTextContents();
  const filter = () => page.getByTestId('list-filter');
  const picker = () => page.getByRole('combobox', { name: '列表视图' });

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata: appMetadata, signedIn: false });
    ids = await seedApp(app);
    ({ page } = await signInWithPassword(app, app.browser, SALES.email));
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('lists every opportunity with totals, lookups by name with links, and no field she may not read', async () => {
    await page.goto(`${app.served.url}/app/opportunity`);
    await expect.poll(shownNames).toEqual(OPPORTUNITIES.map(([name]) => name).sort());
    expect(await headers()).toEqual(['名称', '客户', '金额', '阶段']);
    const total = OPPORTUNITIES.reduce((sum, [, , amount]) => sum + amount, 0);
    await expect.poll(() => page.getByTestId('total-count').textContent()).toBe(`共 ${OPPORTUNITIES.length} 条记录`);
    expect(await page.getByTestId('total-amount').textContent()).toBe(`金额合计: ${yuan(total)}`);
    const huawei = table().locator(`tr[data-id="${ids.get('华为云大单')}"]`);
    const account = huawei.locator('td[data-field=account] a');
    expect(await account.textContent()).toBe(ACCOUNTS[0]);
    expect(await account.getAttribute('href')).toBe(`/app/account/${ids.get(ACCOUNTS[0] ?? '')}`);
    expect(await huawei.locator('td[data-field=amount]').textContent()).toBe(yuan(50_000));
  });

  it('filters with the builder; the totals follow the filter and agree with the API', async () => {
    await filter().getByRole('button', { name: '+ 条件', exact: true }).click();
    const rule = filter().locator('.rule').first();
    await rule.getByTitle('字段').selectOption({ label: '金额' });
    await rule.getByTitle('运算符').selectOption({ label: '大于' });
    await rule.getByTitle('值').fill('1000');
    await filter().getByRole('button', { name: '应用' }).click();
    await expect.poll(shownNames).toEqual(big.map(([name]) => name).sort());
    const apiTotals = await app.api(
      'GET',
      `/objects/opportunity/totals?sum=amount&filter=${encodeURIComponent(JSON.stringify({ '>': [{ var: 'amount' }, 1000] }))}`,
    );
    expect(apiTotals.body).toEqual({ count: big.length, sums: { amount: big.reduce((sum, [, , amount]) => sum + amount, 0) } });
    await expect.poll(() => page.getByTestId('total-count').textContent()).toBe(`共 ${big.length} 条记录`);
    expect(await page.getByTestId('total-amount').textContent()).toBe(`金额合计: ${yuan(50_000 + 12_000.5)}`);
  });

  it('chooses columns and saves the list as her default view', async () => {
    await page.locator('.column-chooser summary').click();
    await page.locator('.column-chooser').getByLabel('阶段').uncheck();
    await expect.poll(headers).toEqual(['名称', '客户', '金额']);
    await page.locator('.column-chooser summary').click();
    await page.getByRole('button', { name: '另存为视图' }).click();
    const form = page.getByRole('form', { name: '另存为视图' });
    await form.getByLabel('视图名称').fill('大单');
    await form.getByLabel('设为默认打开').check();
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => picker().locator('option:checked').textContent()).toBe('大单 · 默认');
    await page.screenshot({ path: join(SCREENSHOTS, 'app-saved-views.png'), fullPage: true });
    publishScreenshot('app-saved-views.png');
  });

  it('opens on the default view after a reload, and switches views in the picker', async () => {
    await page.reload();
    await expect.poll(async () => picker().locator('option:checked').textContent()).toBe('大单 · 默认');
    await expect.poll(shownNames).toEqual(big.map(([name]) => name).sort());
    expect(await headers()).toEqual(['名称', '客户', '金额']);
    // The builder shows the view's condition.
    expect(await filter().locator('.rule').first().getByTitle('值').inputValue()).toBe('1000');
    await picker().selectOption({ label: '全部记录' });
    await expect.poll(shownNames).toEqual(OPPORTUNITIES.map(([name]) => name).sort());
    expect(await headers()).toEqual(['名称', '客户', '金额', '阶段']);
    await picker().selectOption({ label: '大单 · 默认' });
    await expect.poll(shownNames).toEqual(big.map(([name]) => name).sort());
  });

  it('narrows with the quick search on the name and pages by the chosen size', async () => {
    await page.getByRole('searchbox', { name: '按名称搜索' }).fill('华为');
    await expect.poll(shownNames).toEqual(['华为云大单']);
    await expect.poll(() => page.getByTestId('total-count').textContent()).toBe('共 1 条记录');
    await page.getByRole('searchbox', { name: '按名称搜索' }).fill('');
    await expect.poll(shownNames).toEqual(big.map(([name]) => name).sort());
    await page.getByRole('combobox', { name: '每页行数' }).selectOption('20');
    await expect.poll(shownNames).toEqual(big.map(([name]) => name).sort());
    // Sorting without the header row (as on a phone): amount, largest first, then smallest first.
    const ordered = async () => {
      await page.locator('[aria-busy=false] [data-testid=record-table]').waitFor();
      return table().locator('tbody tr[data-id] td[data-field=name]').allTextContents();
    };
    await page.getByRole('combobox', { name: '排序' }).selectOption({ label: '金额 ↓' });
    await expect.poll(ordered).toEqual(['华为云大单', '阿里钉钉集成']);
    expect(await table().locator('th[data-field=amount]').getAttribute('aria-sort')).toBe('descending');
    await page.getByRole('combobox', { name: '排序' }).selectOption({ label: '金额 ↑' });
    await expect.poll(ordered).toEqual(['阿里钉钉集成', '华为云大单']);
  });

  it('renames the view and switches the language, remembered across a reload', async () => {
    await page.getByRole('button', { name: '重命名' }).click();
    const form = page.getByRole('form', { name: '重命名' });
    await form.getByLabel('视图名称').fill('大额商机');
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => picker().locator('option:checked').textContent()).toBe('大额商机 · 默认');
    await page.getByRole('button', { name: '语言: English' }).click();
    // The switch keeps what the list shows (here the unsaved sort by amount); a reload opens the saved view.
    await expect.poll(headers).toEqual(['Name', 'Account', 'Amount ▲']);
    await page.reload();
    await expect.poll(headers).toEqual(['Name', 'Account', 'Amount']);
    expect(await page.getByTestId('total-count').textContent()).toBe(`${big.length} records`);
    await page.getByRole('button', { name: 'Language: 中文' }).click();
    await expect.poll(headers).toEqual(['名称', '客户', '金额']);
  });
});
