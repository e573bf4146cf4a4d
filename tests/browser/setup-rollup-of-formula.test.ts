// Issue #21 in Chromium: an admin adds quote `total = sum(quote_line.amount)` — a roll-up of the
// line's formula — through Setup's roll-up editor (中文), which offers the child's number-returning
// formula beside its stored number fields and nothing it cannot sum; the App then shows the
// stored total on the quote's record page. In English the editor names the same choices.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteLine, quoteObject } from '../fixtures/quote-rollups.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';

type Json = Record<string, unknown>;
// The quote without its computed fields: the test adds the roll-up of a formula itself.
const quote = { ...quoteObject(), fields: quoteObject().fields.filter((field) => field.type === 'text') };

describe('Setup: a roll-up of a formula (zh, en)', () => {
  let app: BrowserApp;
  let page: Page;
  const drawer = (tab: Page = page) => tab.getByRole('dialog');

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'rollup_formula', metadata: { objects: [quote, quoteLine()] }, signedIn: true });
    page = app.page;
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => app?.close());
  closeDialogAfterFailure(() => page);

  it('offers the line formula as the summarised field and stores the total (中文)', async () => {
    await page.goto(`${app.served.url}/setup/quote`);
    await page.getByRole('heading', { name: '报价单 · 字段' }).waitFor();
    await page.getByRole('button', { name: '+ 新建字段' }).click();
    await drawer().getByLabel('字段类型').selectOption('rollup');
    await drawer().getByLabel('API 名称', { exact: true }).fill('total');
    await drawer().getByLabel('标签（中文）', { exact: true }).fill('合计');
    await drawer().getByLabel('标签（English）', { exact: true }).fill('Total');
    await drawer().getByLabel('子对象', { exact: true }).selectOption('quote_line');
    await drawer().getByLabel('子对象上指向本对象的查找字段').selectOption('quote');
    await drawer().getByLabel('汇总方式').selectOption('sum');
    const summarised = drawer().getByLabel('汇总字段');
    // Number-valued fields only, the formula marked as one; text and lookups are not offered.
    expect(await summarised.locator('option').allTextContents()).toEqual([
      '—',
      '数量 (quantity)',
      '单价 (unit_price)',
      '折扣 (discount)',
      '金额 (amount) · 计算公式',
    ]);
    await summarised.selectOption('amount');
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    const review = drawer().getByTestId('change-review');
    await review.waitFor();
    const kinds = await review.locator('[data-testid=plan-steps] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
    expect(kinds).toEqual(['add_column', 'sync_rollup_triggers', 'backfill_rollup']);
    const confirm = review.getByRole('checkbox', { name: '我已核对不安全的步骤' });
    if ((await confirm.count()) > 0) await confirm.check();
    await review.getByRole('button', { name: '执行' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: '关闭' }).click();

    const definition = (await app.api('GET', '/metadata/objects/quote?as=definition')).body as Json & { fields: Json[] };
    expect(definition.fields.find((field) => field.apiName === 'total')).toMatchObject({ type: 'rollup', function: 'sum', aggregateField: 'amount' });
    const created = await app.api('POST', '/objects/quote/records', { name: 'Q-1' });
    for (const line of [
      { product: 'A', quantity: 3, unit_price: 10.5, discount: 10 },
      { product: 'B', quantity: 1, unit_price: 100 },
    ]) {
      expect((await app.api('POST', '/objects/quote_line/records', { ...line, quote: created.body.id })).status).toBe(201);
    }
    // The App's record page shows the stored roll-up of the formula: 28.35 + 100.
    await page.goto(`${app.served.url}/app/quote/${created.body.id}`);
    const total = page.getByTestId('record-details').locator('[data-field=total] dd');
    await total.waitFor();
    expect(await total.textContent()).toContain('128.35');
  });

  it('names the same choices in English', async () => {
    const context = await app.signedInContext({ locale: 'en-US' });
    const tab = await context.newPage();
    tab.setDefaultTimeout(15_000);
    await tab.goto(`${app.served.url}/setup/quote`);
    await tab.getByRole('button', { name: '+ Add field' }).click();
    await drawer(tab).getByLabel('Field type').selectOption('rollup');
    await drawer(tab).getByLabel('Child object', { exact: true }).selectOption('quote_line');
    await drawer(tab).getByLabel('Summary').selectOption('max');
    const options = await drawer(tab).getByLabel('Summarised field').locator('option').allTextContents();
    expect(options).toContain('Amount (amount) · Formula');
    expect(options).not.toContain('Product (product)');
    await context.close();
  });
});
