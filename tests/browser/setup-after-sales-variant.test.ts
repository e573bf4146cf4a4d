// Issue #17's must-show, end to end in Chromium (zh-CN): an admin builds a small after-sales
// service variant in Setup with no API call made by the test for the building steps — the object
// 工单 and its fields (status and priority picklists, a lookup to 客户, a text formula with a
// literal, a date, a required text), a layout with two sections and a visibility rule, a
// validation rule in the condition builder, the pipeline 新建 → 处理中 → 已解决 → 已关闭 with a
// required field on 已解决, a two-step approval flow, a role and a permission set hiding one field
// given to an invited user; creates a ticket in the App, drops a field holding its data after the
// destructive review and reverts the drop from Revisions. Only then does the test read through the
// API: every piece as stored, a record create/read (the formula with a literal once answered 500),
// the stage move refused without its required field, GET /forms/ticket from the layout, the
// invited user (signed in with a password) not given the hidden field, the dropped field back with
// its data. The suite starts with a 客户 object applied as setup. Screenshots: after-sales-*.png.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiJson, type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';
import { publishScreenshot } from './publish-screenshot.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const TENANT = 'after_sales';
const INVITED = 'zhao@example.com';
const PASSWORD = 'correct horse battery';

const accountDef = {
  apiName: 'account',
  labels: { en: 'Account', zh: '客户' },
  pluralLabels: { en: 'Accounts', zh: '客户' },
  fields: [{ type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true }],
};

const STATUS = [
  ['new', '新建', 'New'],
  ['in_progress', '处理中', 'In progress'],
  ['resolved', '已解决', 'Resolved'],
  ['closed', '已关闭', 'Closed'],
] as const;
const PRIORITY = [
  ['low', '低', 'Low'],
  ['high', '高', 'High'],
] as const;
const FORMULA = { cat: ['TK-', { var: 'name' }] };
const VISIBLE_WHEN = { '!=': [{ var: 'priority' }, 'low'] };
const RULE_CONDITION = { or: [{ '!=': [{ var: 'priority' }, 'high'] }, { '!=': [{ var: 'due_date' }, null] }] };

type FieldJson = ApiJson & { apiName: string; type: string };
type Definition = ApiJson & {
  fields: FieldJson[];
  layouts?: ApiJson[];
  validationRules?: ApiJson[];
  pipelines?: (ApiJson & { stages: ApiJson[] })[];
  approvalFlows?: (ApiJson & { steps: ApiJson[] })[];
};

describe('Setup end to end: an after-sales service variant built in the browser (zh)', () => {
  let app: BrowserApp;
  let page: Page;
  let ticketId: string;
  let inviteToken: string;

  const drawer = () => page.getByRole('dialog');
  const review = () => drawer().getByTestId('change-review');
  const shot = (step: string) => page.screenshot({ path: join(SCREENSHOTS, `after-sales-${step}.png`), fullPage: true });
  const definition = async () => (await app.api('GET', '/metadata/objects/ticket?as=definition')).body as Definition;

  /** Review → (confirm the unsafe steps when asked) → apply → close; a screenshot of the review. */
  async function applyReviewed(screenshot?: string): Promise<void> {
    await review().locator('[data-testid=plan-steps] tbody tr').first().waitFor();
    if (screenshot) await shot(screenshot);
    const confirm = review().getByRole('checkbox', { name: /我已核对不安全的步骤|我了解以下内容将被删除/ });
    if ((await confirm.count()) > 0) await confirm.check();
    await review().getByRole('button', { name: '执行' }).click();
    await review().getByTestId('change-applied').waitFor();
    await review().getByRole('button', { name: '关闭' }).click();
    await drawer().waitFor({ state: 'detached' });
  }

  async function addField(type: string, apiName: string, zh: string, en: string, fill?: () => Promise<void>): Promise<void> {
    await page.getByRole('button', { name: '+ 新建字段' }).click();
    await drawer().getByLabel('字段类型').selectOption(type);
    await drawer().getByLabel('API 名称', { exact: true }).fill(apiName);
    await drawer().getByLabel('标签（中文）', { exact: true }).fill(zh);
    await drawer().getByLabel('标签（English）', { exact: true }).fill(en);
    await fill?.();
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await applyReviewed();
    await page.locator(`[data-testid=field-table] tr[data-field=${apiName}]`).waitFor();
  }

  async function picklistValues(values: readonly (readonly [string, string, string])[], defaultValue?: string): Promise<void> {
    const list = drawer().getByTestId('picklist-values');
    for (const [index, [apiName, zh, en]] of values.entries()) {
      await list.getByRole('button', { name: '+ 添加选项' }).click();
      await list.getByLabel(`选项 API 名称 ${index + 1}`).fill(apiName);
      await list.getByLabel(`标签（中文） ${index + 1}`).fill(zh);
      await list.getByLabel(`标签（English） ${index + 1}`).fill(en);
    }
    if (defaultValue) await list.locator(`li.value-row[data-value=${defaultValue}]`).getByLabel('默认').check();
  }

  /** One condition row in the condition builder, chosen by the labels the admin sees. */
  async function condition(builder: Locator, index: number, field: string, operator: string, value?: string): Promise<void> {
    await builder.getByRole('button', { name: '+ 条件', exact: true }).click();
    const rule = builder.locator('.rule').nth(index);
    await rule.getByTitle('字段').selectOption({ label: field });
    await rule.getByTitle('运算符').selectOption({ label: operator });
    if (value !== undefined) await rule.getByTitle('值').selectOption({ label: value });
  }

  const nav = (name: string) => page.getByRole('navigation', { name: '设置导航' }).getByRole('link', { name });

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata: accountDef, signedIn: true, viewport: { width: 1280, height: 1000 } });
    page = app.page;
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('creates the object 工单 and its fields, each through plan → review → apply', async () => {
    await page.goto(`${app.served.url}/setup`);
    await page.getByRole('button', { name: '+ 新建对象' }).click();
    await drawer().getByLabel('API 名称').fill('ticket');
    await drawer().getByLabel('标签（中文）', { exact: true }).fill('工单');
    await drawer().getByLabel('标签（English）', { exact: true }).fill('Ticket');
    await drawer().getByLabel('复数标签（中文）').fill('工单');
    await drawer().getByLabel('复数标签（English）').fill('Tickets');
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await applyReviewed('object-plan');
    await page.getByRole('heading', { name: '工单 · 字段' }).waitFor();

    await addField('text', 'summary', '问题摘要', 'Summary', async () => {
      await drawer().getByLabel('必填').check();
      await drawer().getByLabel('最大长度').fill('200');
    });
    await addField('picklist', 'status', '状态', 'Status', () => picklistValues(STATUS, 'new'));
    await addField('picklist', 'priority', '优先级', 'Priority', () => picklistValues(PRIORITY));
    await addField('lookup', 'account', '客户', 'Account', async () => {
      await drawer().getByLabel('查找对象').selectOption('account');
    });
    await addField('formula', 'code', '工单编号', 'Ticket code', async () => {
      await drawer().getByLabel('结果类型').selectOption('text');
      await drawer().getByLabel('表达式（JsonLogic）').fill(JSON.stringify(FORMULA));
    });
    await addField('date', 'due_date', '截止日期', 'Due date');
    await addField('textarea', 'resolution', '解决方案', 'Resolution');
    await addField('textarea', 'note', '备注', 'Note');
    await addField('text', 'internal_note', '内部备注', 'Internal note');
    await expect
      .poll(() => page.locator('[data-testid=field-table] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-field'))))
      .toEqual(['name', 'summary', 'status', 'priority', 'account', 'code', 'due_date', 'resolution', 'note', 'internal_note']);
    await shot('fields');
  });

  it('lays the form out in two sections with a visibility rule, previewed live', async () => {
    await page.goto(`${app.served.url}/setup/ticket/layouts`);
    await page.getByRole('button', { name: '+ 新建布局' }).click();
    await drawer().getByLabel('API 名称', { exact: true }).fill('service_layout');
    await drawer().getByLabel('布局名称（中文）').fill('服务布局');
    await drawer().getByLabel('布局名称（English）').fill('Service layout');
    const section = (index: number) => drawer().locator(`li.layout-section[data-section="${index}"]`);
    await section(0).getByLabel('分组标题（中文）').fill('基本信息');
    await section(0).getByLabel('分组标题（English）').fill('Basic info');
    await drawer().getByRole('button', { name: '+ 添加分组' }).click();
    await section(1).getByLabel('分组标题（中文）').fill('处理信息');
    await section(1).getByLabel('分组标题（English）').fill('Handling');
    const unplaced = drawer().getByTestId('unplaced-fields');
    for (const label of ['名称', '问题摘要', '状态', '优先级', '客户', '截止日期']) {
      await unplaced.getByLabel(`放入 · ${label}`).selectOption({ label: '基本信息' });
    }
    for (const label of ['解决方案', '备注', '内部备注']) {
      await unplaced.getByLabel(`放入 · ${label}`).selectOption({ label: '处理信息' });
    }
    // The due date shows only while the priority is not low: built in the condition builder.
    await section(0).getByRole('button', { name: '属性 · 截止日期' }).click();
    await condition(drawer().getByTestId('visibility-condition'), 0, '优先级', '不等于', '低');
    const form = drawer().getByTestId('layout-preview').getByTestId('preview-form');
    await form.getByLabel('截止日期').waitFor();
    await form.getByLabel('优先级').selectOption({ label: '低' });
    await form.getByLabel('截止日期').waitFor({ state: 'detached' });
    await shot('layout');
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await applyReviewed();
    await page.getByTestId('layout-table').locator('tr[data-layout=service_layout]').waitFor();
  });

  it('builds a validation rule in the condition builder: a high-priority ticket needs a due date', async () => {
    await page.goto(`${app.served.url}/setup/ticket/rules`);
    await page.getByRole('button', { name: '+ 新建规则' }).click();
    await drawer().getByLabel('API 名称', { exact: true }).fill('due_for_high');
    const builder = drawer().getByTestId('rule-condition');
    await builder.getByTitle('匹配').first().selectOption({ label: '任一满足（或）' });
    await condition(builder, 0, '优先级', '不等于', '高');
    await condition(builder, 1, '截止日期', '不为空');
    await drawer().getByLabel('错误提示（中文）').fill('高优先级工单必须填写截止日期');
    await drawer().getByLabel('错误提示（English）').fill('A high-priority ticket needs a due date');
    await drawer().getByLabel('提示显示在').selectOption('due_date');
    await shot('rule');
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await applyReviewed();
    await page.getByTestId('rule-table').locator('tr[data-rule=due_for_high]').waitFor();
  });

  it('builds the pipeline 新建 → 处理中 → 已解决 → 已关闭 with 解决方案 required on 已解决', async () => {
    await page.goto(`${app.served.url}/setup/ticket/pipeline`);
    await page.getByRole('button', { name: '+ 新建业务流程' }).click();
    expect(await drawer().getByLabel('阶段字段').inputValue()).toBe('status');
    await drawer().getByLabel('标签（中文）').first().fill('工单处理流程');
    await drawer().getByLabel('标签（English）').first().fill('Ticket process');
    const stage = (position: number) => drawer().getByTestId(`stage-${position}`);
    await stage(4).getByLabel('类别').selectOption({ label: '赢单' });
    await stage(3).getByText('详情', { exact: true }).click();
    await stage(3).getByTestId('required-fields-3').getByLabel('解决方案').check();
    await shot('pipeline');
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await applyReviewed();
    const strip = page.getByTestId('stage-strip');
    await strip.locator('[data-stage=closed]').waitFor();
    expect(await strip.locator('li > strong').allTextContents()).toEqual(['新建', '处理中', '已解决', '已关闭']);
  });

  it('creates the role 客服组长 in People', async () => {
    await nav('用户与角色').click();
    await page.getByRole('button', { name: '+ 新建角色' }).click();
    await drawer().getByLabel('API 名称').fill('support_lead');
    await drawer().getByLabel('标签（中文）', { exact: true }).fill('客服组长');
    await drawer().getByRole('button', { name: '保存' }).click();
    await page.getByTestId('role-tree').locator('li[data-role=support_lead]').waitFor();
  });

  it('designs a two-step approval flow: 或签 by 客服组长, then the manager', async () => {
    await page.goto(`${app.served.url}/setup/ticket/approvals`);
    await page.getByRole('button', { name: '+ 新建审批流程' }).click();
    const step = (position: number) => drawer().getByTestId(`step-${position}`);
    await drawer().getByLabel('API 名称', { exact: true }).fill('close_review');
    await drawer().getByLabel('标签（中文）').first().fill('关闭审核');
    await drawer().getByLabel('标签（English）').first().fill('Close review');
    await step(1).getByLabel('节点 1 · API 名称').fill('lead_review');
    await step(1).getByLabel('标签（中文）').fill('组长审核');
    await step(1).getByLabel('节点 1 · 审批人类型 1').selectOption({ label: '角色' });
    await step(1).getByRole('combobox', { name: '角色' }).selectOption({ label: '客服组长 (support_lead)' });
    await drawer().getByRole('button', { name: '+ 添加节点' }).click();
    await step(2).getByLabel('节点 2 · API 名称').fill('manager_signoff');
    await step(2).getByLabel('标签（中文）').fill('经理确认');
    await shot('approval-flow');
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await applyReviewed();
    await page.locator('[data-flow=close_review]').getByTestId('flow-versions').locator('li.current[data-version="1"]').waitFor();
  });

  it('builds a permission set hiding 内部备注, opens 工单 read-only to all, and invites a user with the role and the set', async () => {
    await nav('访问权限').click();
    await page.getByRole('button', { name: '+ 新建权限集' }).click();
    await drawer().getByLabel('API 名称').fill('support_agent');
    await drawer().getByLabel('标签（中文）', { exact: true }).fill('客服专员');
    await drawer().getByRole('button', { name: '保存' }).click();
    const editor = page.locator('[data-testid=permission-set-editor][data-set=support_agent]');
    await editor.waitFor();
    await editor.getByRole('checkbox', { name: '工单 查看', exact: true }).check();
    await editor.getByRole('button', { name: '工单 的字段' }).click();
    await editor.getByLabel('内部备注 字段权限').selectOption('none');
    await shot('permission-set');
    await editor.getByRole('button', { name: '保存' }).click();
    await editor.getByRole('status').getByText('已保存。').waitFor();
    await page.getByLabel('工单 默认访问').selectOption('read');

    await nav('用户与角色').click();
    await page.getByRole('button', { name: '+ 邀请用户' }).click();
    await drawer().getByLabel('邮箱', { exact: true }).fill(INVITED);
    await drawer().getByLabel('姓名', { exact: true }).fill('赵客服');
    await drawer().getByLabel('角色', { exact: true }).selectOption({ label: '客服组长' });
    await drawer().getByRole('checkbox', { name: '客服专员' }).check();
    await drawer().getByRole('button', { name: '发送邀请' }).click();
    const token = drawer().getByTestId('invite-token');
    await token.waitFor();
    inviteToken = ((await token.textContent()) ?? '').trim();
    await shot('invite');
    await drawer().getByTestId('invitation').getByRole('button', { name: '关闭' }).click();
    await page.locator(`[data-testid=user-table] tr[data-email="${INVITED}"]`).waitFor();
  });

  it('creates a ticket in the App with the generated form', async () => {
    await page.goto(`${app.served.url}/app/ticket/new`);
    const form = page.getByTestId('generated-form');
    await form.locator('#root_name').waitFor();
    expect(await form.getAttribute('data-layout')).toBe('service_layout');
    await form.locator('#root_name').fill('打印机卡纸');
    await form.locator('#root_summary').fill('三楼打印机频繁卡纸');
    await form.locator('#root_priority').selectOption({ label: '高' });
    await form.locator('#root_due_date').fill('2026-12-31');
    await form.locator('#root_note').fill('客户上午在');
    await form.locator('#root_internal_note').fill('疑似硒鼓老化');
    await shot('app-form');
    await form.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/app\/ticket\/[0-9a-f-]{36}\?created$/);
    ticketId = new URL(page.url()).pathname.split('/')[3] as string;
  });

  it('drops 备注 (holding data) after the destructive review, then reverts the drop from Revisions', async () => {
    await page.goto(`${app.served.url}/setup/ticket`);
    await page.getByRole('button', { name: '编辑 note' }).click();
    await drawer().getByRole('button', { name: '删除字段' }).click();
    // Destructive: the review asks for the confirmation naming what is dropped (the ticket's 备注).
    await review()
      .getByRole('checkbox', { name: /我了解以下内容将被删除/ })
      .waitFor();
    const kinds = await review()
      .locator('[data-testid=plan-steps] tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-kind')));
    expect(kinds).toContain('drop_column');
    await applyReviewed('drop-review');
    await page.locator('[data-testid=field-table] tr[data-field=note]').waitFor({ state: 'detached' });

    await nav('修订历史').click();
    const rows = page.locator('[data-testid=revision-list] tbody tr');
    await rows.first().waitFor();
    const latest = Number(await rows.first().getAttribute('data-revision'));
    await rows
      .nth(1)
      .getByRole('button', { name: `回退到修订 ${latest - 1}` })
      .click();
    const steps = review().locator('[data-testid=plan-steps] tbody tr');
    await steps.first().waitFor();
    expect(await steps.locator('td:nth-child(2)').allTextContents()).toContain(`恢复字段 ticket.note 及其数据（删除于版本 ${latest}）`);
    await applyReviewed('revert-review');
    await expect.poll(() => rows.first().getAttribute('data-revision')).toBe(String(latest + 1));
    await shot('revisions');
  });

  it('checks every piece through the API', async () => {
    const ticket = await definition();
    const field = (apiName: string) => ticket.fields.find((entry) => entry.apiName === apiName);
    expect(ticket.labels).toEqual({ zh: '工单', en: 'Ticket' });
    expect(ticket.fields.map((entry) => entry.apiName)).toEqual([
      'name',
      'summary',
      'status',
      'priority',
      'account',
      'code',
      'due_date',
      'resolution',
      'note',
      'internal_note',
    ]);
    expect(field('summary')).toMatchObject({ type: 'text', required: true, maxLength: 200 });
    expect(((field('status')?.values ?? []) as ApiJson[]).map((value) => [value.apiName, (value.labels as ApiJson).zh, value.default === true])).toEqual(
      STATUS.map(([apiName, zh]) => [apiName, zh, apiName === 'new']),
    );
    expect(field('account')).toMatchObject({ type: 'lookup', target: 'account' });
    expect(field('code')).toMatchObject({ type: 'formula', returns: 'text', expression: FORMULA });
    expect(field('due_date')).toMatchObject({ type: 'date' });
    const layout = ticket.layouts?.[0] as ApiJson & { sections: (ApiJson & { fields: ApiJson[] })[] };
    expect(layout.sections.map((entry) => entry.fields.map((item) => item.field))).toEqual([
      ['name', 'summary', 'status', 'priority', 'account', 'due_date'],
      ['resolution', 'note', 'internal_note'],
    ]);
    expect(layout.sections[0]?.fields.find((item) => item.field === 'due_date')?.visibleWhen).toEqual(VISIBLE_WHEN);
    expect(ticket.validationRules).toEqual([expect.objectContaining({ apiName: 'due_for_high', condition: RULE_CONDITION, field: 'due_date' })]);
    const pipeline = ticket.pipelines?.[0];
    expect(pipeline?.stageField).toBe('status');
    expect(pipeline?.stages.map((entry) => [entry.value, entry.requiredFields])).toEqual([
      ['new', []],
      ['in_progress', []],
      ['resolved', ['resolution']],
      ['closed', []],
    ]);
    const flow = ticket.approvalFlows?.[0];
    expect(flow?.steps.map((entry) => [entry.apiName, entry.approvers])).toEqual([
      ['lead_review', [{ type: 'role', role: 'support_lead' }]],
      ['manager_signoff', [{ type: 'manager', levels: 1 }]],
    ]);

    // GET /forms/ticket is built from the layout.
    const form = (await app.api('GET', '/forms/ticket?lang=zh')).body as ApiJson & { sections: ApiJson[]; rules: { visibility: ApiJson[] } };
    expect(form.layout).toBe('service_layout');
    expect(form.sections).toEqual([
      { title: '基本信息', columns: 1, fields: ['name', 'summary', 'status', 'priority', 'account', 'due_date'] },
      { title: '处理信息', columns: 1, fields: ['resolution', 'note', 'internal_note'] },
    ]);
    expect(form.rules.visibility).toEqual([{ field: 'due_date', when: VISIBLE_WHEN }]);

    // The ticket made in the App, its formula computed from the literal; the dropped field is back with its data.
    const made = await app.api('GET', `/objects/ticket/records/${ticketId}`);
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ name: '打印机卡纸', status: 'new', priority: 'high', due_date: '2026-12-31', note: '客户上午在', code: 'TK-打印机卡纸' });

    // A record create and read through the API; the validation rule refuses a high one without a due date.
    const account = await app.api('POST', '/objects/account/records', { name: '华北客户' });
    expect(account.status).toBe(201);
    const refused = await app.api('POST', '/objects/ticket/records', { name: '网络中断', summary: '无法上网', priority: 'high' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/due_date' })]);
    const created = await app.api('POST', '/objects/ticket/records', { name: '网络中断', summary: '无法上网', priority: 'low', account: account.body.id });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const read = await app.api('GET', `/objects/ticket/records/${id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ code: 'TK-网络中断', account: account.body.id, status: 'new' });

    // The stage move into 已解决 is refused without 解决方案, allowed with it.
    expect((await app.api('POST', `/objects/ticket/records/${id}/stage`, { stage: 'in_progress' })).status).toBe(200);
    const blocked = await app.api('POST', `/objects/ticket/records/${id}/stage`, { stage: 'resolved' });
    expect(blocked.status).toBe(422);
    expect(blocked.body.errors).toEqual([expect.objectContaining({ path: '/resolution' })]);
    expect((await app.api('PATCH', `/objects/ticket/records/${id}`, { resolution: '重启路由器' })).status).toBe(200);
    expect((await app.api('POST', `/objects/ticket/records/${id}/stage`, { stage: 'resolved' })).status).toBe(200);

    // The role, the set and the invited user as stored.
    const roles = (await app.api('GET', '/security/roles')).body.data as ApiJson[];
    const role = roles.find((entry) => entry.name === 'support_lead');
    expect(role?.label).toBe('客服组长');
    const sets = (await app.api('GET', '/security/permission-sets')).body.data as ApiJson[];
    const set = sets.find((entry) => entry.name === 'support_agent');
    expect(set?.objects).toEqual({ ticket: { read: true, fields: { internal_note: 'none' } } });
    const users = (await app.api('GET', '/security/users')).body.data as ApiJson[];
    expect(users).toEqual([expect.objectContaining({ email: INVITED, roleId: role?.id, permissionSetIds: [set?.id], invited: true })]);

    // The invited user accepts, signs in with a password and reads the ticket without 内部备注.
    expect((await app.api('POST', '/auth/accept-invite', { tenant: TENANT, token: inviteToken, password: PASSWORD })).status).toBe(200);
    const signIn = await fetch(`${app.served.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenant: TENANT, email: INVITED, password: PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const seen = await fetch(`${app.served.url}/api/v1/objects/ticket/records/${ticketId}`, { headers: { cookie } });
    expect(seen.status).toBe(200);
    const body = (await seen.json()) as ApiJson;
    expect(body).toMatchObject({ name: '打印机卡纸', note: '客户上午在' });
    expect(body).not.toHaveProperty('internal_note');
    expect((await app.api('GET', `/objects/ticket/records/${ticketId}`)).body.internal_note).toBe('疑似硒鼓老化');

    for (const name of ['layout', 'drop-review', 'revert-review']) {
      publishScreenshot(`after-sales-${name}.png`);
    }
  });
});
