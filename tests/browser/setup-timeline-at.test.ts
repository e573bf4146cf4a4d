// An activity's place on the timeline, set in Setup (issue #21): the admin marks 拜访记录 as an
// activity and picks its "时间线时间" among the date and datetime fields (plan → review → apply,
// one metadata-only step); a visit logged today about an earlier day then sits at that day on the
// account's timeline, below a stage move made before it was logged. English in a second context:
// the same editor, labels and the details row.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';

const l = (en: string, zh: string) => ({ en, zh });
const account = {
  apiName: 'account',
  labels: l('Account', '客户'),
  fields: [
    { apiName: 'name', type: 'text', labels: l('Name', '名称'), required: true },
    {
      apiName: 'status',
      type: 'picklist',
      labels: l('Status', '状态'),
      values: [
        { apiName: 'prospect', labels: l('Prospect', '潜在客户'), default: true },
        { apiName: 'customer', labels: l('Customer', '成交客户') },
      ],
    },
  ],
  pipelines: [
    {
      apiName: 'lifecycle',
      labels: l('Lifecycle', '客户生命周期'),
      stageField: 'status',
      transitions: 'any',
      stages: [{ value: 'prospect' }, { value: 'customer', category: 'won' }],
    },
  ],
};
const visit = {
  apiName: 'visit',
  labels: l('Visit', '拜访记录'),
  nameField: 'subject',
  fields: [
    { apiName: 'subject', type: 'text', labels: l('Subject', '主题'), required: true },
    { apiName: 'account', type: 'lookup', target: 'account', labels: l('Account', '客户') },
    { apiName: 'visited_at', type: 'datetime', labels: l('Visited at', '拜访时间') },
    { apiName: 'follow_up', type: 'date', labels: l('Follow up', '跟进日期') },
    { apiName: 'notes', type: 'textarea', labels: l('Notes', '备注') },
  ],
};

describe('timeline time of an activity, set in Setup, in Chromium', () => {
  let app: BrowserApp;
  let page: Page;
  let accountId = '';
  const drawer = () => page.getByRole('dialog');

  async function api(method: string, path: string, body?: unknown) {
    const result = await app.api(method, path, body);
    if (result.status >= 300) throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body as Record<string, unknown>;
  }

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'browser_timeline_at', metadata: { objects: [account, visit] }, signedIn: true });
    ({ page } = app);
    accountId = (await api('POST', '/objects/account/records', { name: '宁德时代' })).id as string;
    await api('POST', `/objects/account/records/${accountId}/stage`, { stage: 'customer' });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('marks the object as an activity placed by its visit time, then orders a late-logged visit by it, in 中文', async () => {
    await page.goto(`${app.served.url}/setup/visit`);
    await page.getByRole('button', { name: '编辑对象' }).click();
    const activity = drawer().getByRole('checkbox', { name: '活动：在其关联记录的时间线上显示这些记录' });
    expect(await activity.isChecked()).toBe(false);
    expect(await drawer().getByLabel('时间线时间').count()).toBe(0);
    await activity.check();
    const at = drawer().getByLabel('时间线时间');
    // Only date and datetime fields can place an activity.
    expect(await at.locator('option').allTextContents()).toEqual(['记录的创建时间', '拜访时间 (visited_at)', '跟进日期 (follow_up)']);
    await at.selectOption('visited_at');
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    const review = drawer().getByTestId('change-review');
    await review.waitFor();
    const kinds = await review.locator('[data-testid=plan-steps] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
    expect(kinds).toEqual(['update_metadata']);
    await review.getByRole('button', { name: '执行' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: '关闭' }).click();
    const definition = await api('GET', '/metadata/objects/visit?as=definition');
    expect(definition).toMatchObject({ timeline: true, timelineAt: 'visited_at' });
    expect(await page.getByTestId('object-timeline-at').textContent()).toBe('visited_at');

    // Logged after the stage move, but about a visit two years earlier: it sits below the move.
    const late = await api('POST', '/objects/visit/records', { subject: '补录：首次拜访', account: accountId, visited_at: '2024-03-05T06:00:00.000Z' });
    const fresh = await api('POST', '/objects/visit/records', { subject: '现场回访', account: accountId });
    await page.goto(`${app.served.url}/app/account/${accountId}?tab=timeline`);
    const timeline = page.getByTestId('timeline');
    await timeline.locator('[data-kind=activity]').first().waitFor();
    const order = await timeline.locator('li').evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    // Newest first: the visit logged without a time (at its creation), the stage moves, the late-logged visit.
    expect(order[0]).toBe('activity');
    expect(order.at(-1)).toBe('activity');
    expect(order.slice(1, -1).every((kind) => kind === 'stage')).toBe(true);
    expect(await timeline.locator('li').first().getByRole('link').textContent()).toBe(fresh.subject);
    expect(await timeline.locator('li').last().getByRole('link').textContent()).toBe(late.subject);
  });

  it('shows the same editor and details in English', async () => {
    const english = await app.signedInContext({ locale: 'en-US' });
    try {
      const tab = await english.newPage();
      await tab.goto(`${app.served.url}/setup/visit`);
      expect(await tab.getByTestId('object-timeline-at').textContent()).toBe('visited_at');
      await tab.getByRole('button', { name: 'Edit object' }).click();
      const dialog = tab.getByRole('dialog');
      // Polled like the select below: the drawer fills its fields from the object after it opens.
      const activity = dialog.getByRole('checkbox', { name: 'Activities: show its records on the timeline of the records they point at' });
      await expect.poll(() => activity.isChecked()).toBe(true);
      const at = dialog.getByLabel('Timeline time');
      await expect.poll(() => at.inputValue()).toBe('visited_at');
      expect(await at.locator('option').first().textContent()).toBe('When the record was created');
    } finally {
      await english.close();
    }
  });
});
