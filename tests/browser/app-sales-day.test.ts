// A sales day end to end in Chromium, in Chinese (issue #18, "Must show"): 李销售 signs in with a
// password, builds and saves a filtered view with the condition builder, finds 华为技术有限公司
// by 华为 in global search, opens its 360° overview, creates an opportunity from the related list
// (a client-side message in 中文 first, then fixed), moves it on the board with the card's menu
// and submits it for approval with a comment; 王经理 signs in in a second context, finds it in his
// inbox by name and approves with a comment; she sees the notification and the new stage. Then the
// same list, record page and inbox at 390×844 without sideways scrolling. Throughout, the fields
// her permission set hides (the account's 内部评级, the opportunity's 利润) never show, on screen or
// in the API answers those screens read (checked from her signed-in page, with her cookie).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVER, DEALS, HUAWEI, SECRET_MARGIN, SECRET_RATING, SELLER, salesDayMetadata, seedSalesDay } from '../fixtures/sales-day.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { publishScreenshot } from './publish-screenshot.ts';
import { expectNoSidewaysScroll, signInWithPassword, TENANT, UUID } from './app-inbox-fixture.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const PHONE = { width: 390, height: 844 };
const NEW_DEAL = '华为云扩容';
const COMMENT = '客户预算已确认，请审批';
const DECISION = '同意，本周签约';

/** expect.poll with room for a loaded machine (its default gives up after a second). */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 100 });
const shot = (page: Page, step: string) => page.screenshot({ path: join(SCREENSHOTS, `sales-day-${step}.png`), fullPage: true });

describe('a sales day in Chromium (zh): sign in, view, search, 360°, new deal, board, approval, phone', () => {
  let app: BrowserApp;
  let ids: Map<string, string>;
  let sales: Page;
  let boss: Page;
  let dealId = '';
  let requestId = '';

  /** A password sign-in through the form (the suites' helper), in a context of its own; no token in the browser's storage. */
  async function signIn(email: string, step: string): Promise<Page> {
    const { page } = await signInWithPassword(app, app.browser, email);
    expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toContain(app.token);
    await shot(page, step);
    return page;
  }

  /** GET through the page's own session (her cookie, her permissions), as the screens call it. */
  const asUser = async (page: Page, path: string) =>
    (await page.evaluate(async (url) => {
      const response = await fetch(`/api/v1${url}`);
      return { status: response.status, text: await response.text() };
    }, path)) as { status: number; text: string };

  const table = () => sales.getByTestId('record-table');
  const shownNames = async () => {
    await sales.locator('[aria-busy=false] [data-testid=record-table]').waitFor();
    return (await table().locator('tbody tr[data-id] td[data-field=name]').allTextContents()).sort();
  };

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata: salesDayMetadata, signedIn: false });
    ids = await seedSalesDay(app.api);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await sales?.context().close();
    await boss?.context().close();
    await app?.close();
  });

  it('李销售 signs in with her password and saves a filtered view built with the condition builder', async () => {
    sales = await signIn(SELLER.email, '01-sign-in');
    // No Setup for a sales user.
    expect(await sales.getByRole('navigation', { name: '主导航' }).getByRole('link').allTextContents()).not.toContain('设置');
    await sales.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '应用' }).click();
    await sales.locator('#app-object-picker').selectOption({ label: '商机' });
    await sales.waitForURL(`${app.served.url}/app/opportunity`);
    await eventually(shownNames).toEqual(DEALS.map(([name]) => name).sort());
    // 利润 is hidden from her: no column, nothing in the column chooser.
    expect(await table().locator('th[data-field]').allTextContents()).toEqual(['名称', '客户', '金额', '阶段']);
    expect(await sales.locator('.column-chooser').textContent()).not.toContain('利润');

    const filter = sales.getByTestId('list-filter');
    await filter.getByRole('button', { name: '+ 条件', exact: true }).click();
    const rule = filter.locator('.rule').first();
    await rule.getByTitle('字段').selectOption({ label: '金额' });
    await rule.getByTitle('运算符').selectOption({ label: '大于' });
    await rule.getByTitle('值').fill('1000');
    await filter.getByRole('button', { name: '应用' }).click();
    const big = DEALS.filter(([, , amount]) => amount > 1000).map(([name]) => name);
    await eventually(shownNames).toEqual(big.sort());
    await eventually(() => sales.getByTestId('total-count').textContent()).toBe(`共 ${big.length} 条记录`);

    await sales.getByRole('button', { name: '另存为视图' }).click();
    const form = sales.getByRole('form', { name: '另存为视图' });
    await form.getByLabel('视图名称').fill('我的大单');
    await form.getByLabel('设为默认打开').check();
    await form.getByRole('button', { name: '保存' }).click();
    await eventually(() => sales.getByRole('combobox', { name: '列表视图' }).locator('option:checked').textContent()).toBe('我的大单 · 默认');
    await shot(sales, '02-saved-view');
    // Stored on the server as her view, with the builder's condition.
    const views = JSON.parse((await asUser(sales, '/objects/opportunity/views')).text) as {
      data: { labels: { zh?: string }; shared: boolean; default: boolean; definition: { filter?: unknown } }[];
    };
    const mine = views.data.find((view) => view.labels.zh === '我的大单');
    expect(mine).toMatchObject({ shared: false, default: true, definition: { filter: { '>': [{ var: 'amount' }, 1000] } } });
  });

  it('finds the account by a Chinese substring and opens its 360° overview', async () => {
    const box = sales.getByRole('searchbox', { name: '全局搜索' });
    await box.fill('华为');
    await box.press('Enter');
    await sales.waitForURL(/\/search\?q=/);
    const accounts = sales.getByRole('region', { name: '客户' });
    await accounts.getByRole('link', { name: HUAWEI }).waitFor();
    expect(await accounts.getByRole('link').allTextContents()).toEqual([HUAWEI]);
    await shot(sales, '03-search');

    await accounts.getByRole('link', { name: HUAWEI }).click();
    await sales.waitForURL(`${app.served.url}/app/account/${ids.get(HUAWEI)}`);
    await sales.getByRole('heading', { name: HUAWEI }).waitFor();
    expect(await sales.getByRole('tab', { selected: true }).textContent()).toBe('360° 概览');
    const totals = sales.getByTestId('stage-totals');
    await totals.waitFor();
    expect(await totals.locator('tr[data-stage=prospecting] td').allTextContents()).toEqual(['2', '¥1,200,800.00']);
    expect(await sales.locator('[data-related="opportunity.account"]').getByTestId('related-count').textContent()).toBe('2');
    await shot(sales, '04-account-360');
  });

  it('creates an opportunity from the related list: a message in 中文 first, then saved', async () => {
    await sales.locator('[data-related="opportunity.account"]').getByRole('button', { name: '新建商机' }).click();
    const form = sales.getByTestId('generated-form');
    await form.locator('#root_name').waitFor();
    await eventually(() => form.locator('#root_account').inputValue()).toBe(HUAWEI);
    // The form has no input for the field she may not read.
    expect(await form.locator('#root_margin').count()).toBe(0);
    await form.locator('#root_name').fill(NEW_DEAL);
    await form.locator('#root_amount').fill('-5');
    await form.getByRole('button', { name: '保存' }).click();
    await form.locator('#root_amount__error').waitFor();
    expect(await form.locator('#root_amount__error').textContent()).toBe('不能小于 0');
    await shot(sales, '05-form-message');
    // Refused in the browser: nothing reached the server.
    expect((await app.api('GET', `/objects/account/records/${ids.get(HUAWEI)}/related`)).body).toMatchObject({ data: [{ count: 2 }] });

    await form.locator('#root_amount').fill('200000');
    await form.getByRole('button', { name: '保存' }).click();
    await sales.waitForURL(`${app.served.url}/app/account/${ids.get(HUAWEI)}`);
    const related = sales.locator('[data-related="opportunity.account"]');
    await eventually(() => related.getByTestId('related-count').textContent()).toBe('3');
    await related.getByRole('link', { name: NEW_DEAL }).waitFor();
    const stored = await app.api('GET', `/objects/opportunity/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'name' }, NEW_DEAL] }))}`);
    const [created] = stored.body.data as { id: string; account: string; amount: number; stage: string }[];
    expect(created).toMatchObject({ account: ids.get(HUAWEI), amount: 200000, stage: 'prospecting' });
    dealId = created?.id ?? '';
  });

  it('moves the new opportunity on the board with its card menu', async () => {
    await sales.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '看板' }).click();
    await sales.locator('#board-object-picker').selectOption({ label: '商机' });
    await sales.waitForURL(`${app.served.url}/board/opportunity`);
    const settled = () => sales.locator('[data-testid=board][aria-busy=false]').waitFor();
    const card = sales.locator(`[data-testid=board] article[data-id="${dealId}"]`);
    await settled();
    expect(await card.evaluate((element) => element.closest('section')?.getAttribute('data-stage'))).toBe('prospecting');
    await card.getByRole('combobox', { name: '推进到…' }).selectOption({ label: '方案报价' });
    await sales.locator('[role=status]').waitFor();
    await settled();
    await eventually(() => card.evaluate((element) => element.closest('section')?.getAttribute('data-stage'))).toBe('proposal');
    expect((await app.api('GET', `/objects/opportunity/records/${dealId}`)).body).toMatchObject({ stage: 'proposal' });
    await shot(sales, '06-board');
  });

  it('submits it for approval with a comment from its record page', async () => {
    // Back to her saved view (the list's default now), where the new deal qualifies, and open it.
    await sales.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '应用' }).click();
    await sales.locator('#app-object-picker').selectOption({ label: '商机' });
    await eventually(() => sales.getByRole('combobox', { name: '列表视图' }).locator('option:checked').textContent()).toBe('我的大单 · 默认');
    await eventually(shownNames).toEqual(['华为 5G 核心网', '阿里钉钉集成', NEW_DEAL].sort());
    await table().locator(`tr[data-id="${dealId}"] td[data-field=name] a`).click();
    await sales.waitForURL(`${app.served.url}/app/opportunity/${dealId}`);
    await sales.getByRole('heading', { name: NEW_DEAL }).waitFor();

    const actions = sales.getByTestId('approval-actions');
    await actions.getByRole('button', { name: '提交审批' }).click();
    await actions.getByRole('textbox').fill(COMMENT);
    await actions.getByRole('button', { name: '提交', exact: true }).click();
    await actions.locator('.badge-locked, .badge-pending').waitFor();
    await shot(sales, '07-submitted');
    const approvals = (await app.api('GET', `/objects/opportunity/records/${dealId}/approvals`)).body.data as { id: string; status: string; comment: string }[];
    expect(approvals).toEqual([expect.objectContaining({ status: 'pending', comment: COMMENT })]);
    requestId = approvals[0]?.id ?? '';
  });

  it('王经理 signs in, finds it in his inbox by name and approves with a comment', async () => {
    boss = await signIn(APPROVER.email, '08-approver-sign-in');
    const nav = boss.getByRole('navigation', { name: '主导航' });
    await eventually(() => nav.getByTestId('inbox-count').textContent()).toBe('1');
    await nav.getByRole('link', { name: /待办/ }).click();
    await boss.waitForURL(`${app.served.url}/inbox`);
    const row = boss.locator('[data-testid=inbox-list] li', { hasText: NEW_DEAL });
    await eventually(() => row.locator('.inbox-record').textContent()).toBe(NEW_DEAL);
    expect(await row.textContent()).not.toMatch(UUID);
    await row.getByRole('button').click();
    await boss.waitForURL(`${app.served.url}/inbox/${requestId}`);
    const panel = boss.getByTestId('request-panel');
    await eventually(() => panel.locator('h3').textContent()).toBe(NEW_DEAL);
    expect(await panel.getByTestId('approval-history').textContent()).toContain(COMMENT);
    await panel.getByLabel('审批意见').fill(DECISION);
    await shot(boss, '09-inbox');
    await panel.getByRole('button', { name: '同意', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: '已完成。' }).waitFor();
    await eventually(() => panel.locator('.request-panel-header .badge').textContent()).toBe('已同意');
    expect(await panel.textContent()).toContain(DECISION);
    expect((await app.api('GET', `/approvals/requests/${requestId}`)).body).toMatchObject({ status: 'approved' });
  });

  it('李销售 sees the notification naming the deal, and its new stage on the record page', async () => {
    await sales.reload();
    await eventually(() => sales.getByTestId('unread-count').textContent()).toBe('1');
    await sales.getByRole('button', { name: /^通知/ }).click();
    const list = sales.getByTestId('notification-list');
    await eventually(() => list.locator('li.unread a').first().textContent()).toBe(`您提交的商机「${NEW_DEAL}」审批已通过`);
    expect(await list.textContent()).not.toMatch(UUID);
    await shot(sales, '10-notification');
    await list.locator('li.unread a').first().click();
    await sales.waitForURL(`${app.served.url}/app/opportunity/${dealId}`);
    // Following the notification read it.
    await eventually(() => sales.getByTestId('unread-count').count()).toBe(0);
    await sales.getByTestId('approval-actions').locator('.badge-approved').waitFor();
    await sales.getByRole('tab', { name: '详细信息' }).click();
    await eventually(() => sales.getByTestId('record-details').locator('[data-field=stage] dd').textContent()).toBe('赢单');
    await sales.getByRole('tab', { name: /审批/ }).click();
    const request = sales.getByTestId('approvals').locator('.approval-request').first();
    await eventually(() => request.getAttribute('data-status')).toBe('approved');
    expect(await request.textContent()).toContain(DECISION);
    await shot(sales, '11-approved');
    expect((await app.api('GET', `/objects/opportunity/records/${dealId}`)).body).toMatchObject({ stage: 'won' });
  });

  it('the list, record page and inbox do not scroll sideways at 390×844', async () => {
    await sales.setViewportSize(PHONE);
    await boss.setViewportSize(PHONE);
    await sales.goto(`${app.served.url}/app/opportunity`);
    await eventually(shownNames).toEqual(['华为 5G 核心网', '阿里钉钉集成', NEW_DEAL].sort());
    await expectNoSidewaysScroll(sales);
    await shot(sales, '12-phone-list');
    await sales.goto(`${app.served.url}/app/account/${ids.get(HUAWEI)}`);
    await sales.getByTestId('stage-totals').waitFor();
    await expectNoSidewaysScroll(sales);
    await shot(sales, '13-phone-record');
    for (const name of ['详细信息', /相关/, /历史记录/, /审批/]) {
      await sales.getByRole('tab', { name }).click();
      // Each tab's content loads on opening it: measure once it has.
      await sales.waitForLoadState('networkidle');
      await expectNoSidewaysScroll(sales);
    }
    await boss.getByRole('tab', { name: '我已审批' }).click();
    await eventually(() => boss.locator('[data-testid=inbox-list] li .inbox-record').first().textContent()).toBe(NEW_DEAL);
    await expectNoSidewaysScroll(boss);
    await boss.goto(`${app.served.url}/inbox/${requestId}`);
    await eventually(() => boss.getByTestId('request-panel').locator('h3').textContent()).toBe(NEW_DEAL);
    await expectNoSidewaysScroll(boss);
    await shot(boss, '14-phone-inbox');
    await sales.setViewportSize({ width: 1280, height: 900 });
  });

  it('never shows her the fields her permission set hides, on screen or in the screens’ API answers', async () => {
    const huawei = ids.get(HUAWEI) ?? '';
    const secrets = (text: string) =>
      [SECRET_RATING, '内部评级', 'rating', '利润', 'margin', String(SECRET_MARGIN), SECRET_MARGIN.toLocaleString('zh-CN')].filter((secret) =>
        text.includes(secret),
      );
    // The screens: list, account page (every tab), the deal's page, search results, related list.
    const seen: Promise<{ path: string; status: number; text: string }>[] = [];
    const record = (response: Response) => {
      const url = new URL(response.url());
      if (!url.pathname.startsWith('/api/v1/') || response.request().method() !== 'GET') return;
      seen.push(response.text().then((text) => ({ path: url.pathname.slice('/api/v1'.length) + url.search, status: response.status(), text })));
    };
    sales.on('response', record);
    await sales.goto(`${app.served.url}/app/opportunity`);
    await eventually(shownNames).not.toEqual([]);
    expect(secrets((await sales.locator('main').textContent()) ?? ''), 'list').toEqual([]);
    await sales.goto(`${app.served.url}/app/account/${huawei}`);
    await sales.getByTestId('stage-totals').waitFor();
    await sales.getByRole('tab', { name: '详细信息' }).click();
    expect(await sales.getByTestId('record-details').locator('[data-field=city] dd').textContent()).toBe('深圳');
    expect(secrets((await sales.locator('main').textContent()) ?? ''), 'account details').toEqual([]);
    await sales.getByRole('tab', { name: /相关/ }).click();
    await sales.locator('[data-related="opportunity.account"]').getByRole('link', { name: '华为 5G 核心网' }).waitFor();
    expect(secrets((await sales.locator('main').textContent()) ?? ''), 'related lists').toEqual([]);
    await sales.goto(`${app.served.url}/app/opportunity/${ids.get('华为 5G 核心网')}`);
    await sales.getByRole('tab', { name: '详细信息' }).click();
    await sales.getByTestId('record-details').locator('[data-field=amount]').waitFor();
    expect(secrets((await sales.locator('main').textContent()) ?? ''), 'deal page').toEqual([]);
    // Searching for the hidden value finds nothing for her; the tenant token (who may read it) finds both accounts.
    await sales.goto(`${app.served.url}/search?q=${encodeURIComponent('机密')}`);
    await sales.getByText(`没有找到“机密”。`).waitFor();
    expect(await sales.getByTestId('search-results').locator('a').count()).toBe(0);
    const asAdmin = (await app.api('GET', `/search?q=${encodeURIComponent('机密')}`)).body.data as { object: string; records: unknown[] }[];
    expect(asAdmin.find((group) => group.object === 'account')?.records).toHaveLength(2);
    await shot(sales, '15-hidden-search');

    // The API answers those screens read (recorded as they arrived): none carries a hidden field,
    // and among them are the list, the record, /search and /related.
    sales.off('response', record);
    const answers = await Promise.all(seen);
    const paths = answers.map(({ path }) => path);
    for (const expected of [/^\/objects\/opportunity\/records\?/, /^\/objects\/account\/records\/[^/?]+(\?|$)/, /^\/search\?/, /\/related(\?|$)/]) {
      expect(
        paths.some((path) => expected.test(path)),
        `${expected} among ${paths.join(', ')}`,
      ).toBe(true);
    }
    for (const { path, status, text } of answers) {
      expect(status, `${path}: ${text}`).toBeLessThan(400);
      expect(
        [SECRET_RATING, String(SECRET_MARGIN), '"rating"', '"margin"'].filter((secret) => text.includes(secret)),
        path,
      ).toEqual([]);
    }
    // The approver may read them: the same deal's page shows 利润 to him.
    await boss.setViewportSize({ width: 1280, height: 900 });
    await boss.goto(`${app.served.url}/app/opportunity/${ids.get('华为 5G 核心网')}`);
    await boss.getByRole('tab', { name: '详细信息' }).click();
    await eventually(() => boss.getByTestId('record-details').locator('[data-field=margin] dd').textContent()).toBe(SECRET_MARGIN.toLocaleString('zh-CN'));

    for (const step of ['04-account-360', '09-inbox', '10-notification']) {
      publishScreenshot(`sales-day-${step}.png`, `sales-day-${step.replace(/^\d+-/, '')}.png`);
    }
  });
});
