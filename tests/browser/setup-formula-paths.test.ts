// Issue #21 in Setup, in Chromium: the formula editor's 插入字段 lists the object's fields and, under
// each lookup, the looked-up object's fields; choosing 客户 › 地区 writes {"var": "account.region"}
// into the expression. A path typed by hand that reaches nothing is reported under the expression
// by the metamodel's own validation as the admin types; the saved formula reads the parent's value
// through the API. In English the helper and its groups are labelled in English.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';

const text = (apiName: string, en: string, zh: string, extra: Record<string, unknown> = {}) => ({ apiName, labels: { en, zh }, ...extra });
const metadata = {
  objects: [
    {
      ...text('account', 'Account', '客户'),
      fields: [
        { type: 'text', ...text('name', 'Name', '名称'), required: true },
        { type: 'picklist', ...text('region', 'Region', '地区'), values: [text('east', 'East', '华东'), text('south', 'South', '华南')] },
        { type: 'formula', ...text('shout', 'Shout', '大写名称'), returns: 'text', expression: { cat: [{ var: 'name' }, '!'] } },
      ],
    },
    {
      ...text('opportunity', 'Opportunity', '商机'),
      fields: [
        { type: 'text', ...text('name', 'Name', '名称'), required: true },
        { type: 'lookup', ...text('account', 'Account', '客户'), target: 'account' },
      ],
    },
  ],
};

describe('Setup: lookup paths in the formula editor (zh, en)', () => {
  let app: BrowserApp;
  let page: Page;
  const drawer = (tab: Page = page) => tab.getByRole('dialog');

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'formula_paths', metadata, signedIn: true });
    page = app.page;
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => app?.close());
  closeDialogAfterFailure(() => page);

  it('inserts 客户 › 地区 as a path, flags a bad path inline, and the saved formula reads the parent (中文)', async () => {
    await page.goto(`${app.served.url}/setup/opportunity`);
    await page.getByRole('button', { name: '+ 新建字段' }).click();
    await drawer().getByLabel('字段类型').selectOption('formula');
    await drawer().getByLabel('API 名称', { exact: true }).fill('account_region');
    await drawer().getByLabel('标签（中文）', { exact: true }).fill('客户地区');
    await drawer().getByLabel('标签（English）', { exact: true }).fill('Account region');
    await drawer().getByLabel('结果类型').selectOption('text');
    const insert = drawer().getByLabel('插入字段');
    // Own fields, then the account's fields under 客户 — not its formula (a path may not end at one).
    expect(await insert.locator('optgroup').evaluateAll((groups) => groups.map((group) => group.getAttribute('label')))).toEqual(['本对象', '客户']);
    expect(await insert.locator('optgroup[label="客户"] option').allTextContents()).toEqual(['客户 › 名称 (account.name)', '客户 › 地区 (account.region)']);
    await insert.selectOption('account.region');
    const expression = drawer().getByLabel('表达式（JsonLogic）');
    expect(await expression.inputValue()).toBe('{"var": "account.region"}');
    // The expression's own problems (the control holding the textarea; `has` is relative to each control).
    const problems = drawer()
      .locator('.control')
      .filter({ has: page.getByLabel('表达式（JsonLogic）') })
      .locator('.control-errors');
    expect(await problems.count()).toBe(0);

    await expression.fill('{"var": "account.nowhere"}');
    await expect.poll(() => problems.textContent()).toContain("'account.nowhere'");
    // Caret at the end of a selection: the helper replaces what is selected.
    await expression.selectText();
    await insert.selectOption('account.region');
    await expect.poll(() => expression.inputValue()).toBe('{"var": "account.region"}');
    await expect.poll(() => problems.count()).toBe(0);

    await drawer().getByRole('button', { name: '审阅变更' }).click();
    const review = drawer().getByTestId('change-review');
    await review.waitFor();
    const confirm = review.getByRole('checkbox', { name: '我已核对不安全的步骤' });
    if ((await confirm.count()) > 0) await confirm.check();
    await review.getByRole('button', { name: '执行' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: '关闭' }).click();

    const account = await app.api('POST', '/objects/account/records', { name: '华为', region: 'south' });
    const created = await app.api('POST', '/objects/opportunity/records', { name: '云', account: account.body.id });
    const read = await app.api('GET', `/objects/opportunity/records/${created.body.id}`);
    expect(read.body.account_region).toBe('south');
  });

  it('labels the helper in English', async () => {
    const context = await app.signedInContext({ locale: 'en-US' });
    const tab = await context.newPage();
    tab.setDefaultTimeout(15_000);
    await tab.goto(`${app.served.url}/setup/opportunity`);
    await tab.getByRole('button', { name: '+ Add field' }).click();
    await drawer(tab).getByLabel('Field type').selectOption('formula');
    const insert = drawer(tab).getByLabel('Insert field');
    expect(await insert.locator('optgroup').evaluateAll((groups) => groups.map((group) => group.getAttribute('label')))).toEqual(['This object', 'Account']);
    expect(await insert.locator('optgroup[label="Account"] option').allTextContents()).toEqual([
      'Account › Name (account.name)',
      'Account › Region (account.region)',
    ]);
    await context.close();
  });
});
