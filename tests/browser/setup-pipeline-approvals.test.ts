// Setup → Pipeline and Approvals in Chromium (issue #17), in Chinese: an admin, with no API call
// made by the test for the steps, builds the ticket pipeline 新建 → 处理中 → 已解决 → 已关闭 (stages
// reordered by drag and drop, probabilities, a category, a required field on 已解决, an explicit
// transition graph) and a two-step approval flow (step 1 或签 by a role, step 2 会签 with skip
// criteria, editable fields, a time limit and final actions), each through plan → review → apply.
// Bad input shows the metamodel's message on the control that caused it; a plan the server refuses
// (another admin changed the object meanwhile) changes nothing. The test then checks the stored
// metadata exactly and that a stage move into 已解决 without its required field is refused (422)
// while with it the move succeeds; English labels are checked in a second context. Screenshots;
// the console stays clean (watch-page.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiJson, type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const STATUS_VALUES = [
  { apiName: 'new', labels: { en: 'New', zh: '新建' } },
  { apiName: 'in_progress', labels: { en: 'In progress', zh: '处理中' } },
  { apiName: 'resolved', labels: { en: 'Resolved', zh: '已解决' } },
  { apiName: 'closed', labels: { en: 'Closed', zh: '已关闭' } },
];
const statusField = (values: typeof STATUS_VALUES) => ({ type: 'picklist', apiName: 'status', labels: { en: 'Status', zh: '状态' }, values });
const ticket = (values = STATUS_VALUES) => ({
  apiName: 'ticket',
  labels: { en: 'Ticket', zh: '工单' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Subject', zh: '主题' }, required: true },
    statusField(values),
    {
      type: 'picklist',
      apiName: 'priority',
      labels: { en: 'Priority', zh: '优先级' },
      values: [
        { apiName: 'low', labels: { en: 'Low', zh: '低' } },
        { apiName: 'high', labels: { en: 'High', zh: '高' } },
      ],
    },
    { type: 'textarea', apiName: 'resolution', labels: { en: 'Resolution', zh: '解决方案' } },
  ],
});

const PIPELINE = {
  apiName: 'default',
  labels: { zh: '工单处理流程', en: 'Ticket process' },
  stageField: 'status',
  stages: [
    { value: 'new', probability: 10, category: 'open' },
    { value: 'in_progress', probability: 50, category: 'open' },
    { value: 'resolved', probability: 90, category: 'open', requiredFields: ['resolution'] },
    { value: 'closed', category: 'won' },
  ],
  transitions: { new: ['in_progress', 'resolved'], in_progress: ['resolved', 'closed'], resolved: ['in_progress', 'closed'], closed: [] },
};
/** The pipeline as the definition API answers it: each stage with the defaults the metamodel fills in (labels from the picklist, probability by category). */
const STORED_PIPELINE = {
  ...PIPELINE,
  stages: PIPELINE.stages.map((stage, index) => ({
    labels: STATUS_VALUES[index]?.labels,
    probability: stage.category === 'won' ? 100 : 0,
    requiredFields: [],
    requiresReason: false,
    ...stage,
  })),
};

const FLOW = {
  apiName: 'resolution_review',
  labels: { zh: '解决方案审核', en: 'Resolution review' },
  active: true,
  steps: [
    { apiName: 'lead_review', labels: { zh: '组长审核' }, approvers: [{ type: 'role', role: 'support_lead' }], mode: 'any' },
    {
      apiName: 'manager_signoff',
      criteria: { '==': [{ var: 'priority' }, 'high'] },
      approvers: [{ type: 'manager' }, { type: 'user', email: 'qa.lead@example.com' }],
      mode: 'all',
      editableFields: ['resolution'],
      timeLimit: { hours: 48, action: 'remind' },
    },
  ],
  onApprove: [{ type: 'moveStage', stage: 'closed' }],
  onReject: [{ type: 'setField', field: 'priority', value: 'high' }],
  lockRecord: true,
  allowRecall: true,
};

/** The flow as the definition API answers it: the defaults the metamodel fills in (editable fields, manager levels, a step's label). */
const STORED_FLOW = {
  ...FLOW,
  steps: [
    { ...FLOW.steps[0], editableFields: [] },
    { ...FLOW.steps[1], labels: { en: 'manager_signoff' }, approvers: [{ type: 'manager', levels: 1 }, FLOW.steps[1]?.approvers[1]] },
  ],
};

type Definition = ApiJson & { pipelines?: unknown[]; approvalFlows?: unknown[] };

describe('Setup pipeline and approval flow designer in Chromium (zh, en)', () => {
  let app: BrowserApp;
  let page: Page;

  const definition = async () => (await app.api('GET', '/metadata/objects/ticket?as=definition')).body as Definition;
  const revision = async () => (await app.api('GET', '/metadata')).body.revision as number;
  const drawer = () => page.getByRole('dialog');
  const stage = (position: number) => drawer().getByTestId(`stage-${position}`);
  const step = (position: number) => drawer().getByTestId(`step-${position}`);
  /** The messages shown under the control labelled `label` inside `scope`. */
  const controlErrors = (scope: Locator, label: string) =>
    scope
      .locator('.control')
      .filter({ has: page.getByLabel(label, { exact: true }) })
      .locator('.control-errors');
  const stageOrder = () =>
    drawer()
      .locator('.stage-editor')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-stage')));
  const applyReviewed = async () => {
    const review = drawer().getByTestId('change-review');
    await review.waitFor();
    await review.getByRole('button', { name: '执行' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: '关闭' }).click();
    await drawer().waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'pipeline_zh', metadata: ticket(), signedIn: true });
    page = app.page;
    expect((await app.api('POST', '/security/roles', { name: 'support_lead', label: '客服组长' })).status).toBe(201);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('builds the pipeline: stages from the stage field, drag and drop, inline metamodel errors, required field, transition graph', async () => {
    await page.goto(`${app.served.url}/setup/ticket/pipeline`);
    await page.getByTestId('pipeline-section').getByText('此对象还没有业务流程', { exact: false }).waitFor();
    await page.getByRole('button', { name: '+ 新建业务流程' }).click();
    // A new pipeline takes the picklist `status` and every one of its values as a stage, in order.
    expect(await drawer().getByLabel('阶段字段').inputValue()).toBe('status');
    await expect.poll(stageOrder).toEqual(['new', 'in_progress', 'resolved', 'closed']);
    expect(await drawer().getByLabel('API 名称', { exact: true }).inputValue()).toBe('default');
    await drawer().getByLabel('标签（中文）').first().fill(PIPELINE.labels.zh);
    await drawer().getByLabel('标签（English）').first().fill(PIPELINE.labels.en);

    // Drag stage 4 by its handle onto stage 3: the two swap; ↓ puts them back.
    const handle = await drawer().getByRole('button', { name: '拖动以排序 阶段 4' }).boundingBox();
    const target = await drawer().getByRole('button', { name: '拖动以排序 阶段 3' }).boundingBox();
    if (!handle || !target) throw new Error('drag handles are not visible');
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, handle.y - 10, { steps: 5 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2 - 20, { steps: 10 });
    await page.mouse.up();
    await expect.poll(stageOrder).toEqual(['new', 'in_progress', 'closed', 'resolved']);
    await drawer().getByRole('button', { name: '下移 阶段 3' }).click();
    await expect.poll(stageOrder).toEqual(['new', 'in_progress', 'resolved', 'closed']);

    // Bad input: the metamodel's own message shows on the control that caused it, as it is typed.
    await stage(2).getByLabel('阶段值 2').selectOption('new');
    await controlErrors(stage(2), '阶段值 2').getByText("lists stage 'new' more than once", { exact: false }).waitFor();
    expect(await stage(2).getByLabel('阶段值 2').getAttribute('aria-invalid')).toBe('true');
    await stage(3).getByLabel('赢率（%）').fill('150');
    await controlErrors(stage(3), '赢率（%）').getByText('100', { exact: false }).waitFor();
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await drawer().getByText('请先修正标出的字段。').waitFor();
    expect(await drawer().getByTestId('change-review').count()).toBe(0);
    await stage(2).getByLabel('阶段值 2').selectOption('in_progress');
    await controlErrors(stage(2), '阶段值 2').waitFor({ state: 'detached' });

    for (const [position, probability] of [
      [1, '10'],
      [2, '50'],
      [3, '90'],
    ] as const) {
      await stage(position).getByLabel('赢率（%）').fill(probability);
    }
    await controlErrors(stage(3), '赢率（%）').waitFor({ state: 'detached' });
    await stage(4).getByLabel('类别').selectOption({ label: '赢单' });
    await stage(3).getByText('详情', { exact: true }).click();
    await stage(3).getByTestId('required-fields-3').getByLabel('解决方案').check();

    // Transitions as an explicit graph: it starts as "forward"; 新建 may no longer jump to 已关闭, 已解决 may reopen.
    await drawer().getByRole('combobox', { name: '阶段推进' }).selectOption({ label: '指定推进路线（图）' });
    await drawer().getByLabel('新建 → 已关闭').uncheck();
    await drawer().getByLabel('已解决 → 处理中').check();
    const arrows = drawer().getByTestId('transition-arrows');
    expect((await arrows.locator('li').allTextContents()).map((line) => line.replace(/\s+/g, ''))).toEqual([
      '新建→处理中已解决',
      '处理中→已解决已关闭',
      '已解决→处理中已关闭',
      '已关闭→不可推进',
    ]);
    await page.setViewportSize({ width: 1280, height: 1600 });
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-pipeline-editor-zh.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('a plan the server refuses changes nothing and shows its problem on the stage; then the pipeline applies', async () => {
    // Meanwhile another admin removes the value 已关闭 from the stage field: the plan is made on
    // the latest definition, so the server refuses stage 4, and nothing is stored.
    const before = await definition();
    expect((await app.api('POST', '/metadata/apply', ticket(STATUS_VALUES.slice(0, 3)))).status).toBe(200);
    const afterOther = await revision();
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await drawer().getByTestId('plan-refused').waitFor();
    await controlErrors(stage(4), '阶段值 4').getByText("'closed' is not a value of ticket.status", { exact: false }).waitFor();
    expect((await definition()).pipelines).toBeUndefined();
    expect(await revision()).toBe(afterOther);

    // The other admin puts the value back; the same draft now plans and applies.
    expect((await app.api('POST', '/metadata/apply', ticket())).status).toBe(200);
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await applyReviewed();
    expect(before.pipelines).toBeUndefined();
    expect((await definition()).pipelines).toEqual([STORED_PIPELINE]);

    const strip = page.getByTestId('stage-strip');
    await strip.locator('[data-stage=closed]').waitFor();
    expect(await strip.locator('li > strong').allTextContents()).toEqual(['新建', '处理中', '已解决', '已关闭']);
    expect(await strip.locator('[data-stage=resolved]').textContent()).toContain('必填字段: 解决方案');
  });

  it('enforces the stored pipeline: a move into 已解决 without 解决方案 is refused (422), with it the move succeeds', async () => {
    const created = await app.api('POST', '/objects/ticket/records', { name: '打印机卡纸', status: 'new' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await app.api('POST', `/objects/ticket/records/${id}/stage`, { stage: 'in_progress' })).status).toBe(200);
    const refused = await app.api('POST', `/objects/ticket/records/${id}/stage`, { stage: 'resolved' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: '/resolution' })]);
    expect((await app.api('GET', `/objects/ticket/records/${id}`)).body.status).toBe('in_progress');
    expect((await app.api('PATCH', `/objects/ticket/records/${id}`, { resolution: '更换了硒鼓' })).status).toBe(200);
    const moved = await app.api('POST', `/objects/ticket/records/${id}/stage`, { stage: 'resolved' });
    expect(moved.status).toBe(200);
    expect(moved.body.status).toBe('resolved');
  });

  it('designs a two-step approval flow (或签 by role, then 会签) with inline errors, and lists its version', async () => {
    await page.goto(`${app.served.url}/setup/ticket/approvals`);
    await page.getByTestId('approval-flows-section').getByText('还没有审批流程。').waitFor();
    await page.getByRole('button', { name: '+ 新建审批流程' }).click();
    await drawer().getByLabel('API 名称', { exact: true }).fill(FLOW.apiName);
    await drawer().getByLabel('标签（中文）').first().fill(FLOW.labels.zh);
    await drawer().getByLabel('标签（English）').first().fill(FLOW.labels.en);

    // Step 1: 或签 by the role 客服组长.
    await step(1).getByLabel('节点 1 · API 名称').fill('lead_review');
    await step(1).getByLabel('标签（中文）').fill('组长审核');
    expect(await step(1).getByLabel('节点 1 · 审批方式').inputValue()).toBe('any');
    expect(await step(1).getByLabel('节点 1 · 审批人类型 1').inputValue()).toBe('manager');
    await step(1).getByLabel('节点 1 · 审批人类型 1').selectOption({ label: '角色' });
    await step(1).getByRole('combobox', { name: '角色' }).selectOption({ label: '客服组长 (support_lead)' });

    // Step 2: a duplicate api name shows the metamodel's message on that box.
    await drawer().getByRole('button', { name: '+ 添加节点' }).click();
    await step(2).getByLabel('节点 2 · API 名称').fill('lead_review');
    await controlErrors(step(2), '节点 2 · API 名称').getByText("lists step 'lead_review' more than once", { exact: false }).waitFor();
    await step(2).getByLabel('节点 2 · API 名称').fill('manager_signoff');
    await controlErrors(step(2), '节点 2 · API 名称').waitFor({ state: 'detached' });
    await step(2).getByLabel('节点 2 · 审批方式').selectOption({ label: '会签（所有人同意）' });
    expect(await step(2).getByLabel('节点 2 · 审批人类型 1').inputValue()).toBe('manager');
    await step(2).getByRole('button', { name: '+ 添加审批人' }).click();
    await step(2).getByLabel('节点 2 · 审批人类型 2').selectOption({ label: '指定用户' });
    await step(2).getByLabel('邮箱').fill('qa.lead@example.com');
    // Skip criteria in the condition builder: the step runs only for high priority.
    const criteria = step(2).getByTestId('step-criteria-2');
    await criteria.getByRole('button', { name: '+ 条件', exact: true }).click();
    await criteria.locator('.rule').first().getByTitle('字段').selectOption({ label: '优先级' });
    await criteria.locator('.rule').first().getByTitle('运算符').selectOption({ label: '等于' });
    await criteria.locator('.rule').first().getByTitle('值').selectOption({ label: '高' });
    await step(2).getByLabel('解决方案').check();
    await step(2).getByLabel('停留时限（小时）').fill('48');
    await step(2).getByLabel('超时后').selectOption({ label: '提醒' });

    // Final actions: approval closes the ticket, rejection raises its priority.
    const onApprove = drawer().getByTestId('actions-onApprove');
    await onApprove.getByRole('button', { name: '+ 添加动作 · 最终同意后' }).click();
    await onApprove.getByLabel('最终同意后 · 动作 1').selectOption({ label: '推进到阶段' });
    await onApprove.getByLabel('阶段', { exact: true }).selectOption('closed');
    const onReject = drawer().getByTestId('actions-onReject');
    await onReject.getByRole('button', { name: '+ 添加动作 · 驳回后' }).click();
    await onReject.getByLabel('字段', { exact: true }).selectOption('priority');
    await onReject.getByLabel('值', { exact: true }).fill('high');

    // A ratio without mode `ratio` is the metamodel's error on the ratio box; back to 会签 clears it.
    await step(2).getByLabel('节点 2 · 审批方式').selectOption('ratio');
    await controlErrors(step(2), '节点 2 · 审批方式').getByText('needs a ratio', { exact: false }).waitFor();
    await step(2).getByLabel('节点 2 · 审批方式').selectOption('all');
    await controlErrors(step(2), '节点 2 · 审批方式').waitFor({ state: 'detached' });

    await page.setViewportSize({ width: 1280, height: 2000 });
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-approval-designer-zh.png') });
    await page.setViewportSize({ width: 1280, height: 900 });
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await applyReviewed();
    expect((await definition()).approvalFlows).toEqual([STORED_FLOW]);
    expect((await definition()).pipelines).toEqual([STORED_PIPELINE]);

    const card = page.locator('[data-flow=resolution_review]');
    await card.getByTestId('flow-versions').locator('li.current[data-version="1"]').waitFor();
    expect(await card.getByTestId('flow-versions').locator('li.current').textContent()).toContain('新申请使用');
    expect(await card.locator('[data-step] strong').allTextContents()).toEqual(['组长审核', 'manager_signoff']);
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-approvals-tab-zh.png'), fullPage: true });
  });

  it('gates 已关闭 on the approval flow, and an edited flow becomes version 2 while version 1 is kept', async () => {
    await page.getByRole('button', { name: '编辑审批流程 resolution_review' }).click();
    await step(2).getByLabel('停留时限（小时）').fill('24');
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await applyReviewed();
    const versions = page.locator('[data-flow=resolution_review]').getByTestId('flow-versions');
    await versions.locator('li.current[data-version="2"]').waitFor();
    expect(await versions.locator('li[data-version="1"]').textContent()).toContain('旧版本');
    expect(await versions.locator('li').count()).toBe(2);

    await page.goto(`${app.served.url}/setup/ticket/pipeline`);
    await page.getByRole('button', { name: '编辑业务流程 default' }).click();
    await stage(4).getByText('详情', { exact: true }).click();
    await stage(4).getByLabel('进入前须审批').selectOption({ label: '解决方案审核 (resolution_review)' });
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await applyReviewed();
    const stored = (await definition()).pipelines as { stages: { value: string; approvalFlow?: string }[] }[];
    expect(stored[0]?.stages.map((entry) => entry.approvalFlow ?? null)).toEqual([null, null, null, 'resolution_review']);
    await page.getByTestId('stage-strip').locator('[data-stage=closed]').getByText('resolution_review', { exact: false }).waitFor();
  });

  it('shows the pipeline and the approval flow with English labels in an English context', async () => {
    const context = await app.signedInContext({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });
    const english = await context.newPage();
    try {
      await english.goto(`${app.served.url}/setup/ticket/pipeline`);
      const strip = english.getByTestId('stage-strip');
      await strip.locator('[data-stage=closed]').waitFor();
      expect(await english.getByRole('heading', { name: 'Pipeline', exact: true }).count()).toBe(1);
      expect(await strip.locator('li > strong').allTextContents()).toEqual(['New', 'In progress', 'Resolved', 'Closed']);
      expect(await strip.locator('[data-stage=closed]').textContent()).toContain('Won');
      await english.getByRole('button', { name: 'Edit pipeline default' }).click();
      const editor = english.getByRole('dialog');
      expect(await editor.getByRole('combobox', { name: 'Transitions' }).inputValue()).toBe('graph');
      expect(await editor.getByLabel('Resolved → In progress').isChecked()).toBe(true);
      expect(await editor.getByTestId('required-fields-3').getByLabel('Resolution').isChecked()).toBe(true);
      await english.screenshot({ path: join(SCREENSHOTS, 'setup-pipeline-editor-en.png') });
      await editor.getByRole('button', { name: 'Cancel' }).click();

      await english.goto(`${app.served.url}/setup/ticket/approvals`);
      const card = english.locator('[data-flow=resolution_review]');
      await card.getByText('Resolution review').waitFor();
      expect(await card.locator('[data-step] .small').allTextContents()).toEqual([
        'Any one approves (或签)',
        'Role support_lead',
        'Everyone approves (会签)',
        'Manager ×1, User qa.lead@example.com',
      ]);
      expect(await card.getByTestId('flow-versions').locator('li.current').textContent()).toContain('in use for new requests');
      await english.getByRole('button', { name: 'Edit approval flow resolution_review' }).click();
      expect(await english.getByRole('dialog').getByLabel('Step 2 · Decision').inputValue()).toBe('all');
      await english.screenshot({ path: join(SCREENSHOTS, 'setup-approval-designer-en.png') });
    } finally {
      await context.close();
    }
  });
});
