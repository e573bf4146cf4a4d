// Setup → People and Access in Chromium (issue #17), in Chinese: the admin creates a role and one
// under it, builds a permission set that hides a field, opens the object's org-wide default,
// invites a user with the role and the set; bad input (an invalid email, a taken role name) shows
// the server's message on its control and changes nothing. Then the invited user accepts, signs
// in with a password and neither the API nor the App gives them the hidden field, nor Setup.
// English is checked in a second context. Every outcome is checked through the API.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';
import type { ServedApp } from './serve-app.ts';
import { watchContext } from './watch-page.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const TENANT = 'setup_access';
const INVITED = 'wang@example.com';
const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'staple battery horse';
const MANAGER_NAME = 'Ada 经理';

const accountDef = {
  apiName: 'account',
  labels: { en: 'Account', zh: '客户' },
  pluralLabels: { en: 'Accounts', zh: '客户' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    { type: 'text', apiName: 'phone', labels: { en: 'Phone', zh: '电话' } },
    { type: 'text', apiName: 'city', labels: { en: 'City', zh: '城市' } },
  ],
};

type Json = Record<string, unknown>;

describe('Setup people and access in Chromium (zh-CN, en)', () => {
  let app: BrowserApp;
  let served: ServedApp;
  let page: Page;
  let accountId: string;
  let inviteToken: string;

  async function api(method: string, path: string, body?: unknown, cookie?: string): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${served.url}/api/v1${path}`, {
      method,
      headers: {
        ...(cookie ? { cookie } : { authorization: `Bearer ${app.token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
  }
  const list = async (path: string) => (await api('GET', path)).body.data as Json[];
  const drawer = () => page.getByRole('dialog');
  const signInStatus = async (password: string) =>
    (
      await fetch(`${served.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tenant: TENANT, email: INVITED, password }),
      })
    ).status;

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata: accountDef, signedIn: true });
    ({ served, page } = app);
    const created = await api('POST', '/objects/account/records', { name: '华北客户', phone: '010-88886666', city: '北京' });
    expect(created.status).toBe(201);
    accountId = created.body.id as string;
  }, SETUP_TIMEOUT_MS);

  /** The manager the admin picks for the invited user: made here, once the invitation test counted users. */
  async function createManager(): Promise<void> {
    const manager = await api('POST', '/security/users', { email: 'ada@example.com', name: MANAGER_NAME, password: PASSWORD });
    expect(manager.status).toBe(201);
  }

  afterAll(async () => {
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('creates a role and a role under it in the tree; a taken name shows the server message and adds nothing', async () => {
    await page.goto(`${served.url}/setup`);
    await page.getByRole('navigation', { name: '设置导航' }).getByRole('link', { name: '用户与角色' }).click();
    await page.waitForURL(`${served.url}/people`);
    await page.getByRole('heading', { name: '角色', exact: true }).waitFor();

    await page.getByRole('button', { name: '+ 新建角色' }).click();
    await drawer().getByLabel('API 名称').fill('sales_manager');
    await drawer().getByLabel('标签（中文）', { exact: true }).fill('销售经理');
    await drawer().getByLabel('标签（English）', { exact: true }).fill('Sales manager');
    await drawer().getByRole('button', { name: '保存' }).click();
    await page.getByTestId('role-tree').locator('li[data-role=sales_manager]').waitFor();

    await page.getByRole('button', { name: '在 销售经理 下新建角色' }).click();
    expect(await drawer().getByLabel('上级角色').locator('option:checked').textContent()).toBe('销售经理');
    await drawer().getByLabel('API 名称').fill('sales_rep');
    await drawer().getByLabel('标签（中文）', { exact: true }).fill('销售代表');
    await drawer().getByRole('button', { name: '保存' }).click();
    await page.getByTestId('role-tree').locator('li[data-role=sales_rep]').waitFor();

    const roles = await list('/security/roles');
    const manager = roles.find((role) => role.name === 'sales_manager');
    const rep = roles.find((role) => role.name === 'sales_rep');
    expect(manager?.parentId).toBeNull();
    expect(rep?.parentId).toBe(manager?.id);
    // Named in both languages (the English one is also the single-language `label`); a role named
    // only in Chinese is `label`led in Chinese.
    expect(manager).toMatchObject({ labels: { zh: '销售经理', en: 'Sales manager' }, label: 'Sales manager' });
    expect(rep).toMatchObject({ labels: { zh: '销售代表' }, label: '销售代表' });
    // Setup in English names the role in English, and falls back to Chinese where that is all there is.
    const english = await (await app.signedInContext({ locale: 'en-US' })).newPage();
    await english.goto(`${served.url}/people`);
    const tree = english.getByTestId('role-tree');
    await tree.locator('li[data-role=sales_manager] .role-label').first().waitFor();
    expect(await tree.locator('li[data-role=sales_manager] .role-label').textContent()).toBe('Sales manager');
    expect(await tree.locator('li[data-role=sales_rep] .role-label').textContent()).toBe('销售代表');
    await english.context().close();

    // The same api name again: refused, its message under the API name box, no third role.
    await page.getByRole('button', { name: '+ 新建角色' }).click();
    await drawer().getByLabel('API 名称').fill('sales_rep');
    await drawer().getByLabel('标签（中文）', { exact: true }).fill('重复');
    await drawer().getByRole('button', { name: '保存' }).click();
    const nameBox = drawer().getByLabel('API 名称');
    await expect.poll(() => nameBox.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await nameBox.getAttribute('aria-describedby')) as string;
    expect(await drawer().locator(`[id="${describedBy}"]`).textContent()).toContain("a role named 'sales_rep' exists");
    expect((await list('/security/roles')).length).toBe(2);
    await drawer().getByRole('button', { name: '取消' }).click();
  });

  it('builds a permission set that hides a field and opens the object to everybody read-only', async () => {
    await page.getByRole('navigation', { name: '设置导航' }).getByRole('link', { name: '访问权限' }).click();
    await page.waitForURL(`${served.url}/access`);
    await page.getByText('还没有权限集。').waitFor();
    await page.getByRole('button', { name: '+ 新建权限集' }).click();
    await drawer().getByLabel('API 名称').fill('hide_phone');
    await drawer().getByLabel('标签（中文）', { exact: true }).fill('隐藏电话');
    await drawer().getByRole('button', { name: '保存' }).click();
    const editor = page.getByTestId('permission-set-editor');
    await page.locator('[data-testid=permission-set-editor][data-set=hide_phone]').waitFor();

    await editor.getByRole('checkbox', { name: '客户 查看', exact: true }).check();
    await editor.getByRole('button', { name: '客户 的字段' }).click();
    await editor.getByLabel('电话 字段权限').selectOption('none');
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-people-access.png'), fullPage: true });
    await editor.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(async () => (await list('/security/permission-sets')).find((set) => set.name === 'hide_phone')?.objects)
      .toEqual({ account: { read: true, fields: { phone: 'none' } } });

    // Records are private by default: the invited user would see none of the admin's.
    await page.getByLabel('客户 默认访问').selectOption('read');
    await expect.poll(async () => (await list('/security/object-access')).find((entry) => entry.object === 'account')?.defaultAccess).toBe('read');
  });

  it('refuses an invalid email on the email box, then invites a user with the role and the set', async () => {
    await page.getByRole('navigation', { name: '设置导航' }).getByRole('link', { name: '用户与角色' }).click();
    await page.getByRole('button', { name: '+ 邀请用户' }).click();
    await drawer().getByLabel('邮箱', { exact: true }).fill('not-an-email');
    await drawer().getByLabel('姓名', { exact: true }).fill('王小明');
    await drawer().getByRole('button', { name: '发送邀请' }).click();
    const email = drawer().getByLabel('邮箱', { exact: true });
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby')) as string;
    expect(await drawer().locator(`[id="${describedBy}"]`).textContent()).toMatch(/email address/);
    expect(await list('/security/users')).toEqual([]);

    await email.fill(INVITED);
    await drawer().getByLabel('角色', { exact: true }).selectOption({ label: '销售代表' });
    await drawer().getByRole('checkbox', { name: '隐藏电话' }).check();
    await drawer().getByRole('button', { name: '发送邀请' }).click();
    const token = drawer().getByTestId('invite-token');
    await token.waitFor();
    inviteToken = ((await token.textContent()) ?? '').trim();
    expect(inviteToken).toMatch(/^tsi_/);
    await drawer().getByTestId('invitation').getByRole('button', { name: '关闭' }).click();

    const row = page.locator(`[data-testid=user-table] tr[data-email="${INVITED}"]`);
    await row.waitFor();
    expect(await row.locator('[data-column=role]').textContent()).toBe('销售代表');
    expect(await row.locator('[data-column=status]').textContent()).toBe('已邀请');
    const users = await list('/security/users');
    const rep = (await list('/security/roles')).find((role) => role.name === 'sales_rep');
    const set = (await list('/security/permission-sets')).find((candidate) => candidate.name === 'hide_phone');
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ email: INVITED, name: '王小明', roleId: rep?.id, permissionSetIds: [set?.id], invited: true, active: true });
  });

  it('the invited user, signed in with a password, reads the account without the hidden field', async () => {
    const accepted = await api('POST', '/auth/accept-invite', { tenant: TENANT, token: inviteToken, password: PASSWORD });
    expect(accepted.status).toBe(200);
    const signIn = await fetch(`${served.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: TENANT, email: INVITED, password: PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const record = await api('GET', `/objects/account/records/${accountId}`, undefined, cookie);
    expect(record.status).toBe(200);
    expect(record.body.name).toBe('华北客户');
    expect(record.body.city).toBe('北京');
    expect(record.body).not.toHaveProperty('phone');
    // Setup's API refuses them too.
    expect((await api('GET', '/security/users', undefined, cookie)).status).toBe(403);
    expect((await api('GET', '/metadata/revisions', undefined, cookie)).status).toBe(403);

    const context = watchContext(await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } }));
    try {
      const user = await context.newPage();
      user.setDefaultTimeout(15_000);
      await user.goto(`${served.url}/?tenant=${TENANT}`);
      const form = user.getByRole('form', { name: '使用邮箱和密码登录' });
      await form.getByLabel('邮箱', { exact: true }).fill(INVITED);
      await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
      await form.getByRole('button', { name: '登录', exact: true }).click();
      await user.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '应用' }).waitFor();
      expect(await user.getByRole('link', { name: '用户与角色' }).count()).toBe(0);

      // Typed into the address bar, People sends them to the App.
      await user.goto(`${served.url}/people`);
      await user.waitForURL(/\/app/);
      expect(await user.getByRole('heading', { name: '用户与角色' }).count()).toBe(0);

      await user.goto(`${served.url}/app/account/${accountId}`);
      // The record is served per permission view: 城市 is shown, 电话 (label and value) is not.
      const main = user.locator('main');
      await main.getByText('北京', { exact: true }).first().waitFor();
      await main.getByText('城市', { exact: true }).first().waitFor();
      const shown = (await main.textContent()) ?? '';
      expect(shown).toContain('华北客户');
      expect(shown).not.toContain('电话');
      expect(shown).not.toContain('010-88886666');

      // Nor does the list: no 电话 column.
      await user.goto(`${served.url}/app/account`);
      await user.locator('main').getByText('华北客户', { exact: true }).first().waitFor();
      const listed = (await user.locator('main').textContent()) ?? '';
      expect(listed).toContain('城市');
      expect(listed).not.toContain('电话');
      expect(listed).not.toContain('010-88886666');
    } finally {
      await context.close();
    }
  });

  it('shares records by criteria built in the condition builder; a taken name changes nothing', async () => {
    await page.getByRole('navigation', { name: '设置导航' }).getByRole('link', { name: '访问权限' }).click();
    const builder = () => drawer().getByTestId('sharing-criteria');
    const fillRule = async (name: string) => {
      await page.getByRole('button', { name: '+ 新建共享规则' }).click();
      await drawer().getByLabel('API 名称', { exact: true }).fill(name);
      await builder().getByRole('button', { name: '+ 条件', exact: true }).click();
      const rule = builder().locator('.rule').first();
      await rule.getByTitle('字段').selectOption({ label: '城市' });
      await rule.getByTitle('运算符').selectOption({ label: '等于' });
      await rule.getByTitle('值').fill('北京');
      await drawer().getByLabel('共享给角色').selectOption({ label: '销售经理' });
      await drawer().getByLabel('及其下属角色').check();
      await drawer().getByLabel('访问级别').selectOption({ label: '只读' });
      await drawer().getByRole('button', { name: '保存' }).click();
    };
    await fillRule('beijing_accounts');
    await page.locator('[data-testid=sharing-rules] tr[data-rule=beijing_accounts]').getByText('销售经理 及下属').waitFor();
    const manager = (await list('/security/roles')).find((role) => role.name === 'sales_manager');
    const rules = await list('/security/sharing-rules');
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ object: 'account', name: 'beijing_accounts', roleId: manager?.id, includeSubordinates: true, access: 'read' });
    expect(JSON.stringify(rules[0]?.criteria)).toBe(JSON.stringify({ '==': [{ var: 'city' }, '北京'] }));

    await fillRule('beijing_accounts');
    const nameBox = drawer().getByLabel('API 名称', { exact: true });
    await expect.poll(() => nameBox.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await nameBox.getAttribute('aria-describedby')) as string;
    expect(await drawer().locator(`[id="${describedBy}"]`).textContent()).toContain("account has a sharing rule named 'beijing_accounts'");
    expect(await list('/security/sharing-rules')).toHaveLength(1);
    await drawer().getByRole('button', { name: '取消' }).click();
  });

  it('tracks the chosen fields of an object', async () => {
    const tracked = page.getByTestId('tracked-fields');
    await tracked.getByRole('checkbox', { name: '电话' }).check();
    await tracked.getByRole('checkbox', { name: '城市' }).check();
    await tracked.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => list('/audit/tracked-fields')).toEqual([{ object: 'account', fields: ['city', 'phone'] }]);
  });

  it('deactivates and reactivates a user, sets their manager and resets their password', async () => {
    await createManager();
    await page.getByRole('navigation', { name: '设置导航' }).getByRole('link', { name: '用户与角色' }).click();
    const row = page.locator(`[data-testid=user-table] tr[data-email="${INVITED}"]`);
    const invited = async () => (await list('/security/users')).find((user) => user.email === INVITED);
    await row.getByRole('button', { name: '停用' }).click();
    await expect.poll(() => row.locator('[data-column=status]').textContent()).toBe('已停用');
    expect((await invited())?.active).toBe(false);
    await row.getByRole('button', { name: '重新启用' }).click();
    await expect.poll(() => row.locator('[data-column=status]').textContent()).toBe('启用');
    expect((await invited())?.active).toBe(true);

    // A password the policy refuses: the server's message under the password box, nothing changed.
    await page.getByRole('button', { name: '编辑 王小明' }).click();
    await drawer().getByLabel('上级经理').selectOption({ label: MANAGER_NAME });
    const password = drawer().getByLabel('新密码（留空则不变）');
    await password.fill('x');
    await drawer().getByRole('button', { name: '保存' }).click();
    await expect.poll(() => password.getAttribute('aria-invalid')).toBe('true');
    expect(await signInStatus(PASSWORD)).toBe(200);

    await password.fill(NEW_PASSWORD);
    await drawer().getByRole('button', { name: '保存' }).click();
    await drawer().waitFor({ state: 'detached' });
    expect(await signInStatus(NEW_PASSWORD)).toBe(200);
    expect(await signInStatus(PASSWORD)).toBe(401);
  });

  it('speaks English to an English browser', async () => {
    const english = await (await app.signedInContext({ locale: 'en-US' })).newPage();
    english.setDefaultTimeout(15_000);
    try {
      await english.goto(`${served.url}/people`);
      await english.getByRole('heading', { name: 'People', exact: true }).waitFor();
      await english.getByRole('heading', { name: 'Roles', exact: true }).waitFor();
      const row = english.locator(`[data-testid=user-table] tr[data-email="${INVITED}"]`);
      expect(await row.locator('[data-column=status]').textContent()).toBe('Active');
      await english.getByRole('button', { name: 'Add a role under Sales manager' }).waitFor();
      // A role still held by a user cannot go: the server's reason is shown on its row.
      await english.getByRole('button', { name: 'Delete role 销售代表' }).click();
      await english.locator('li[data-role=sales_rep] [role=alert]').getByText('The role still has 1 user(s)', { exact: false }).waitFor();
      expect((await list('/security/roles')).length).toBe(2);

      // Moving a role: it reports to nobody now; a role cannot be put under itself (not offered).
      await english.getByRole('button', { name: 'Edit role 销售代表' }).click();
      const parent = english.getByRole('dialog').getByLabel('Reports to');
      expect(await parent.locator('option').allTextContents()).toEqual(['Top of the hierarchy', 'Sales manager']);
      await parent.selectOption({ label: 'Top of the hierarchy' });
      await english.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
      await expect.poll(async () => (await list('/security/roles')).find((role) => role.name === 'sales_rep')?.parentId).toBeNull();

      await english.getByRole('navigation', { name: 'Setup sections' }).getByRole('link', { name: 'Access' }).click();
      await english.getByRole('heading', { name: 'Permission sets' }).waitFor();
      await english.getByRole('heading', { name: 'Org-wide defaults' }).waitFor();
      expect(await english.getByLabel('Account Default access').inputValue()).toBe('read');
      const editor = english.getByTestId('permission-set-editor');
      expect(await editor.getByRole('checkbox', { name: 'Account Read', exact: true }).isChecked()).toBe(true);
      // The set was named in Chinese only; the English name is added beside it.
      expect(await editor.getByLabel('Label (中文)', { exact: true }).inputValue()).toBe('隐藏电话');
      await editor.getByLabel('Label (English)', { exact: true }).fill('Phone hidden');
      await editor.getByRole('button', { name: 'Save' }).click();
      await expect
        .poll(async () => (await list('/security/permission-sets')).map((set) => [set.label, set.labels]))
        .toEqual([['Phone hidden', { zh: '隐藏电话', en: 'Phone hidden' }]]);

      // A sharing rule goes with one click; its row and the API entry with it.
      await english.getByRole('button', { name: 'Delete sharing rule beijing_accounts' }).click();
      await english.getByText('No sharing rules yet.').waitFor();
      expect(await list('/security/sharing-rules')).toEqual([]);
    } finally {
      await english.context().close();
    }
  });
});
