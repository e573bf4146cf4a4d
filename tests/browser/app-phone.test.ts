// The end-user app on a 390×844 phone (issue #18): the list (with its views, filter, totals and
// rows as cards), the inbox with a request open, and the notification dropdown never scroll
// sideways (document.documentElement.scrollWidth <= window.innerWidth), in Chinese.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMetadata, BOSS, expectNoSidewaysScroll, SALES, seedApp, signInWithPassword, TENANT } from './app-inbox-fixture.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const PHONE = { width: 390, height: 844 };

describe('App on a 390×844 phone in Chromium (zh)', () => {
  let app: BrowserApp;
  let page: Page;
  let ids: Map<string, string>;
  let requestId = '';

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata: appMetadata, signedIn: false });
    ids = await seedApp(app);
    // A request waiting for 王经理, submitted by 李销售 (tenant token: the setup, not a step under test).
    const sales = await signInWithPassword(app, app.browser, SALES.email, { viewport: PHONE });
    const submitted = (await sales.page.evaluate(async (recordId) => {
      const response = await fetch('/api/v1/approvals/requests', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ object: 'opportunity', recordId, comment: '请审批' }),
      });
      return (await response.json()) as { id: string };
    }, ids.get('阿里钉钉集成') ?? '')) as { id: string };
    requestId = submitted.id;
    await sales.context.close();
    ({ page } = await signInWithPassword(app, app.browser, BOSS.email, { viewport: PHONE }));
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it('shows the list as cards with views, filter and totals, without sideways scrolling', async () => {
    await page.goto(`${app.served.url}/app/opportunity`);
    await page.locator('[aria-busy=false] [data-testid=record-table] tbody tr[data-id]').first().waitFor();
    await page.getByTestId('total-count').waitFor();
    expect(await page.locator('[data-testid=record-table] tbody tr[data-id]').count()).toBe(4);
    // Each cell names its field on a card (the header row is hidden on a phone).
    expect(await page.locator('[data-testid=record-table] thead').isVisible()).toBe(false);
    await page.locator('.column-chooser summary').click();
    await page.screenshot({ path: join(SCREENSHOTS, 'app-phone-list.png'), fullPage: true });
    await expectNoSidewaysScroll(page);
  });

  it('shows the inbox with a request open, and the notifications, without sideways scrolling', async () => {
    await page.goto(`${app.served.url}/inbox/${requestId}`);
    await expect.poll(() => page.getByTestId('request-panel').locator('h3').textContent()).toBe('阿里钉钉集成');
    await page.getByTestId('request-actions').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'app-phone-inbox.png'), fullPage: true });
    await expectNoSidewaysScroll(page);
    await page.getByRole('button', { name: /^通知/ }).click();
    await page.getByRole('dialog', { name: '通知' }).waitFor();
    await expect.poll(() => page.getByTestId('notification-list').textContent()).toContain('商机「阿里钉钉集成」等待您审批');
    await page.screenshot({ path: join(SCREENSHOTS, 'app-phone-notifications.png'), fullPage: true });
    await expectNoSidewaysScroll(page);
  });
});
