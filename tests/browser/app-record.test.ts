// The record page and global search in Chromium (issue #18), as a salesperson signed in with a
// password, in Chinese: the top bar's search finds an account by a Chinese substring, its 360°
// overview shows the related opportunities' stage totals and counts, "新建商机" opens the form
// with the account filled in (a client-side message in 中文, then fixed), the new opportunity shows
// in the related list, an edit shows in History (old → new, the user's name); English in a
// second context; at 390×844 the record page does not scroll sideways.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';
import { publishScreenshot } from './publish-screenshot.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const TENANT = 'browser_record';
const PASSWORD = 'correct horse battery';
const l = (en: string, zh: string) => ({ en, zh });

const account = {
  apiName: 'account',
  labels: l('Account', '客户'),
  pluralLabels: l('Accounts', '客户'),
  fields: [
    { apiName: 'name', type: 'text', labels: l('Name', '名称'), required: true },
    { apiName: 'phone', type: 'phone', labels: l('Phone', '电话') },
    { apiName: 'city', type: 'text', labels: l('City', '城市') },
  ],
  approvalFlows: [
    {
      apiName: 'credit',
      labels: l('Credit check', '信用审批'),
      lockRecord: false,
      steps: [{ apiName: 'manager', labels: l('Manager', '经理'), approvers: [{ type: 'user', email: 'boss@example.com' }] }],
    },
  ],
};
const opportunity = {
  apiName: 'opportunity',
  labels: l('Opportunity', '商机'),
  pluralLabels: l('Opportunities', '商机'),
  fields: [
    { apiName: 'name', type: 'text', labels: l('Name', '名称'), required: true },
    { apiName: 'amount', type: 'currency', labels: l('Amount', '金额'), min: 0, currencyCode: 'CNY' },
    {
      apiName: 'stage',
      type: 'picklist',
      labels: l('Stage', '阶段'),
      values: [
        { apiName: 'prospecting', labels: l('Prospecting', '初步接洽'), default: true },
        { apiName: 'proposal', labels: l('Proposal', '方案报价') },
        { apiName: 'won', labels: l('Closed won', '赢单') },
        { apiName: 'lost', labels: l('Closed lost', '输单') },
      ],
    },
    { apiName: 'account', type: 'lookup', target: 'account', labels: l('Account', '客户'), required: true },
  ],
  pipelines: [
    {
      apiName: 'sales',
      labels: l('Sales', '销售流程'),
      stageField: 'stage',
      amountField: 'amount',
      transitions: 'any',
      stages: [
        { value: 'prospecting', probability: 10 },
        { value: 'proposal', probability: 50 },
        { value: 'won', category: 'won' },
        { value: 'lost', category: 'lost' },
      ],
    },
  ],
};

describe('record page and global search in Chromium', () => {
  let app: BrowserApp;
  let page: Page;
  const ids: Record<string, string> = {};

  async function api(method: string, path: string, body?: unknown) {
    const result = await app.api(method, path, body);
    if (result.status >= 300) throw new Error(`${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body as Record<string, string>;
  }
  const noSidewaysScroll = (tab: Page) => tab.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata: { objects: [account, opportunity] }, signedIn: false, viewport: { width: 1280, height: 1000 } });
    ({ page } = app);
    const sales = await api('POST', '/security/permission-sets', {
      name: 'sales',
      objects: { account: { read: true, create: true, edit: true, viewAll: true }, opportunity: { read: true, create: true, edit: true, viewAll: true } },
    });
    await api('POST', '/security/users', { email: 'boss@example.com', name: '王经理', password: PASSWORD, admin: true });
    const seller = await api('POST', '/security/users', { email: 'li@example.com', name: '李销售', password: PASSWORD, permissionSetIds: [sales.id] });
    await api('PUT', '/audit/tracked-fields/account', { fields: ['phone', 'city'] });
    ids.huawei = (await api('POST', '/objects/account/records', { name: '华为技术有限公司', phone: '0755-28780808', city: '深圳', owner_id: seller.id }))
      .id as string;
    ids.tencent = (await api('POST', '/objects/account/records', { name: '腾讯科技', city: '深圳' })).id as string;
    for (const [name, amount, stage] of [
      ['华为 5G 核心网', 1_200_000, 'prospecting'],
      ['华为数据中心', 800_000, 'proposal'],
      ['华为终端集采', 300_000, 'won'],
    ] as const) {
      await api('POST', '/objects/opportunity/records', { name, amount, stage, account: ids.huawei });
    }
    // Seven for Tencent: more than a related list shows at first (5), so it pages.
    for (let n = 1; n <= 7; n++)
      await api('POST', '/objects/opportunity/records', { name: `Tencent deal ${n}`, amount: n, stage: 'lost', account: ids.tencent });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('finds an account by a Chinese substring from the top bar and opens its 360° overview', async () => {
    await page.goto(`${app.served.url}/?tenant=${TENANT}`);
    const form = page.getByRole('form', { name: '使用邮箱和密码登录' });
    await form.getByLabel('邮箱', { exact: true }).fill('li@example.com');
    await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await form.getByRole('button', { name: '登录', exact: true }).click();

    const box = page.getByRole('searchbox', { name: '全局搜索' });
    await box.fill('华为');
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const accounts = page.getByRole('region', { name: '客户' });
    await accounts.getByRole('link', { name: '华为技术有限公司' }).waitFor();
    expect(await accounts.getByRole('link').allTextContents()).toEqual(['华为技术有限公司']);
    // Opportunities match too, in their own group; the account (a prefix match) comes first.
    const opportunities = page.getByRole('region', { name: '商机' });
    expect((await opportunities.getByRole('link').allTextContents()).sort()).toEqual(['华为 5G 核心网', '华为数据中心', '华为终端集采'].sort());
    expect(
      await page
        .getByTestId('search-results')
        .locator('section')
        .evaluateAll((groups) => groups.map((group) => group.getAttribute('data-object'))),
    ).toEqual(['account', 'opportunity']);
    await page.screenshot({ path: join(SCREENSHOTS, 'app-search.png'), fullPage: true });

    await accounts.getByRole('link', { name: '华为技术有限公司' }).click();
    await page.waitForURL(new RegExp(`/app/account/${ids.huawei}$`));
    await page.getByRole('heading', { name: '华为技术有限公司' }).waitFor();
    expect(await page.getByRole('tab', { selected: true }).textContent()).toBe('360° 概览');
    const totals = page.getByTestId('stage-totals');
    await totals.waitFor();
    const row = (stage: string) => totals.locator(`tr[data-stage=${stage}]`);
    expect(await row('prospecting').locator('td').allTextContents()).toEqual(['1', '¥1,200,000.00']);
    expect(await row('proposal').locator('td').first().textContent()).toBe('1');
    expect(await row('won').locator('td').first().textContent()).toBe('1');
    expect(await totals.locator('tr.total td').first().textContent()).toBe('3');
    // Open opportunities only: the won one is not listed.
    const open = page.locator('.open-records');
    expect((await open.getByRole('link').allTextContents()).sort()).toEqual(['华为 5G 核心网', '华为数据中心'].sort());
    const related = page.locator('[data-related="opportunity.account"]');
    expect(await related.getByTestId('related-count').textContent()).toBe('3');
    await page.screenshot({ path: join(SCREENSHOTS, 'app-record-360.png'), fullPage: true });
  });

  it('creates an opportunity from the related list with the account filled in, after a message in 中文', async () => {
    await page.locator('[data-related="opportunity.account"]').getByRole('button', { name: '新建商机' }).click();
    const form = page.getByTestId('generated-form');
    await form.locator('#root_name').waitFor();
    // The lookup arrives filled in and shows the account's name.
    await expect.poll(() => form.locator('#root_account').inputValue()).toBe('华为技术有限公司');
    await form.locator('#root_name').fill('华为云扩容');
    await form.locator('#root_amount').fill('-5');
    await form.getByRole('button', { name: '保存' }).click();
    await form.locator('#root_amount__error').waitFor();
    expect(await form.locator('#root_amount__error').textContent()).toBe('不能小于 0');
    expect((await api('GET', `/objects/account/records/${ids.huawei}/related`)) as unknown).toMatchObject({ data: [{ count: 3 }] });
    await page.screenshot({ path: join(SCREENSHOTS, 'app-record-new-related.png'), fullPage: true });

    await form.locator('#root_amount').fill('200000');
    await form.getByRole('button', { name: '保存' }).click();
    // Back on the account, the new opportunity in the related list.
    await page.waitForURL(new RegExp(`/app/account/${ids.huawei}$`));
    const related = page.locator('[data-related="opportunity.account"]');
    await expect.poll(() => related.getByTestId('related-count').textContent()).toBe('4');
    await related.getByRole('link', { name: '华为云扩容' }).waitFor();
    const stored = (
      await app.api('GET', `/objects/opportunity/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'name' }, '华为云扩容'] }))}`)
    ).body;
    expect(stored.data).toEqual([expect.objectContaining({ account: ids.huawei, amount: 200000 })]);

    // The opportunity's page shows its account by name, linked; its form edits the id behind it.
    await related.getByRole('link', { name: '华为云扩容' }).click();
    await page.getByRole('tab', { name: '详细信息' }).click();
    const accountLink = page.getByTestId('record-details').locator('[data-field=account] dd a');
    expect(await accountLink.textContent()).toBe('华为技术有限公司');
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    const edit = page.getByTestId('generated-form');
    await expect.poll(() => edit.locator('#root_account').inputValue()).toBe('华为技术有限公司');
    await edit.locator('#root_amount').fill('250000');
    await edit.getByRole('button', { name: '保存' }).click();
    await page.getByText('记录已保存。').waitFor();
    const changed = (await app.api('GET', `/objects/opportunity/records/${(stored.data as { id: string }[])[0]?.id}`)).body;
    expect(changed).toMatchObject({ account: ids.huawei, amount: 250000, version: 2 });
    await page.getByTestId('record-details').locator('[data-field=account] dd a').click();
    await page.waitForURL(new RegExp(`/app/account/${ids.huawei}$`));
  });

  it('edits the account and shows the change in History with the user’s name', async () => {
    await page.getByRole('tab', { name: '详细信息' }).click();
    const details = page.getByTestId('record-details');
    expect(await details.locator('[data-field=city] dd').textContent()).toBe('深圳');
    expect(await details.locator('[data-field=owner_id] dd, [data-field=负责人] dd').first().textContent()).toContain('李销售');
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    const form = page.getByTestId('generated-form');
    await form.locator('#root_city').fill('东莞');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByText('记录已保存。').waitFor();
    await expect.poll(() => page.getByTestId('record-details').locator('[data-field=city] dd').textContent()).toBe('东莞');

    await page.getByRole('tab', { name: /历史记录/ }).click();
    const change = page.getByTestId('history-table').locator('tr[data-field=city]').first();
    await change.waitFor();
    expect(await change.locator('td').nth(1).textContent()).toBe('李销售');
    expect(await change.locator('td').nth(2).textContent()).toBe('城市');
    expect(await change.locator('.old-value').textContent()).toBe('深圳');
    expect(await change.locator('.new-value').textContent()).toBe('东莞');
    await page.screenshot({ path: join(SCREENSHOTS, 'app-record-history.png'), fullPage: true });
  });

  it('submits the account for approval with a comment and shows it under Approvals', async () => {
    const actions = page.getByTestId('approval-actions');
    await actions.getByRole('button', { name: '提交审批' }).click();
    await actions.getByRole('textbox').fill('请审批信用额度');
    await actions.getByRole('button', { name: '提交', exact: true }).click();
    await actions.getByText('审批中').waitFor();
    await page.getByRole('tab', { name: /审批/ }).click();
    const request = page.getByTestId('approvals').locator('.approval-request').first();
    await request.waitFor();
    expect(await request.getAttribute('data-status')).toBe('pending');
    expect(await request.textContent()).toContain('信用审批');
    expect(await request.textContent()).toContain('请审批信用额度');
    const stored = (await app.api('GET', `/objects/account/records/${ids.huawei}/approvals`)).body.data as { status: string; comment: string }[];
    expect(stored).toEqual([expect.objectContaining({ status: 'pending', comment: '请审批信用额度' })]);
    // The timeline lists the request with the flow's label, beside the tracked change.
    await page.getByRole('tab', { name: '时间线' }).click();
    const approval = page.getByTestId('timeline').locator('[data-kind=approval]');
    await approval.waitFor();
    expect(await approval.textContent()).toContain('审批：信用审批');
    expect(await page.getByTestId('timeline').locator('[data-kind=field]').count()).toBeGreaterThan(0);
  });

  it('speaks English to an English browser', async () => {
    const english = await app.signedInContext({ locale: 'en-US' });
    try {
      const tab = await english.newPage();
      await tab.goto(`${app.served.url}/search?q=${encodeURIComponent('腾讯')}`);
      await tab.getByRole('heading', { name: 'Results for “腾讯”' }).waitFor();
      await tab.getByRole('region', { name: 'Accounts' }).getByRole('link', { name: '腾讯科技' }).click();
      await tab.getByRole('tab', { name: 'Details' }).waitFor();
      expect(await tab.getByRole('tablist', { name: 'Record sections' }).getByRole('tab').allTextContents()).toEqual([
        '360° overview',
        'Details',
        'Related 7',
        'History 1',
        'Approvals',
        'Timeline',
      ]);
      await tab.getByRole('tab', { name: /^Related/ }).click();
      await tab.getByRole('button', { name: 'New Opportunity' }).waitFor();
      const deals = tab.locator('[data-related="opportunity.account"]');
      expect(await deals.locator('tbody tr').count()).toBe(5);
      await deals.getByRole('button', { name: 'Show all 7' }).click();
      await expect.poll(() => deals.locator('tbody tr').count()).toBe(7);
      expect(await deals.getByRole('link', { name: 'Tencent deal 1', exact: true }).count()).toBe(1);
    } finally {
      await english.close();
    }
  });

  it('the record page does not scroll sideways at 390×844', async () => {
    const phone = await app.signedInContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    try {
      const tab = await phone.newPage();
      await tab.goto(`${app.served.url}/app/account/${ids.huawei}`);
      await tab.getByTestId('stage-totals').waitFor();
      await tab.locator('.open-records a').first().waitFor();
      expect(await noSidewaysScroll(tab)).toBe(true);
      await tab.screenshot({ path: join(SCREENSHOTS, 'app-record-phone.png'), fullPage: true });
      for (const name of ['详细信息', /相关/, /历史记录/]) {
        await tab.getByRole('tab', { name }).click();
        expect(await noSidewaysScroll(tab), String(name)).toBe(true);
      }
      await tab.goto(`${app.served.url}/search?q=${encodeURIComponent('华为')}`);
      await tab.getByTestId('search-results').locator('a').first().waitFor();
      expect(await noSidewaysScroll(tab)).toBe(true);
    } finally {
      await phone.close();
    }
    for (const image of ['app-record-360.png', 'app-search.png']) publishScreenshot(image);
  });
});
