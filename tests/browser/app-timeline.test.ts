// The record page's Timeline (时间线) in Chromium (issue #21): an account's field change (made
// through the API) and stage move are listed, "记录活动" opens the activity form with the account
// already filled into the "related to" field (shown by name), the saved call appears on the
// timeline; the polylookup field picks a contact by object and name; English labels and "Load
// more" over 25 activities in a second context.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';
import { publishScreenshot } from './publish-screenshot.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const TENANT = 'browser_timeline';
const l = (en: string, zh: string) => ({ en, zh });

const account = {
  apiName: 'account',
  labels: l('Account', '客户'),
  pluralLabels: l('Accounts', '客户'),
  fields: [
    { apiName: 'name', type: 'text', labels: l('Name', '名称'), required: true },
    { apiName: 'city', type: 'text', labels: l('City', '城市') },
    {
      apiName: 'status',
      type: 'picklist',
      labels: l('Status', '状态'),
      values: [
        { apiName: 'prospect', labels: l('Prospect', '潜在客户'), default: true },
        { apiName: 'customer', labels: l('Customer', '成交客户') },
        { apiName: 'lost', labels: l('Lost', '流失') },
      ],
    },
  ],
  pipelines: [
    {
      apiName: 'lifecycle',
      labels: l('Lifecycle', '客户生命周期'),
      stageField: 'status',
      transitions: 'any',
      stages: [
        { value: 'prospect', probability: 10 },
        { value: 'customer', category: 'won' },
        { value: 'lost', category: 'lost' },
      ],
    },
  ],
};
const contact = {
  apiName: 'contact',
  labels: l('Contact', '联系人'),
  pluralLabels: l('Contacts', '联系人'),
  fields: [{ apiName: 'name', type: 'text', labels: l('Name', '姓名'), required: true }],
};
const activity = {
  apiName: 'activity',
  labels: l('Activity', '活动'),
  pluralLabels: l('Activities', '活动'),
  timeline: true,
  nameField: 'subject',
  fields: [
    {
      apiName: 'kind',
      type: 'picklist',
      labels: l('Type', '类型'),
      values: [
        { apiName: 'call', labels: l('Call', '电话') },
        { apiName: 'task', labels: l('Task', '任务') },
      ],
    },
    { apiName: 'subject', type: 'text', labels: l('Subject', '主题'), required: true },
    { apiName: 'related_to', type: 'polylookup', labels: l('Related to', '相关对象'), targets: ['account', 'contact'] },
    { apiName: 'due_date', type: 'date', labels: l('Due date', '截止日期') },
  ],
};

describe('record timeline in Chromium', () => {
  let app: BrowserApp;
  let page: Page;
  const ids: Record<string, string> = {};

  async function api(method: string, path: string, body?: unknown) {
    const result = await app.api(method, path, body);
    if (result.status >= 300) throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body as Record<string, string>;
  }

  beforeAll(async () => {
    app = await startBrowserApp({
      tenant: TENANT,
      metadata: { objects: [account, contact, activity] },
      signedIn: true,
      viewport: { width: 1280, height: 1000 },
    });
    ({ page } = app);
    await api('PUT', '/audit/tracked-fields/account', { fields: ['city'] });
    ids.huawei = (await api('POST', '/objects/account/records', { name: '华为技术', city: '深圳' })).id as string;
    await api('PATCH', `/objects/account/records/${ids.huawei}`, { city: '东莞' });
    await api('POST', `/objects/account/records/${ids.huawei}/stage`, { stage: 'customer' });
    ids.zhang = (await api('POST', '/objects/contact/records', { name: '张伟' })).id as string;
    ids.tencent = (await api('POST', '/objects/account/records', { name: '腾讯科技' })).id as string;
    // More than one page (20) of activities on Tencent, so "Load more" has something to load.
    for (let n = 1; n <= 25; n++)
      await api('POST', '/objects/activity/records', { kind: 'task', subject: `Task ${n}`, related_to: { object: 'account', id: ids.tencent } });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('shows the field change and the stage move, then logs a call prefilled with the account, in 中文', async () => {
    await page.goto(`${app.served.url}/app/account/${ids.huawei}`);
    await page.getByRole('heading', { name: '华为技术' }).waitFor();
    await page.getByRole('tab', { name: '时间线' }).click();
    const timeline = page.getByTestId('timeline');
    const field = timeline.locator('[data-kind=field]').first();
    await field.waitFor();
    expect(await field.textContent()).toContain('修改了城市：深圳');
    expect(await field.locator('.old-value').textContent()).toBe('深圳');
    expect(await field.locator('.new-value').textContent()).toBe('东莞');
    // Newest first: the move to 成交客户, then the record's first stage.
    const stage = timeline.locator('[data-kind=stage]').first();
    expect(await stage.textContent()).toContain('阶段（客户生命周期）：潜在客户');
    expect(await stage.locator('.old-value').textContent()).toBe('潜在客户');
    expect(await stage.locator('.new-value').textContent()).toBe('成交客户');
    expect(await timeline.locator('[data-kind=activity]').count()).toBe(0);

    await timeline.getByRole('button', { name: '记录活动' }).click();
    const form = page.getByTestId('generated-form');
    await form.locator('#root_subject').waitFor();
    // The reference arrives filled in: the object chosen, the account shown by its name.
    const related = form.getByTestId('polylookup-related_to');
    expect(await related.getByRole('combobox', { name: '相关对象：对象' }).inputValue()).toBe('account');
    await expect.poll(() => form.locator('#root_related_to').inputValue()).toBe('华为技术');
    await form.locator('#root_kind').selectOption({ label: '电话' });
    await form.locator('#root_subject').fill('首次电话沟通');
    await form.locator('#root_due_date').fill('2026-12-10');
    await form.getByRole('button', { name: '保存' }).click();

    // Back on the account's timeline, the call newest first.
    await page.waitForURL(new RegExp(`/app/account/${ids.huawei}\\?tab=timeline$`));
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('时间线');
    const call = page.getByTestId('timeline').locator('[data-kind=activity]');
    await call.waitFor();
    expect(await page.getByTestId('timeline').locator('li').first().getAttribute('data-kind')).toBe('activity');
    expect(await call.locator('.timeline-kind').textContent()).toBe('电话');
    expect(await call.textContent()).toContain('截止 2026年12月10日');
    const stored = (
      await app.api('GET', `/objects/activity/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'subject' }, '首次电话沟通'] }))}`)
    ).body.data as { id: string; related_to: unknown }[];
    expect(stored).toEqual([expect.objectContaining({ related_to: { object: 'account', id: ids.huawei } })]);
    expect(await call.getByRole('link', { name: '首次电话沟通' }).getAttribute('href')).toBe(`/app/activity/${stored[0]?.id}`);
    await page.screenshot({ path: join(SCREENSHOTS, 'app-timeline.png'), fullPage: true });
  });

  it('picks the related record with the polylookup field: the object, then a record by name', async () => {
    await page.goto(`${app.served.url}/app/activity/new`);
    const form = page.getByTestId('generated-form');
    await form.locator('#root_subject').fill('拜访张伟');
    await form.getByRole('combobox', { name: '相关对象：对象' }).selectOption({ label: '联系人' });
    await form.locator('#root_related_to').fill('张');
    await form.getByRole('option', { name: '张伟' }).click();
    await form.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/app\/activity\/[0-9a-f-]{36}\?created$/);
    // The record page shows the reference by name, linked to the contact.
    await page.getByRole('tab', { name: '详细信息' }).click();
    const link = page.getByTestId('record-details').locator('[data-field=related_to] dd a');
    expect(await link.textContent()).toBe('张伟');
    expect(await link.getAttribute('href')).toBe(`/app/contact/${ids.zhang}`);
    // Editing reads the stored value back into the picker, by name.
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    await expect.poll(() => page.getByTestId('generated-form').locator('#root_related_to').inputValue()).toBe('张伟');
  });

  it('speaks English, loads more with the cursor and shows the contact’s visit', async () => {
    const english = await app.signedInContext({ locale: 'en-US' });
    try {
      const tab = await english.newPage();
      await tab.goto(`${app.served.url}/app/account/${ids.tencent}?tab=timeline`);
      const timeline = tab.getByTestId('timeline');
      await timeline.locator('li').first().waitFor();
      expect(await timeline.getByRole('button', { name: 'Log activity' }).count()).toBe(1);
      expect(await tab.getByRole('tab', { selected: true }).textContent()).toBe('Timeline');
      expect(await timeline.locator('[data-kind=activity]').count()).toBe(20);
      expect(await timeline.locator('.timeline-kind').first().textContent()).toBe('Task');
      await timeline.getByRole('button', { name: 'Load more' }).click();
      await expect.poll(() => timeline.locator('[data-kind=activity]').count()).toBe(25);
      const subjects = await timeline.locator('[data-kind=activity] a').allTextContents();
      expect(new Set(subjects).size).toBe(25);
      expect(await timeline.getByRole('button', { name: 'Load more' }).count()).toBe(0);

      await tab.goto(`${app.served.url}/app/contact/${ids.zhang}?tab=timeline`);
      // The contact's timeline holds the visit logged with the picker; without a type, it reads as an Activity.
      const visit = tab.getByTestId('timeline').locator('[data-kind=activity]');
      await visit.waitFor();
      expect(await visit.locator('a').textContent()).toBe('拜访张伟');
      expect(await visit.locator('.timeline-kind').textContent()).toBe('Activity');
    } finally {
      await english.close();
    }
    publishScreenshot('app-timeline.png');
  });
});
