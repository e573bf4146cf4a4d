// The tenant the end-user app suites share (app-views, app-inbox, app-phone): accounts and
// opportunities with a lookup, a currency amount, a margin sales people may not read, and a
// 大额审批 flow decided by 王经理; a sales user and a manager who sign in with passwords.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { BrowserApp } from './browser-app.ts';
import { watchContext } from './watch-page.ts';

export const PASSWORD = 'correct horse battery';
export const SALES = { email: 'sales@example.com', name: '李销售' };
export const BOSS = { email: 'boss@example.com', name: '王经理' };
export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const text = (apiName: string, en: string, zh: string, extra: Record<string, unknown> = {}) => ({ apiName, labels: { en, zh }, ...extra });

export const appMetadata = {
  objects: [
    {
      ...text('account', 'Account', '客户'),
      pluralLabels: { en: 'Accounts', zh: '客户' },
      fields: [{ type: 'text', ...text('name', 'Name', '名称'), required: true }],
    },
    {
      ...text('opportunity', 'Opportunity', '商机'),
      pluralLabels: { en: 'Opportunities', zh: '商机' },
      fields: [
        { type: 'text', ...text('name', 'Name', '名称'), required: true },
        { type: 'lookup', ...text('account', 'Account', '客户'), target: 'account' },
        { type: 'currency', ...text('amount', 'Amount', '金额'), currencyCode: 'CNY' },
        { type: 'number', ...text('margin', 'Margin', '利润') },
        {
          type: 'picklist',
          ...text('stage', 'Stage', '阶段'),
          values: [{ ...text('open', 'Open', '进行中'), default: true }, text('won', 'Won', '赢单')],
        },
      ],
      approvalFlows: [
        {
          ...text('big_deal', 'Big deal', '大额审批'),
          steps: [{ ...text('manager', 'Manager', '经理审批'), approvers: [{ type: 'user', email: BOSS.email }] }],
          onApprove: [{ type: 'setField', field: 'stage', value: 'won' }],
        },
      ],
    },
  ],
};

export const ACCOUNTS = ['华为技术有限公司', '阿里巴巴集团'];
/** name, account index, amount */
export const OPPORTUNITIES: [string, number, number][] = [
  ['华为云大单', 0, 50_000],
  ['华为终端试点', 0, 800],
  ['阿里钉钉集成', 1, 12_000.5],
  ['阿里小额续约', 1, 300],
];

/** Users, permission sets and records through the API with the tenant token; ids by name. */
export async function seedApp(app: BrowserApp): Promise<Map<string, string>> {
  const post = async (path: string, body: unknown) => {
    const result = await app.api('POST', path, body);
    expect([200, 201], `${path}: ${JSON.stringify(result.body)}`).toContain(result.status);
    return result.body as { id: string };
  };
  const sales = await post('/security/permission-sets', {
    name: 'sales',
    objects: {
      account: { read: true, viewAll: true },
      opportunity: { read: true, create: true, edit: true, viewAll: true, fields: { margin: 'none' } },
    },
  });
  const managers = await post('/security/permission-sets', {
    name: 'managers',
    objects: { account: { read: true, viewAll: true }, opportunity: { read: true, edit: true, viewAll: true } },
  });
  // Her opportunities are hers: submitting one for approval needs the right to edit it.
  const seller = await post('/security/users', { ...SALES, password: PASSWORD, permissionSetIds: [sales.id] });
  await post('/security/users', { ...BOSS, password: PASSWORD, permissionSetIds: [managers.id] });
  const ids = new Map<string, string>();
  for (const name of ACCOUNTS) ids.set(name, (await post('/objects/account/records', { name })).id);
  for (const [name, account, amount] of OPPORTUNITIES) {
    ids.set(name, (await post('/objects/opportunity/records', { name, account: ids.get(ACCOUNTS[account] ?? ''), amount, margin: 7, owner_id: seller.id })).id);
  }
  return ids;
}

/** A new browser context (zh-CN unless told), signed in through the sign-in form with a password. */
export async function signInWithPassword(
  app: BrowserApp,
  browser: Browser,
  email: string,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = watchContext(await browser.newContext({ locale: options.locale ?? 'zh-CN', viewport: options.viewport ?? { width: 1280, height: 900 } }));
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${app.served.url}/?tenant=${TENANT}`);
  const form = page.getByRole('form', { name: '使用邮箱和密码登录' });
  await form.getByLabel('邮箱', { exact: true }).fill(email);
  await form.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
  return { context, page };
}

export const TENANT = 'app_e2e';

/** Fails when the page scrolls sideways (the phone check of issue #18). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]');
  const [scrollWidth, innerWidth] = widths as [number, number];
  expect(scrollWidth, `scrollWidth ${scrollWidth} > innerWidth ${innerWidth} at ${page.url()}`).toBeLessThanOrEqual(innerWidth);
}
