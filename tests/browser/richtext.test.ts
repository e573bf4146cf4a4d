// Rich text in Chromium, in 中文 and English: the generated form's editor (toolbar buttons named in
// the page's language) writes bold text and a list that the server stores as sanitised HTML; the
// record page renders the formatting; records written through the API with known XSS payloads
// render without running anything (a payload that ran would set window.__xss, open a dialog or
// fetch from the page) in the details, in the edit form and in the history tab.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const memoDef = {
  apiName: 'memo',
  labels: { en: 'Memo', zh: '纪要' },
  pluralLabels: { en: 'Memos', zh: '纪要' },
  nameField: 'name',
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    { type: 'richtext', apiName: 'body', labels: { en: 'Body', zh: '正文' } },
  ],
};

/** Payloads that would run script here, each setting window.__xss (the classic alert(1) ones are counted as dialogs). */
const RUNNING_PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=2"></svg>',
  '<a href="javascript:window.__xss=3" id="jslink">click</a>',
  '<p onmouseover="window.__xss=4">hover</p>',
  '<iframe srcdoc="<script>parent.__xss=5</script>"></iframe>',
  '<details open ontoggle="window.__xss=6">d</details>',
  '<style>*{background:url("javascript:window.__xss=7")}</style>',
];

describe('rich text in the browser', () => {
  let app: BrowserApp;
  const dialogs: string[] = [];

  /** Alerts and confirms count as script that ran; the link button's prompt gets `linkAnswer`. */
  const watchForXss = (page: Page, linkAnswer?: string) =>
    page.on('dialog', (dialog) => {
      if (dialog.type() === 'prompt' && linkAnswer) return void dialog.accept(linkAnswer);
      dialogs.push(dialog.message());
      return void dialog.dismiss();
    });
  const xssRan = (page: Page) => page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? null);

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'browser_richtext', metadata: { objects: [memoDef] }, signedIn: true });
    watchForXss(app.page);
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => app?.close());

  it('中文: the editor formats text; the server stores sanitised HTML; the details render it', async () => {
    const { page, served } = app;
    await page.goto(`${served.url}/app/memo/new`);
    const form = page.locator('[data-testid=generated-form]');
    await form.locator('#root_name').fill('周会纪要');
    const editor = form.getByRole('textbox', { name: '正文' });
    await editor.click();
    await form.getByRole('button', { name: '加粗' }).click();
    await page.keyboard.type('重点');
    await form.getByRole('button', { name: '加粗' }).click();
    await page.keyboard.type(' 续签合同');
    await page.keyboard.press('Enter');
    await form.getByRole('button', { name: '项目符号列表' }).click();
    await page.keyboard.type('第一项');
    await form.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/app\/memo\/[0-9a-f-]{36}\?created$/);
    const id = new URL(page.url()).pathname.split('/')[3] as string;
    const stored = await app.api('GET', `/objects/memo/records/${id}`);
    const body = String(stored.body.body);
    expect(body).toMatch(/<(b|strong)>重点<\/(b|strong)>/);
    expect(body).toContain('<li>第一项</li>');
    const view = page.locator('[data-testid=rich-text-view]');
    await view.locator('li', { hasText: '第一项' }).waitFor();
    expect(await view.locator('b, strong').first().textContent()).toBe('重点');
    await page.screenshot({ path: join(SCREENSHOTS, 'richtext-details-zh.png'), fullPage: true });
  });

  it('中文: records written with XSS payloads render in details, form and history without running anything', async () => {
    const { page, served } = app;
    const created = await app.api('POST', '/objects/memo/records', { name: 'payloads', body: [...RUNNING_PAYLOADS, ...XSS_PAYLOADS].join('') });
    expect(created.status).toBe(201);
    const stored = String(created.body.body);
    expect(stored).not.toMatch(/<(script|img|svg|iframe|style|details)|\son\w+=|javascript:/i);
    const id = String(created.body.id);
    await page.goto(`${served.url}/app/memo/${id}`);
    const view = page.locator('[data-testid=rich-text-view]');
    await view.waitFor();
    // The stripped link stays a link, but without an href: clicking it goes nowhere.
    const link = view.locator('a').first();
    expect(await link.getAttribute('href')).toBeNull();
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await view.hover();
    await page.getByRole('tab', { name: /历史/ }).click();
    await page.getByRole('tab', { name: /历史/, selected: true }).waitFor();
    await page.getByRole('button', { name: '编辑' }).click();
    await page.getByRole('textbox', { name: '正文' }).waitFor();
    await page.waitForTimeout(300);
    expect(await xssRan(page)).toBeNull();
    expect(dialogs).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'richtext-payloads-zh.png'), fullPage: true });
  });

  it('English: toolbar and labels in English; a link is stored with rel=noopener noreferrer', async () => {
    const context = await app.signedInContext({ locale: 'en-US' });
    const page = await context.newPage();
    watchForXss(page, 'https://example.com/spec');
    await page.goto(`${app.served.url}/app/memo/new`);
    const form = page.locator('[data-testid=generated-form]');
    await form.locator('#root_name').fill('Weekly notes');
    const editor = form.getByRole('textbox', { name: 'Body' });
    await editor.click();
    await page.keyboard.type('Read the spec');
    await page.keyboard.press('Shift+Home');
    await form.getByRole('button', { name: 'Link' }).click();
    await form.getByRole('button', { name: 'Italic' }).waitFor();
    await form.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/app\/memo\/[0-9a-f-]{36}\?created$/);
    const id = new URL(page.url()).pathname.split('/')[3] as string;
    const stored = String((await app.api('GET', `/objects/memo/records/${id}`)).body.body);
    expect(stored).toContain('<a href="https://example.com/spec" target="_blank" rel="noopener noreferrer">Read the spec</a>');
    const link = page.locator('[data-testid=rich-text-view] a');
    expect(await link.textContent()).toBe('Read the spec');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    await page.screenshot({ path: join(SCREENSHOTS, 'richtext-details-en.png'), fullPage: true });
    expect(await xssRan(page)).toBeNull();
    await context.close();
  });
});
