// Password sign-in in a real browser (issue #18, for #19's demo tenant): a tenant with an admin and
// a sales user created through the security API; the sales user signs in with email and password
// and gets the App without Setup, while nothing secret lands in browser storage (the session is an
// HttpOnly cookie); sign-out ends it; the admin gets Setup; a wrong password shows the server's
// problem; `?tenant=` and the last tenant fill in the tenant; a session that ends mid-use returns
// to sign-in; the page speaks English to an English browser.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import type { ServedApp } from './serve-app.ts';
import { watchContext } from './watch-page.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const TENANT = 'password_e2e';
const PASSWORD = 'correct horse battery';
const ADMIN = 'admin@example.com';
const SALES = 'sales@example.com';

const accountDef = {
  apiName: 'account',
  labels: { en: 'Account', zh: '客户' },
  pluralLabels: { en: 'Accounts', zh: '客户' },
  fields: [{ type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true }],
};

describe('password sign-in in Chromium', () => {
  let app: BrowserApp;
  let served: ServedApp;
  let page: Page;

  async function api(path: string, body: unknown): Promise<{ id: string }> {
    const response = await fetch(`${served.url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 201 && response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  }

  const passwordForm = () => page.getByRole('form', { name: '使用邮箱和密码登录' });
  const mainNav = () => page.getByRole('navigation', { name: '主导航' });

  async function signIn(email: string, password: string): Promise<void> {
    const form = passwordForm();
    await form.getByLabel('邮箱', { exact: true }).fill(email);
    await form.getByLabel('密码', { exact: true }).fill(password);
    await form.getByRole('button', { name: '登录', exact: true }).click();
  }

  /** Every localStorage and sessionStorage entry, as `area:key=value`. */
  async function browserStorage(): Promise<string[]> {
    return page.evaluate(`[localStorage, sessionStorage].flatMap((area, index) =>
      Object.keys(area).map((key) => (index === 0 ? 'local:' : 'session:') + key + '=' + area.getItem(key)))`);
  }

  async function sessionCookies() {
    return (await page.context().cookies()).filter((cookie) => cookie.name === 'tessera_session');
  }

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata: accountDef, signedIn: false });
    ({ served, page } = app);
    const sales = await api('/security/permission-sets', { name: 'sales', objects: { account: { read: true, create: true, edit: true } } });
    await api('/security/users', { email: ADMIN, name: 'Ada Admin', password: PASSWORD, admin: true });
    await api('/security/users', { email: SALES, name: '李销售', password: PASSWORD, permissionSetIds: [sales.id] });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  it('fills in the tenant from ?tenant= and shows the server problem for a wrong password', async () => {
    await page.goto(`${served.url}/?tenant=${TENANT}`);
    expect(await passwordForm().getByLabel('租户', { exact: true }).inputValue()).toBe(TENANT);
    await page.screenshot({ path: join(SCREENSHOTS, 'password-sign-in.png'), fullPage: true });

    await signIn(SALES, 'not the password');
    const problem = passwordForm().getByRole('alert');
    await problem.waitFor();
    // The same answer the API gives a Chinese client: the page shows the server's own words.
    const answer = await fetch(`${served.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ tenant: TENANT, email: SALES, password: 'not the password' }),
    });
    const expected = (await answer.json()) as { title: string; detail: string; code: string };
    expect(answer.status).toBe(401);
    expect(expected.code).toBe('TSR301');
    const text = await problem.textContent();
    for (const part of [expected.title, expected.detail, 'TSR301']) expect(text).toContain(part);
    expect(await sessionCookies()).toEqual([]);
    expect(page.url()).toBe(`${served.url}/?tenant=${TENANT}`);
  });

  it('signs the sales user in with a session cookie: the App, no Setup, no token in browser storage', async () => {
    await signIn(SALES, PASSWORD);
    await page.waitForURL(`${served.url}/app/account`);
    await mainNav().getByRole('link', { name: '应用' }).waitFor();
    expect(await mainNav().getByRole('link', { name: '设置' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: '设置导航' }).count()).toBe(0);
    expect(await page.getByLabel('对象', { exact: true }).locator('option').allTextContents()).toEqual(['客户']);
    await page.getByText('李销售').waitFor();

    // Only the tenant's name is remembered; the session is an HttpOnly cookie the page cannot read.
    expect(await browserStorage()).toEqual([`local:tessera.tenant=${TENANT}`]);
    expect(await page.evaluate('document.cookie')).not.toContain('tessera_session');
    const [cookie] = await sessionCookies();
    expect(cookie?.httpOnly).toBe(true);

    // Setup and Packages are not offered; typing their address lands in the App.
    await page.goto(`${served.url}/setup`);
    await page.waitForURL(`${served.url}/app/account`);
    await page.goto(`${served.url}/packages`);
    await page.waitForURL(`${served.url}/app/account`);
    await page.screenshot({ path: join(SCREENSHOTS, 'password-sign-in-sales.png'), fullPage: true });
  });

  it('signs out through the server and returns to sign-in with the last tenant filled in', async () => {
    await page.getByRole('button', { name: '退出' }).click();
    await passwordForm().waitFor();
    expect(await sessionCookies()).toEqual([]);
    expect(await passwordForm().getByLabel('租户', { exact: true }).inputValue()).toBe(TENANT);
    // The old session is gone on the server too: a reload stays signed out.
    await page.reload();
    await passwordForm().waitFor();
    expect(await mainNav().count()).toBe(0);
  });

  it('signs the admin in to Setup', async () => {
    // Signing in keeps the address the page was at (here the App the sales user left).
    await signIn(ADMIN, PASSWORD);
    await mainNav().getByRole('link', { name: '设置' }).click();
    await page.waitForURL(`${served.url}/setup`);
    await page.getByRole('navigation', { name: '设置导航' }).getByRole('link', { name: '软件包' }).waitFor();
    await page.locator('[data-testid=object-list] tr[data-object=account]').waitFor();
    expect(await browserStorage()).toEqual([`local:tessera.tenant=${TENANT}`]);
    // A reload keeps the session (GET /auth/me with the cookie).
    await page.reload();
    await page.locator('[data-testid=object-list] tr[data-object=account]').waitFor();
  });

  it('returns to sign-in when the session ends mid-use', async () => {
    await page.context().clearCookies();
    await page.locator('[data-testid=object-list] tr[data-object=account] a[href="/app/account"]').click();
    await passwordForm().waitFor();
    expect(await page.getByRole('status').textContent()).toBe('登录已失效，请重新登录。');
  });

  it('speaks English to an English browser', async () => {
    const context = watchContext(await app.browser.newContext({ locale: 'en-US' }));
    try {
      const english = await context.newPage();
      await english.goto(`${served.url}/?tenant=${TENANT}`);
      const form = english.getByRole('form', { name: 'Sign in with email and password' });
      expect(await form.getByLabel('Tenant', { exact: true }).inputValue()).toBe(TENANT);
      await form.getByLabel('Email', { exact: true }).fill(SALES);
      await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await english.getByRole('heading', { name: 'Or use an API token' }).waitFor();
      await form.getByRole('button', { name: 'Sign in', exact: true }).click();
      await english.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'App' }).waitFor();
      expect(await english.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Setup' }).count()).toBe(0);
      await english.getByRole('button', { name: 'Sign out' }).click();
      await english.getByRole('form', { name: 'Sign in with email and password' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
