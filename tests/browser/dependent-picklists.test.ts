// Dependent picklists in Chromium (issue #21), in Chinese and English: the App's generated form
// offers only the reasons the chosen category allows, clears the reason when the category changes
// and saves what the server accepts; in Setup the admin picks a controlling field for a picklist,
// ticks the allowed values in the matrix, applies the change, and the server then enforces it.
// Screenshots; the console stays clean (watch-page.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiJson, type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const labels = (en: string, zh: string) => ({ en, zh });
const value = (apiName: string, en: string, zh: string) => ({ apiName, labels: labels(en, zh) });

const ticket = {
  apiName: 'ticket',
  labels: labels('Ticket', '工单'),
  pluralLabels: labels('Tickets', '工单'),
  nameField: 'name',
  fields: [
    { type: 'text', apiName: 'name', labels: labels('Name', '名称'), required: true },
    {
      type: 'picklist',
      apiName: 'category',
      labels: labels('Category', '类别'),
      values: [value('hardware', 'Hardware', '硬件'), value('software', 'Software', '软件')],
    },
    {
      type: 'picklist',
      apiName: 'reason',
      labels: labels('Reason', '原因'),
      values: [value('disk', 'Disk', '硬盘'), value('screen', 'Screen', '屏幕'), value('bug', 'Bug', '缺陷'), value('license', 'License', '许可')],
      controllingField: 'category',
      dependentValues: { hardware: ['disk', 'screen'], software: ['bug', 'license'] },
    },
    { type: 'picklist', apiName: 'level', labels: labels('Level', '级别'), values: [value('low', 'Low', '低'), value('high', 'High', '高')] },
    {
      type: 'picklist',
      apiName: 'handling',
      labels: labels('Handling', '处理方式'),
      values: [value('remote', 'Remote', '远程'), value('onsite', 'On site', '上门')],
    },
  ],
};

/** The option labels a select offers, without the empty choice. */
const offered = async (select: Locator) => (await select.locator('option').allTextContents()).map((text) => text.trim()).filter((text) => text !== '');

describe('Dependent picklists in the App and in Setup (zh, en)', () => {
  let app: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'dependent_picklists', metadata: ticket, signedIn: true });
    page = app.page;
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  async function fillTicket(
    target: Page,
    names: { first: string; firstReasons: string[]; reason: string; second: string; secondReasons: string[]; final: string },
  ) {
    const form = target.getByTestId('generated-form');
    const category = form.locator('#root_category');
    const reason = form.locator('#root_reason');
    await category.selectOption({ label: names.first });
    await expect.poll(() => offered(reason)).toEqual(names.firstReasons);
    await reason.selectOption({ label: names.reason });
    await category.selectOption({ label: names.second });
    // The reason the new category does not allow is cleared, and only its reasons are offered.
    await expect.poll(() => reason.evaluate((element) => (element as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? '')).toBe('');
    await expect.poll(() => offered(reason)).toEqual(names.secondReasons);
    await reason.selectOption({ label: names.final });
    return form;
  }

  const stored = async (name: string) => {
    const found = await app.api('GET', `/objects/ticket/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'name' }, name] }))}`);
    return (found.body.data as ApiJson[])[0];
  };

  it('zh: the form offers only the reasons of the chosen category and clears the reason when it changes', async () => {
    await page.goto(`${app.served.url}/app/ticket/new`);
    const form = await fillTicket(page, {
      first: '硬件',
      firstReasons: ['硬盘', '屏幕'],
      reason: '屏幕',
      second: '软件',
      secondReasons: ['缺陷', '许可'],
      final: '许可',
    });
    await form.locator('#root_name').fill('打印机驱动');
    await page.screenshot({ path: join(SCREENSHOTS, 'dependent-picklist-form-zh.png'), fullPage: true });
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => (await stored('打印机驱动'))?.reason).toBe('license');
    expect(await stored('打印机驱动')).toMatchObject({ category: 'software', reason: 'license' });
  });

  it('en: the same dependency under English labels', async () => {
    const context = await app.signedInContext({ locale: 'en-US' });
    const english = await context.newPage();
    english.setDefaultTimeout(15_000);
    await english.goto(`${app.served.url}/app/ticket/new`);
    const form = await fillTicket(english, {
      first: 'Software',
      firstReasons: ['Bug', 'License'],
      reason: 'Bug',
      second: 'Hardware',
      secondReasons: ['Disk', 'Screen'],
      final: 'Disk',
    });
    await form.locator('#root_name').fill('Broken disk');
    await english.screenshot({ path: join(SCREENSHOTS, 'dependent-picklist-form-en.png'), fullPage: true });
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await stored('Broken disk'))?.reason).toBe('disk');
    await context.close();
  });

  it('Setup: the matrix saves a dependency that the server then enforces', async () => {
    await page.goto(`${app.served.url}/setup/ticket`);
    await page.getByRole('heading', { name: '工单 · 字段' }).waitFor();
    await page.getByRole('button', { name: '编辑 handling' }).click();
    const drawer = page.getByRole('dialog');
    const editor = drawer.getByTestId('dependent-values');
    await editor.getByLabel('控制字段').selectOption('level');
    const matrix = editor.getByTestId('dependent-matrix');
    await matrix.waitFor();
    expect(await matrix.locator('thead th').allTextContents()).toEqual(['选项值', '低', '高']);
    await matrix.getByTestId('dependent-remote-low').check();
    await matrix.getByTestId('dependent-remote-high').check();
    await matrix.getByTestId('dependent-onsite-high').check();
    await page.screenshot({ path: join(SCREENSHOTS, 'dependent-picklist-setup-matrix-zh.png'), fullPage: true });
    await drawer.getByRole('button', { name: '审阅变更' }).click();
    const review = drawer.getByTestId('change-review');
    await review.getByRole('button', { name: '执行' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: '关闭' }).click();
    const definition = await app.api('GET', '/metadata/objects/ticket?as=definition');
    const handling = (definition.body.fields as ApiJson[]).find((field) => field.apiName === 'handling');
    expect(handling).toMatchObject({ controllingField: 'level', dependentValues: { low: ['remote'], high: ['remote', 'onsite'] } });
    const refused = await app.api('POST', '/objects/ticket/records', { name: 'x', level: 'low', handling: 'onsite' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/handling', code: 'TSR415', allowed: ['remote'] })]);
    expect((await app.api('POST', '/objects/ticket/records', { name: 'y', level: 'high', handling: 'onsite' })).status).toBe(201);
  });
});
