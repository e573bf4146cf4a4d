// Setup's object manager and field editor in Chromium (issue #17), in Chinese: an admin creates
// 工单, adds a required text field, a picklist whose values are reordered from the keyboard, a
// lookup to account and a formula (a bad expression is flagged inline before any plan), each
// through plan → review → apply; every outcome is checked through the API. The steps share one
// page and run in order. English, the stale revision and the soft drop: setup-plan-review.test.ts.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';
import type { ServedApp } from './serve-app.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const accountDef = {
  apiName: 'account',
  labels: { en: 'Account', zh: '客户' },
  fields: [{ type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true }],
};

type Json = Record<string, unknown>;
type FieldJson = Json & { apiName: string; type: string };

describe('Setup object manager in Chromium (zh)', () => {
  let app: BrowserApp;
  let served: ServedApp;
  let page: Page;
  let token: string;
  const planRequests: string[] = [];

  async function api(path: string): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${served.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Json };
  }
  const ticket = async () => (await api('/metadata/objects/ticket?as=definition')).body as Json & { fields: FieldJson[] };
  const drawer = () => page.getByRole('dialog');

  /** Review → the plan's step kinds → apply → the new revision, then close the drawer. */
  async function reviewAndApply(expectedKinds: string[], screenshot: string): Promise<number> {
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    const review = drawer().getByTestId('change-review');
    await review.waitFor();
    const kinds = await review.locator('[data-testid=plan-steps] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
    expect(kinds).toEqual(expectedKinds);
    await page.screenshot({ path: join(SCREENSHOTS, screenshot), fullPage: true });
    await review.getByRole('button', { name: '执行' }).click();
    const applied = review.getByTestId('change-applied');
    await applied.waitFor();
    const revision = Number((await applied.textContent())?.match(/(\d+)$/)?.[1]);
    await review.getByRole('button', { name: '关闭' }).click();
    await drawer().waitFor({ state: 'detached' });
    return revision;
  }

  async function openNewField(type: string, apiName: string, zh: string, en: string): Promise<void> {
    await page.getByRole('button', { name: '+ 新建字段' }).click();
    await drawer().getByLabel('字段类型').selectOption(type);
    await drawer().getByLabel('API 名称', { exact: true }).fill(apiName);
    await drawer().getByLabel('标签（中文）', { exact: true }).fill(zh);
    await drawer().getByLabel('标签（English）', { exact: true }).fill(en);
  }

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'setup_zh', metadata: accountDef, signedIn: true });
    ({ served, page, token } = app);
    page.on('request', (request) => {
      if (request.url().endsWith('/api/v1/metadata/plan')) planRequests.push(request.postData() ?? '');
    });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('searches the object list', async () => {
    await page.goto(`${served.url}/setup`);
    await page.locator('[data-testid=object-list] tr[data-object=account]').waitFor();
    await page.getByRole('searchbox', { name: '搜索对象' }).fill('不存在');
    await page.getByText('没有匹配的对象。').waitFor();
    await page.getByRole('searchbox', { name: '搜索对象' }).fill('客户');
    await page.locator('[data-testid=object-list] tr[data-object=account]').waitFor();
    await page.getByRole('searchbox', { name: '搜索对象' }).fill('');
  });

  it('creates the object 工单 through plan → review → apply', async () => {
    await page.getByRole('button', { name: '+ 新建对象' }).click();
    await drawer().getByLabel('API 名称').fill('Ticket');
    // The metamodel's own check, as the admin types: an api name is lower case.
    await drawer().locator('.control.has-error', { hasText: 'API 名称' }).waitFor();
    await drawer().getByLabel('API 名称').fill('ticket');
    await drawer().getByLabel('标签（中文）', { exact: true }).fill('工单');
    await drawer().getByLabel('标签（English）', { exact: true }).fill('Ticket');
    await drawer().getByLabel('复数标签（中文）').fill('工单');
    await drawer().getByLabel('复数标签（English）').fill('Tickets');
    expect(await drawer().locator('.control.has-error').count()).toBe(0);
    const before = (await api('/metadata')).body.revision as number;
    const revision = await reviewAndApply(['create_table', 'add_column'], 'setup-create-object-plan.png');
    expect(revision).toBe(before + 1);
    await page.waitForURL(`${served.url}/setup/ticket`);
    await page.getByRole('heading', { name: '工单 · 字段' }).waitFor();
    const created = await ticket();
    expect(created.labels).toEqual({ en: 'Ticket', zh: '工单' });
    expect(created.pluralLabels).toEqual({ en: 'Tickets', zh: '工单' });
    expect(created.nameField).toBe('name');
  });

  it('adds a required text field', async () => {
    await openNewField('text', 'subject', '主题', 'Subject');
    await drawer().getByLabel('必填').check();
    await drawer().getByLabel('最大长度').fill('120');
    await reviewAndApply(['add_column'], 'setup-text-field-plan.png');
    const subject = (await ticket()).fields.find((field) => field.apiName === 'subject');
    expect(subject).toMatchObject({ type: 'text', required: true, maxLength: 120, labels: { zh: '主题', en: 'Subject' } });
  });

  it('adds a picklist and reorders its values from the keyboard', async () => {
    await openNewField('picklist', 'priority', '优先级', 'Priority');
    const values = drawer().getByTestId('picklist-values');
    for (const [index, [apiName, zh, en]] of [
      ['low', '低', 'Low'],
      ['medium', '中', 'Medium'],
      ['high', '高', 'High'],
    ].entries()) {
      await values.getByRole('button', { name: '+ 添加选项' }).click();
      await values.getByLabel(`选项 API 名称 ${index + 1}`).fill(apiName as string);
      await values.getByLabel(`标签（中文） ${index + 1}`).fill(zh as string);
      await values.getByLabel(`标签（English） ${index + 1}`).fill(en as string);
    }
    const order = () => values.locator('li.value-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-value')));
    expect(await order()).toEqual(['low', 'medium', 'high']);
    // The drag handle from the keyboard (Space, arrow, Space): high moves above medium.
    const handle = values.getByRole('button', { name: '拖动以排序 3' });
    await handle.focus();
    await page.keyboard.press('Space');
    // What a screen reader hears says when it is picked up, over the place above, and dropped.
    const announced = (text: string) => page.getByRole('status').filter({ hasText: text }).waitFor({ state: 'attached' });
    await announced('已拿起第 3 项。');
    await page.keyboard.press('ArrowUp');
    await announced('第 3 项移到第 2 项的位置。');
    await page.keyboard.press('Space');
    await announced('第 3 项已放到第 2 项的位置。');
    await expect.poll(order).toEqual(['low', 'high', 'medium']);
    // And the move buttons: high to the top.
    await values.getByRole('button', { name: '上移 2' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(order).toEqual(['high', 'low', 'medium']);
    await values.locator('li.value-row[data-value=medium]').getByLabel('默认').check();
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-picklist-editor.png'), fullPage: true });
    await reviewAndApply(['add_column'], 'setup-picklist-plan.png');
    const priority = (await ticket()).fields.find((field) => field.apiName === 'priority') as FieldJson & { values: { apiName: string; default?: boolean }[] };
    expect(priority.values.map((value) => value.apiName)).toEqual(['high', 'low', 'medium']);
    expect(priority.values.find((value) => value.default)?.apiName).toBe('medium');
  });

  it('adds a lookup to account with its delete behaviour', async () => {
    await openNewField('lookup', 'account', '客户', 'Account');
    await drawer().getByLabel('查找对象').selectOption('account');
    await drawer().getByLabel('被查找的记录删除时').selectOption('restrict');
    await drawer().getByLabel('建立索引').check();
    await reviewAndApply(['add_column', 'create_index', 'add_foreign_key'], 'setup-lookup-plan.png');
    const created = await ticket();
    expect(created.fields.find((field) => field.apiName === 'account')).toMatchObject({ type: 'lookup', target: 'account', onDelete: 'restrict' });
    expect(created.indexes).toEqual([{ fields: ['account'] }]);
  });

  it('flags a bad formula inline before planning, then adds it', async () => {
    const plansBefore = planRequests.length;
    await openNewField('formula', 'score', '评分', 'Score');
    await drawer().getByLabel('结果类型').selectOption('number');
    const expression = drawer().getByLabel('表达式（JsonLogic）');
    await expression.fill('{"+": [{"var": "nope"}, 1]}');
    const control = drawer().locator('.control.has-error', { hasText: '表达式（JsonLogic）' });
    await control.getByText("unknown variable 'nope'").waitFor();
    expect(await expression.getAttribute('aria-invalid')).toBe('true');
    await expression.fill('{"+": [1, ');
    await control.getByText('不是有效的 JSON').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-formula-inline-error.png'), fullPage: true });
    // Asking for the review with errors plans nothing: the errors stay on their control.
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await drawer().getByText('请先修正标出的字段。').waitFor();
    expect(planRequests.length).toBe(plansBefore);

    await expression.fill('{"*": [2, 3]}');
    await expect.poll(() => drawer().locator('.control.has-error').count()).toBe(0);
    // A formula has no column: adding one is a metadata-only step.
    await reviewAndApply(['update_metadata'], 'setup-formula-plan.png');
    expect((await ticket()).fields.find((field) => field.apiName === 'score')).toMatchObject({
      type: 'formula',
      returns: 'number',
      expression: { '*': [2, 3] },
    });
  });

  it('shows the new fields in the field table', async () => {
    const fields = page.locator('[data-testid=field-table] tbody tr');
    await expect
      .poll(() => fields.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-field'))))
      .toEqual(['name', 'subject', 'priority', 'account', 'score']);
    expect(await page.locator('[data-testid=field-table] tr[data-field=account] td').nth(1).textContent()).toBe('lookup → account');
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-fields.png'), fullPage: true });
  });

  it('relabels a picklist value and renames its api value, which the plan remaps', async () => {
    await page.getByRole('button', { name: '编辑 priority' }).click();
    const values = drawer().getByTestId('picklist-values');
    await values.getByLabel('选项 API 名称 1').fill('urgent');
    await values.getByLabel('标签（中文） 1').fill('紧急');
    await values.getByText('原为').waitFor();
    await values.getByLabel('停用').nth(1).check();
    await reviewAndApply(['remap_picklist_values', 'update_metadata'], 'setup-picklist-rename-plan.png');
    const priority = (await ticket()).fields.find((field) => field.apiName === 'priority') as FieldJson & { values: Json[] };
    expect(priority.values.map((value) => [value.apiName, (value.labels as Json).zh, value.inactive === true])).toEqual([
      ['urgent', '紧急', false],
      ['low', '低', true],
      ['medium', '中', false],
    ]);
  });

  it('renames a field: the column is renamed in place, its data kept', async () => {
    const created = await fetch(`${served.url}/api/v1/objects/ticket/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'T-1', subject: '打印机卡纸' }),
    });
    expect(created.status).toBe(201);
    await page.getByRole('button', { name: '编辑 subject' }).click();
    await drawer().getByLabel('API 名称', { exact: true }).fill('title');
    await drawer().getByText('原为 subject').waitFor();
    await reviewAndApply(['rename_column'], 'setup-rename-field-plan.png');
    expect((await ticket()).fields.map((field) => field.apiName)).toEqual(['name', 'title', 'priority', 'account', 'score']);
    const records = (await api('/objects/ticket/records')).body.data as Json[];
    expect(records.map((record) => record.title)).toEqual(['打印机卡纸']);
  });

  it('converts a field to another type, which the plan shows as a conversion', async () => {
    await page.getByRole('button', { name: '编辑 title' }).click();
    await drawer().getByLabel('字段类型').selectOption('textarea');
    await reviewAndApply(['alter_column_type'], 'setup-convert-field-plan.png');
    expect((await ticket()).fields.find((field) => field.apiName === 'title')).toMatchObject({ type: 'textarea', required: true });
    const records = (await api('/objects/ticket/records')).body.data as Json[];
    expect(records.map((record) => record.title)).toEqual(['打印机卡纸']);
  });

  it('adds a roll-up on account counting its tickets', async () => {
    await page.goto(`${served.url}/setup/account`);
    await page.getByRole('heading', { name: '客户 · 字段' }).waitFor();
    await page.getByRole('button', { name: '+ 新建字段' }).click();
    await drawer().getByLabel('字段类型').selectOption('rollup');
    await drawer().getByLabel('API 名称', { exact: true }).fill('ticket_count');
    await drawer().getByLabel('标签（中文）', { exact: true }).fill('工单数');
    // Only objects that look account up are offered as children, and only their lookups to it.
    const child = drawer().getByLabel('子对象', { exact: true });
    expect(await child.locator('option').allTextContents()).toEqual(['请选择…', '工单 (ticket)']);
    await child.selectOption('ticket');
    await drawer().getByLabel('子对象上指向本对象的查找字段').selectOption('account');
    await drawer().getByLabel('汇总方式').selectOption('count');
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    const review = drawer().getByTestId('change-review');
    const steps = review.locator('[data-testid=plan-steps] tbody tr');
    await steps.first().waitFor();
    expect(await steps.first().getAttribute('data-kind')).toBe('add_column');
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-rollup-plan.png'), fullPage: true });
    const confirm = review.getByRole('checkbox', { name: '我已核对不安全的步骤' });
    if ((await confirm.count()) > 0) await confirm.check();
    await review.getByRole('button', { name: '执行' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: '关闭' }).click();
    const account = (await api('/metadata/objects/account?as=definition')).body as Json & { fields: FieldJson[] };
    expect(account.fields.find((field) => field.apiName === 'ticket_count')).toMatchObject({
      type: 'rollup',
      childObject: 'ticket',
      childField: 'account',
      function: 'count',
    });
  });
});
