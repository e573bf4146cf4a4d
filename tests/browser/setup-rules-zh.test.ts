// Setup → Validation rules in Chromium, in Chinese (issue #17): an admin builds "a high-priority
// ticket needs a due date" in the condition builder (no JSON typed), tests it against two of the
// object's records (fails on one, passes on the other, with the shared evaluator), applies it
// through plan → review → apply, and a write that breaks it is refused with the rule's message on
// its field. A condition the builder cannot show opens as raw JSON, kept as it was; deleting a rule
// is planned too. Screenshots;
// the console stays clean (watch-page.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const ticket = {
  apiName: 'ticket',
  labels: { en: 'Ticket', zh: '工单' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Subject', zh: '主题' }, required: true },
    {
      type: 'picklist',
      apiName: 'priority',
      labels: { en: 'Priority', zh: '优先级' },
      values: [
        { apiName: 'low', labels: { en: 'Low', zh: '低' } },
        { apiName: 'high', labels: { en: 'High', zh: '高' } },
      ],
    },
    { type: 'date', apiName: 'due_date', labels: { en: 'Due date', zh: '截止日期' } },
  ],
};

const MESSAGE = { zh: '高优先级工单必须填写截止日期', en: 'A high-priority ticket needs a due date' };
const CONDITION = { or: [{ '!=': [{ var: 'priority' }, 'high'] }, { '!=': [{ var: 'due_date' }, null] }] };

type Json = Record<string, unknown>;

describe('Setup validation rules in Chromium (zh)', () => {
  let app: BrowserApp;
  let page: Page;

  async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${app.served.url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${app.token}`,
        'accept-language': 'zh-CN',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
  }
  const definition = async () => (await api('GET', '/metadata/objects/ticket?as=definition')).body as Json & { validationRules?: Json[] };
  const drawer = () => page.getByRole('dialog');
  const builder = () => drawer().getByTestId('rule-condition');
  const rule = (index: number) => builder().locator('.rule').nth(index);
  const verdict = () => drawer().getByTestId('rule-preview').locator('[data-verdict]');

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'rules_zh', metadata: ticket, signedIn: true });
    page = app.page;
    for (const record of [
      { name: '打印机卡纸', priority: 'high' },
      { name: '网络中断', priority: 'high', due_date: '2026-12-31' },
    ]) {
      expect((await api('POST', '/objects/ticket/records', record)).status).toBe(201);
    }
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('builds a rule in the condition builder and tests it against a failing and a passing record', async () => {
    await page.goto(`${app.served.url}/setup/ticket/rules`);
    await page.getByTestId('validation-rules').getByText('还没有验证规则', { exact: false }).waitFor();
    await page.getByRole('button', { name: '+ 新建规则' }).click();
    await drawer().getByLabel('API 名称', { exact: true }).fill('due_for_high');
    await drawer().getByTestId('rule-preview').getByText('设置条件后即可测试。').waitFor();

    await builder().getByTitle('匹配').first().selectOption({ label: '任一满足（或）' });
    await builder().getByRole('button', { name: '+ 条件', exact: true }).click();
    await rule(0).getByTitle('字段').selectOption({ label: '优先级' });
    await rule(0).getByTitle('运算符').selectOption({ label: '不等于' });
    await rule(0).getByTitle('值').selectOption({ label: '高' });
    await builder().getByRole('button', { name: '+ 条件', exact: true }).click();
    await rule(1).getByTitle('字段').selectOption({ label: '截止日期' });
    await rule(1).getByTitle('运算符').selectOption({ label: '不为空' });
    await drawer().getByLabel('错误提示（中文）').fill(MESSAGE.zh);
    await drawer().getByLabel('错误提示（English）').fill(MESSAGE.en);
    await drawer().getByLabel('提示显示在').selectOption('due_date');

    // The preview: the record without a due date fails with the rule's message, the other passes.
    const preview = drawer().getByTestId('rule-preview');
    await preview.getByLabel('记录').selectOption({ label: '打印机卡纸' });
    await expect.poll(() => verdict().getAttribute('data-verdict')).toBe('fail');
    expect(await verdict().textContent()).toContain(MESSAGE.zh);
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-rule-test-fails-zh.png'), fullPage: true });
    await preview.getByLabel('记录').selectOption({ label: '网络中断' });
    await expect.poll(() => verdict().getAttribute('data-verdict')).toBe('pass');
    expect(await verdict().textContent()).toBe('通过：此记录可以保存。');
    // Sample values typed over the record: clearing the due date fails again.
    await preview.getByLabel('截止日期').fill('');
    await expect.poll(() => verdict().getAttribute('data-verdict')).toBe('fail');
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-rule-test-passes-zh.png'), fullPage: true });

    // The raw JSON view shows exactly what will be saved.
    await builder().getByRole('button', { name: '原始 JSON' }).click();
    expect(JSON.parse(await builder().getByLabel('条件（JsonLogic）').inputValue())).toEqual(CONDITION);
    await builder().getByRole('button', { name: '可视化' }).click();
    expect(await builder().locator('.rule').count()).toBe(2);
  });

  it('applies the rule through plan → review → apply, and a write that breaks it is refused with its message', async () => {
    expect((await definition()).validationRules ?? []).toEqual([]);
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    const review = drawer().getByTestId('change-review');
    await review.waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-rule-review-zh.png'), fullPage: true });
    await review.getByRole('button', { name: '执行' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: '关闭' }).click();
    await drawer().waitFor({ state: 'detached' });

    expect((await definition()).validationRules).toEqual([
      { apiName: 'due_for_high', condition: CONDITION, message: MESSAGE, field: 'due_date', active: true },
    ]);
    const row = page.getByTestId('rule-table').locator('tr[data-rule=due_for_high]');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['due_for_high', '启用', MESSAGE.zh, MESSAGE.en, '截止日期']);
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-rules-tab-zh.png'), fullPage: true });

    const refused = await api('POST', '/objects/ticket/records', { name: '服务器宕机', priority: 'high' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/due_date', message: MESSAGE.zh })]);
    expect((await api('POST', '/objects/ticket/records', { name: '服务器宕机', priority: 'high', due_date: '2027-01-05' })).status).toBe(201);
  });

  it('opens a condition the builder cannot show as raw JSON and keeps it, then deletes that rule through its plan', async () => {
    const current = await definition();
    const kept = { '!=': [{ var: 'name' }, { var: 'previous.name' }] };
    const applied = await api('POST', '/metadata/apply', {
      ...current,
      validationRules: [...(current.validationRules ?? []), { apiName: 'name_frozen', condition: kept, message: { zh: '主题不可修改' }, active: false }],
    });
    expect(applied.status).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: '编辑 name_frozen' }).click();
    const raw = builder().getByLabel('条件（JsonLogic）');
    await raw.waitFor();
    expect(JSON.parse(await raw.inputValue())).toEqual(kept);
    // The builder cannot take it: it says so and stays in raw mode.
    await builder().getByRole('button', { name: '可视化' }).click();
    await builder().getByText('可视化编辑器无法表示此条件，请以 JSON 编辑。').waitFor();
    // Text that does not parse is flagged on the box, and the review is held back.
    await raw.fill('{"!=": [');
    expect(await raw.getAttribute('aria-invalid')).toBe('true');
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await drawer().getByText('请先修正标出的字段。').waitFor();
    expect(await drawer().getByTestId('change-review').count()).toBe(0);

    // JSON naming an unknown field: the metamodel's own message shows under the condition as it is typed.
    await raw.fill('{"==": [{"var": "nope"}, 1]}');
    await drawer().locator('.rule-condition > .control-errors').getByText('nope', { exact: false }).waitFor();

    // Deleting the rule goes through its own plan; the other rule stays.
    await drawer().getByRole('button', { name: '删除规则' }).click();
    const review = drawer().getByTestId('change-review');
    await review.getByRole('button', { name: '执行' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: '关闭' }).click();
    expect(((await definition()).validationRules ?? []).map((entry) => entry.apiName)).toEqual(['due_for_high']);
    await page.getByTestId('rule-table').locator('tr[data-rule=name_frozen]').waitFor({ state: 'detached' });
  });
});
