// Setup → Revisions in Chromium (issue #17), in Chinese: the admin drops a field holding data with
// the field editor, finds the drop in the revision list (who, when, what), reads the diff between
// the two revisions, reverts to the revision before it through the plan review, and the field comes
// back with its data (checked through the API). Any two revisions compare, revision 0 included;
// the English page words the same diff in English; a non-admin is sent away from Revisions.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';
import type { ServedApp } from './serve-app.ts';
import { watchContext } from './watch-page.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const TENANT = 'setup_revisions';

const ticketDef = {
  apiName: 'ticket',
  labels: { en: 'Ticket', zh: '工单' },
  pluralLabels: { en: 'Tickets', zh: '工单' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Subject', zh: '主题' }, required: true },
    { type: 'textarea', apiName: 'note', labels: { en: 'Note', zh: '备注' } },
  ],
};

type Json = Record<string, unknown>;

describe('Setup revisions in Chromium (zh-CN, en)', () => {
  let app: BrowserApp;
  let served: ServedApp;
  let page: Page;
  let ticketId: string;

  async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${served.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${app.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
  }
  const fieldNames = async () => ((await api('GET', '/metadata/objects/ticket')).body.fields as Json[]).map((field) => field.apiName);
  const revision = async () => (await api('GET', '/metadata')).body.revision as number;
  const drawer = () => page.getByRole('dialog');
  const review = () => drawer().getByTestId('change-review');
  const rows = () => page.locator('[data-testid=revision-list] tbody tr');
  const diffLines = () => page.locator('[data-testid=revision-diff] li').allTextContents();

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata: ticketDef, signedIn: true });
    ({ served, page } = app);
    const created = await api('POST', '/objects/ticket/records', { name: '打印机卡纸', note: '三楼打印机' });
    expect(created.status).toBe(201);
    ticketId = created.body.id as string;
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('drops a field holding data with the field editor', async () => {
    await page.goto(`${served.url}/setup/ticket`);
    await page.getByRole('button', { name: '编辑 note' }).click();
    await drawer().getByRole('button', { name: '删除字段' }).click();
    await review().locator('[data-testid=plan-steps] tbody tr').first().waitFor();
    await review()
      .getByRole('checkbox', { name: /我了解以下内容将被删除/ })
      .check();
    await review().getByRole('button', { name: '执行' }).click();
    await review().getByText('已执行：元数据版本 2').waitFor();
    await review().getByRole('button', { name: '关闭' }).click();
    expect(await fieldNames()).toEqual(['name']);
  });

  it('lists the revisions with who, when and what, and shows the drop as a diff', async () => {
    await page.getByRole('navigation', { name: '设置导航' }).getByRole('link', { name: '修订历史' }).click();
    await page.waitForURL(`${served.url}/revisions`);
    await rows().first().waitFor();
    expect(await rows().evaluateAll((list) => list.map((row) => row.getAttribute('data-revision')))).toEqual(['2', '1']);
    expect(await rows().first().locator('[data-column=summary]').textContent()).toContain('1 个字段删除');
    expect(await rows().nth(1).locator('[data-column=summary]').textContent()).toContain('1 个对象新建');
    // Who: the audit log's actor of each apply (the suite's tenant token is an integration).
    expect(await rows().locator('[data-column=actor]').allTextContents()).toEqual(['integration', 'integration']);
    // The latest revision's own changes are shown first.
    await expect.poll(diffLines).toEqual(['删除 字段 ticket.note']);
    expect(await page.getByRole('heading', { name: '从修订 1 到修订 2 的变更' }).count()).toBe(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-revisions.png'), fullPage: true });
  });

  it('reverts to the revision before the drop through the plan review; the field returns with its data', async () => {
    await rows().nth(1).getByRole('button', { name: '回退到修订 1' }).click();
    const steps = review().locator('[data-testid=plan-steps] tbody tr');
    await steps.first().waitFor();
    expect(await steps.locator('td:nth-child(2)').allTextContents()).toEqual(['恢复字段 ticket.note 及其数据（删除于版本 2）']);
    // Nothing is applied before the admin confirms the plan.
    expect(await revision()).toBe(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-revert-review.png'), fullPage: true });
    await review().getByRole('button', { name: '执行' }).click();
    await review().getByText('已执行：元数据版本 3').waitFor();
    await review().getByRole('button', { name: '关闭' }).click();

    expect(await fieldNames()).toEqual(['name', 'note']);
    expect((await api('GET', `/objects/ticket/records/${ticketId}`)).body.note).toBe('三楼打印机');
    await expect.poll(() => rows().first().getAttribute('data-revision')).toBe('3');
    expect(await rows().first().locator('[data-column=summary]').textContent()).toContain('回退到修订 1');
  });

  it('compares any two revisions, the empty model included, and words what changed inside an object', async () => {
    await page.getByLabel('起始修订').selectOption('0');
    await page.getByLabel('目标修订').selectOption('3');
    await expect.poll(diffLines).toEqual(['新增 对象 ticket']);
    await page.getByLabel('起始修订').selectOption('2');
    await expect.poll(diffLines).toEqual(['新增 字段 ticket.note']);
    await page.getByLabel('起始修订').selectOption('1');
    await page.getByText('两个修订定义的模型相同。').waitFor();

    // A change made elsewhere (here through the API) is listed once the page is opened again.
    const definition = (await api('GET', '/metadata/objects/ticket?as=definition')).body as Json & { fields: Json[] };
    const relabelled = {
      ...definition,
      labels: { en: 'Service ticket', zh: '服务工单' },
      fields: definition.fields.map((field) => (field.apiName === 'name' ? { ...field, required: false } : field)),
    };
    expect((await api('POST', '/metadata/apply', relabelled)).status).toBe(200);
    await page.getByRole('navigation', { name: '设置导航' }).getByRole('link', { name: '对象' }).click();
    await page.getByRole('navigation', { name: '设置导航' }).getByRole('link', { name: '修订历史' }).click();
    await expect.poll(() => rows().first().getAttribute('data-revision')).toBe('4');
    await expect.poll(diffLines).toEqual(['修改 对象 ticket (标签)', '修改 字段 ticket.name (必填)']);
  });

  it('words the diff in English, and sends a non-admin away from Revisions, Access and People (the API refusing them: setup-access.test.ts)', async () => {
    const english = await (await app.signedInContext({ locale: 'en-US' })).newPage();
    english.setDefaultTimeout(15_000);
    try {
      await english.goto(`${served.url}/revisions`);
      await english.getByRole('heading', { name: 'Revisions', exact: true }).waitFor();
      await english.locator('[data-testid=revision-list] tr[data-revision="2"]').getByRole('button', { name: 'Compare' }).click();
      await english.getByRole('heading', { name: 'Changes from revision 1 to revision 2' }).waitFor();
      await expect.poll(() => english.locator('[data-testid=revision-diff] li').allTextContents()).toEqual(['Removed field ticket.note']);
    } finally {
      await english.context().close();
    }

    const created = await api('POST', '/security/users', { email: 'li@example.com', name: '李', password: 'correct horse battery' });
    expect(created.status).toBe(201);
    const context = watchContext(await app.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } }));
    try {
      const user = await context.newPage();
      user.setDefaultTimeout(15_000);
      await user.goto(`${served.url}/?tenant=${TENANT}`);
      const form = user.getByRole('form', { name: '使用邮箱和密码登录' });
      await form.getByLabel('邮箱', { exact: true }).fill('li@example.com');
      await form.getByLabel('密码', { exact: true }).fill('correct horse battery');
      await form.getByRole('button', { name: '登录', exact: true }).click();
      await user.getByRole('navigation', { name: '主导航' }).waitFor();
      for (const path of ['/revisions', '/access', '/people']) {
        await user.goto(`${served.url}${path}`);
        await user.waitForURL(/\/app/);
        expect(await user.getByRole('link', { name: '修订历史' }).count()).toBe(0);
        expect(await user.locator('[data-testid=revision-list], [data-testid=permission-grid], [data-testid=user-table]').count()).toBe(0);
      }
    } finally {
      await context.close();
    }
  });
});
