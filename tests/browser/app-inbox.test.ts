// Approvals in Chromium (issue #18): 李销售 submits 华为云大单 for approval with a comment (an API
// call from her signed-in page, as the record page would send it); 王经理 signs in with a password,
// sees the pending count in the top bar, finds the request in his inbox by the record's name (no
// ids on screen), opens it and approves with a comment; 李销售 then sees the bell's unread count,
// a Chinese notification naming the record, the opportunity's new stage in her list, and marks
// everything read.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMetadata, BOSS, SALES, seedApp, signInWithPassword, TENANT, UUID } from './app-inbox-fixture.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { publishScreenshot } from './publish-screenshot.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const DEAL = '华为云大单';

describe('App approvals inbox and notifications in Chromium (zh)', () => {
  let app: BrowserApp;
  let sales: Page;
  let boss: Page;
  let ids: Map<string, string>;
  let requestId = '';

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata: appMetadata, signedIn: false });
    ids = await seedApp(app);
    ({ page: sales } = await signInWithPassword(app, app.browser, SALES.email));
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await sales?.context().close();
    await boss?.context().close();
    await app?.close();
  });

  it('the sales user submits the opportunity with a comment', async () => {
    const submitted = (await sales.evaluate(
      async ([recordId]) => {
        const response = await fetch('/api/v1/approvals/requests', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ object: 'opportunity', recordId, comment: '客户预算已确认' }),
        });
        return { status: response.status, body: await response.json() };
      },
      [ids.get(DEAL)],
    )) as { status: number; body: { id: string; status: string } };
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    expect(submitted.body.status).toBe('pending');
    requestId = submitted.body.id;
  });

  it('the approver finds it in his inbox by name and approves with a comment', async () => {
    ({ page: boss } = await signInWithPassword(app, app.browser, BOSS.email));
    const nav = boss.getByRole('navigation', { name: '主导航' });
    await expect.poll(() => nav.getByTestId('inbox-count').textContent()).toBe('1');
    await nav.getByRole('link', { name: /待办/ }).click();
    await boss.waitForURL(`${app.served.url}/inbox`);
    const row = boss.locator(`[data-testid=inbox-list] li[data-request="${requestId}"]`);
    await expect.poll(() => row.locator('.inbox-record').textContent()).toBe(DEAL);
    await expect.poll(() => row.textContent()).toContain(SALES.name);
    const rowText = (await row.textContent()) ?? '';
    // People are shown by name (GET /people), never by id.
    for (const part of ['商机', '大额审批', '经理审批', SALES.name, '待审批']) expect(rowText).toContain(part);
    expect(rowText).not.toMatch(UUID);

    await row.getByRole('button').click();
    await boss.waitForURL(`${app.served.url}/inbox/${requestId}`);
    const panel = boss.getByTestId('request-panel');
    await expect.poll(() => panel.locator('h3').textContent()).toBe(DEAL);
    await expect.poll(() => panel.getByTestId('approval-history').textContent()).toContain(`${SALES.name} 提交了审批: “客户预算已确认”`);
    // He may decide, hand over or add; recalling is the submitter's.
    for (const name of ['同意', '驳回', '转交', '加签', '评论']) await panel.getByRole('button', { name, exact: true }).waitFor();
    expect(await panel.getByRole('button', { name: '撤回' }).count()).toBe(0);
    await boss.screenshot({ path: join(SCREENSHOTS, 'app-inbox.png'), fullPage: true });
    publishScreenshot('app-inbox.png');

    await panel.getByLabel('审批意见').fill('同意，尽快签约');
    await panel.getByRole('button', { name: '同意', exact: true }).click();
    await panel.getByRole('status').filter({ hasText: '已完成。' }).waitFor();
    await expect.poll(() => panel.locator('.request-panel-header .badge').textContent()).toBe('已同意');
    expect(await panel.textContent()).toContain(`${BOSS.name} — 已同意`);
    expect(await panel.textContent()).toContain('同意，尽快签约');
    // Nothing waits for him any more; the decision is under "decided by me".
    await expect.poll(() => nav.getByTestId('inbox-count').count()).toBe(0);
    await boss.getByRole('tab', { name: '我已审批' }).click();
    await expect.poll(() => boss.locator(`[data-testid=inbox-list] li[data-request="${requestId}"] .inbox-record`).textContent()).toBe(DEAL);

    const request = await app.api('GET', `/approvals/requests/${requestId}`);
    expect(request.body).toMatchObject({ status: 'approved' });
  });

  it('the requester sees the notification in Chinese with the record name, and the new stage', async () => {
    await sales.goto(`${app.served.url}/app/opportunity`);
    const bell = sales.getByRole('button', { name: /^通知/ });
    await expect.poll(() => sales.getByTestId('unread-count').textContent()).toBe('1');
    expect(await bell.getAttribute('aria-label')).toBe('通知 (1 条未读)');
    await bell.click();
    const list = sales.getByTestId('notification-list');
    await expect.poll(() => list.locator('li.unread a').first().textContent()).toBe(`您提交的商机「${DEAL}」审批已通过`);
    expect(await list.textContent()).not.toMatch(UUID);
    expect(await list.locator('li.unread a').first().getAttribute('href')).toBe(`/app/opportunity/${ids.get(DEAL)}`);
    const stage = sales.locator(`[data-testid=record-table] tr[data-id="${ids.get(DEAL)}"] td[data-field=stage]`);
    await expect.poll(() => stage.textContent()).toBe('赢单');
    await sales.screenshot({ path: join(SCREENSHOTS, 'app-notifications.png'), fullPage: true });

    await sales.getByRole('button', { name: '全部已读' }).click();
    await expect.poll(() => sales.getByTestId('unread-count').count()).toBe(0);
    expect(await list.locator('li.unread').count()).toBe(0);
    // Her submission is in her inbox under "submitted by me", approved.
    await sales.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: /待办/ }).click();
    await sales.getByRole('tab', { name: '我提交的' }).click();
    const mine = sales.locator(`[data-testid=inbox-list] li[data-request="${requestId}"]`);
    await expect.poll(() => mine.locator('.badge').textContent()).toBe('已同意');
  });
});
