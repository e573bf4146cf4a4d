// Mass actions in the App's list, in Chromium (issue #20): 李销售 ticks two opportunities and sets
// their 阶段 to 赢单 with the generated widget; ticks a whole page and takes "all N matching"
// to delete every record of a quick search; ticks an account and hands it to 王经理 with the
// opportunities she owned on it (a colleague's stays his). Each step is checked against the API.
// The same bar in English.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOSS, PASSWORD, SALES, signInWithPassword, TENANT } from './app-inbox-fixture.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';

const text = (apiName: string, en: string, zh: string, extra: Record<string, unknown> = {}) => ({ apiName, labels: { en, zh }, ...extra });

const metadata = {
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
        {
          type: 'picklist',
          ...text('stage', 'Stage', '阶段'),
          values: [{ ...text('open', 'Open', '进行中'), default: true }, text('won', 'Won', '赢单')],
        },
      ],
    },
  ],
};

type Rec = Record<string, unknown>;

describe('mass actions in the App list in Chromium (zh, en)', () => {
  let app: BrowserApp;
  let page: Page;
  let salesId: string;
  let bossId: string;

  const api = async (method: string, path: string, body?: unknown) => {
    const result = await app.api(method, path, body);
    expect([200, 201], `${path}: ${JSON.stringify(result.body)}`).toContain(result.status);
    return result.body as Rec;
  };
  const all = async (object: string, filter?: unknown): Promise<Rec[]> =>
    (await api('GET', `/objects/${object}/records?limit=200${filter ? `&filter=${encodeURIComponent(JSON.stringify(filter))}` : ''}`)).data as Rec[];
  const row = (name: string) => page.getByTestId('record-table').locator('tbody tr', { hasText: name });
  const bar = () => page.locator('.mass-bar');
  const listed = async () => {
    await page.locator('[aria-busy=false] [data-testid=record-table]').waitFor();
    return page.getByTestId('record-table').locator('tbody tr[data-id] td[data-field=name]').allTextContents();
  };

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata, signedIn: false });
    const sales = await api('POST', '/security/permission-sets', {
      name: 'sales',
      objects: {
        // Changing an owner takes modify-all (runtime/src/security/secure-catalog.ts).
        account: { read: true, edit: true, viewAll: true, modifyAll: true },
        opportunity: { read: true, create: true, edit: true, delete: true, viewAll: true, modifyAll: true },
      },
    });
    salesId = (await api('POST', '/security/users', { ...SALES, password: PASSWORD, permissionSetIds: [sales.id] })).id as string;
    bossId = (await api('POST', '/security/users', { ...BOSS, password: PASSWORD, permissionSetIds: [sales.id] })).id as string;
    const acme = (await api('POST', '/objects/account/records', { name: '华为技术有限公司', owner_id: salesId })).id;
    await api('POST', '/objects/account/records', { name: '阿里巴巴集团', owner_id: salesId });
    const records = [
      { name: '华为云大单', account: acme, owner_id: salesId },
      { name: '华为终端试点', account: acme, owner_id: salesId },
      { name: '华为同事的单', account: acme, owner_id: bossId },
      ...Array.from({ length: 22 }, (_, index) => ({ name: `旧线索 ${String(index + 1).padStart(2, '0')}`, owner_id: salesId })),
    ];
    await api('POST', '/objects/opportunity/records/bulk', { operation: 'create', records });
    ({ page } = await signInWithPassword(app, app.browser, SALES.email));
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('ticks two records and sets 阶段 to 赢单 for both with the generated widget', async () => {
    await page.goto(`${app.served.url}/app/opportunity`);
    await expect.poll(listed).toContain('华为云大单');
    await row('华为云大单').getByRole('checkbox', { name: '选择 华为云大单' }).check();
    await row('华为终端试点').getByRole('checkbox', { name: '选择 华为终端试点' }).check();
    await expect(bar().locator('strong').textContent()).resolves.toBe('已选择 2 条');
    await bar().getByRole('button', { name: '批量编辑' }).click();
    const drawer = page.getByTestId('mass-edit');
    await drawer.getByLabel('字段').selectOption({ label: '阶段' });
    await drawer.getByRole('combobox', { name: /阶段/ }).selectOption({ label: '赢单' });
    await drawer.getByRole('button', { name: '应用' }).click();
    await expect.poll(() => page.getByTestId('mass-result').textContent()).toContain('已更新 2 条');
    const won = (await all('opportunity', { '==': [{ var: 'stage' }, 'won'] })).map((record) => record.name).sort();
    expect(won).toEqual(['华为云大单', '华为终端试点']);
    // The selection is cleared and the list reloaded.
    expect(await bar().count()).toBe(0);
  });

  it('ticks the page, takes all 22 matching records of a search, and deletes them', async () => {
    await page.getByLabel('每页行数').selectOption('20');
    await page.getByRole('searchbox', { name: '按名称搜索' }).fill('旧线索');
    // 25 records fill a page of 20 before the search applies too: wait for the searched ones.
    await expect.poll(async () => (await listed()).filter((name) => name.startsWith('旧线索')).length).toBe(20);
    await page.getByRole('checkbox', { name: '选择本页全部记录' }).check();
    await expect.poll(() => bar().locator('strong').textContent()).toBe('已选择 20 条');
    await bar().getByRole('button', { name: '选择全部 22 条匹配记录' }).click();
    await expect.poll(() => bar().locator('strong').textContent()).toBe('已选择全部 22 条匹配记录');
    await bar().getByRole('button', { name: '批量删除' }).click();
    const drawer = page.getByTestId('mass-delete');
    await expect(drawer.getByRole('heading').textContent()).resolves.toBe('删除 22 条记录？');
    await drawer.getByRole('button', { name: '删除', exact: true }).click();
    await expect.poll(() => page.getByTestId('mass-result').textContent()).toContain('已删除 22 条');
    expect(await all('opportunity', { starts_with: [{ var: 'name' }, '旧线索'] })).toEqual([]);
    expect((await all('opportunity')).map((record) => record.name).sort()).toEqual(['华为云大单', '华为同事的单', '华为终端试点']);
  });

  it("hands an account to 王经理 with the opportunities she owned on it, not her colleague's", async () => {
    await page.goto(`${app.served.url}/app/account`);
    await expect.poll(listed).toContain('华为技术有限公司');
    await row('华为技术有限公司').getByRole('checkbox').check();
    await bar().getByRole('button', { name: '转移负责人' }).click();
    const drawer = page.getByTestId('mass-transfer');
    await drawer.getByRole('combobox', { name: '新负责人' }).fill('王');
    await page.getByRole('option', { name: BOSS.name }).click();
    await drawer.getByLabel('商机（通过客户）').check();
    await drawer.getByRole('button', { name: '应用' }).click();
    await expect.poll(() => page.getByTestId('mass-result').textContent()).toContain('已转移 2 条相关商机');
    const accounts = await all('account');
    expect(accounts.find((record) => record.name === '华为技术有限公司')?.owner_id).toBe(bossId);
    expect(accounts.find((record) => record.name === '阿里巴巴集团')?.owner_id).toBe(salesId);
    const owners = Object.fromEntries((await all('opportunity')).map((record) => [record.name, record.owner_id]));
    expect(owners).toEqual({ 华为云大单: bossId, 华为终端试点: bossId, 华为同事的单: bossId });
  });

  it('speaks English', async () => {
    await page.getByRole('button', { name: '语言: English' }).click();
    await row('阿里巴巴集团').getByRole('checkbox', { name: 'Select 阿里巴巴集团' }).check();
    await expect.poll(() => bar().locator('strong').textContent()).toBe('1 selected');
    for (const name of ['Edit field', 'Change owner', 'Delete', 'Clear selection'])
      expect(await bar().getByRole('button', { name, exact: true }).count()).toBe(1);
    await bar().getByRole('button', { name: 'Change owner' }).click();
    expect(await page.getByTestId('mass-transfer').getByLabel('Opportunities (by Account)').count()).toBe(1);
    await page.getByTestId('mass-transfer').getByRole('button', { name: 'Cancel' }).click();
    await bar().getByRole('button', { name: 'Clear selection' }).click();
    expect(await bar().count()).toBe(0);
  });
});
