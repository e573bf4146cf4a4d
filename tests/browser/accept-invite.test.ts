// An invitation from Setup to a signed-in user, all in the browser (issue #18: "accept an
// invitation"): the admin invites 陈新人 in People and copies the link the drawer shows; in a fresh
// browser the link opens the accept page, which explains a password the policy refuses on the
// password box (in Chinese) and a mismatched repeat, then sets the password and signs 陈新人 in,
// straight into the App with no Setup link. The account is active afterwards (checked via the API).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { watchContext } from './watch-page.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const INVITED = 'chen@example.com';
const metadata = {
  objects: [
    {
      apiName: 'account',
      labels: { en: 'Account', zh: '客户' },
      fields: [{ type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true }],
    },
  ],
};

describe('Accepting an invitation in Chromium (zh)', () => {
  let app: BrowserApp;
  let admin: Page;
  let link = '';

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'invites', metadata, signedIn: true });
    admin = app.page;
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => app?.close());

  it('shows the admin an invitation link for the new user', async () => {
    await admin.goto(`${app.served.url}/people`);
    await admin.getByRole('button', { name: '+ 邀请用户' }).click();
    const drawer = admin.getByRole('dialog');
    await drawer.getByLabel('邮箱', { exact: true }).fill(INVITED);
    await drawer.getByLabel('姓名', { exact: true }).fill('陈新人');
    await drawer.getByRole('button', { name: '发送邀请' }).click();
    const anchor = drawer.getByTestId('invite-link');
    await anchor.waitFor();
    link = (await anchor.getAttribute('href')) ?? '';
    expect(link).toMatch(new RegExp(`^${app.served.url}/accept-invite\\?tenant=invites&token=tsi_`));
    expect(await anchor.textContent()).toBe(link);
  });

  it('lets the invitee choose a password, explaining refusals on the right box, and signs them in', async () => {
    const context = watchContext(await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } }));
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(link);
    const form = page.getByRole('form', { name: '接受邀请' });
    await form.getByText('设置密码，完成您在 invites 的账号。').waitFor();
    const password = form.getByLabel('新密码', { exact: true });
    // Too short: the server's policy, in Chinese, on the password box; nothing accepted.
    await password.fill('short');
    await form.getByLabel('再次输入密码', { exact: true }).fill('short');
    await form.getByRole('button', { name: '设置密码并登录' }).click();
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('#invite-password-error').textContent()).toBe('至少需要 10 个字符');
    const invited = async () =>
      ((await app.api('GET', '/security/users')).body.data as { email: string; invited: boolean }[]).find((user) => user.email === INVITED);
    expect((await invited())?.invited).toBe(true);
    // The repeat differs: said in the page, nothing sent.
    await password.fill('晨光 bright river 2026');
    await form.getByLabel('再次输入密码', { exact: true }).fill('晨光 bright river 2025');
    await form.getByRole('button', { name: '设置密码并登录' }).click();
    await form.getByText('两次输入的密码不一致。').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'accept-invite.png'), fullPage: true });

    await form.getByLabel('再次输入密码', { exact: true }).fill('晨光 bright river 2026');
    await form.getByRole('button', { name: '设置密码并登录' }).click();
    const nav = page.getByRole('navigation', { name: '主导航' });
    await nav.waitFor();
    await page.waitForURL(`${app.served.url}/app**`);
    expect(await nav.getByRole('link', { name: '设置' }).count()).toBe(0);
    expect(await page.locator('header.topbar').textContent()).toContain('陈新人');
    expect((await invited())?.invited).toBe(false);
    // The link works once.
    const again = await fetch(`${app.served.url}/api/v1/auth/accept-invite`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: 'invites', token: new URL(link).searchParams.get('token'), password: 'another long password 1' }),
    });
    expect(again.status).toBe(401);
    await context.close();
  });
});
