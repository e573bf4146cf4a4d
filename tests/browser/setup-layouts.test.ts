// Setup → Layouts and Record types in Chromium (issue #17), in Chinese, with no API call made by
// the test for the steps: the object page's tabs (keyboard, URL, reload); an admin builds a layout
// with two sections by drag and drop (and the keyboard alternatives), a visibility rule in the
// condition builder, watches the live preview (the same form code the App uses) hide the field
// when the preview record meets the rule and switches it to English, applies through plan →
// review → apply; creates a record type with a picklist subset. The API then shows both stored
// exactly and GET /forms/ticket built from them. Bad input (a duplicate layout api name, no name
// at all, an empty section, a picklist with no value ticked) shows the metamodel's message on its
// control and nothing is planned; a plan the server refuses (another admin dropped a field the
// draft places) shows its message on that field's row and applies nothing. A second context in
// English checks the English words.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';
import { publishScreenshot } from './publish-screenshot.ts';

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
        { apiName: 'medium', labels: { en: 'Medium', zh: '中' } },
        { apiName: 'high', labels: { en: 'High', zh: '高' } },
      ],
    },
    { type: 'date', apiName: 'due_date', labels: { en: 'Due date', zh: '截止日期' } },
    { type: 'textarea', apiName: 'description', labels: { en: 'Description', zh: '描述' } },
    { type: 'text', apiName: 'resolution', labels: { en: 'Resolution', zh: '解决方案' } },
  ],
};

const RULE = { '!=': [{ var: 'priority' }, 'low'] };
// As the API returns a stored layout item: its flags filled in.
const item = (field: string, more: Record<string, unknown> = {}) => ({ field, readOnly: false, required: false, ...more });
const LAYOUT = {
  apiName: 'service_layout',
  labels: { zh: '服务布局', en: 'Service layout' },
  sections: [
    {
      labels: { zh: '基本信息', en: 'Basic info' },
      columns: 1,
      fields: [item('due_date', { visibleWhen: RULE }), item('name'), item('priority')],
    },
    { labels: { zh: '处理信息', en: 'Handling' }, columns: 2, fields: [item('description'), item('resolution')] },
  ],
};
const RECORD_TYPE = {
  apiName: 'hardware_repair',
  labels: { zh: '硬件维修', en: 'Hardware repair' },
  picklistValues: { priority: ['medium', 'high'] },
  default: true,
  layout: 'service_layout',
  active: true,
};

type Json = Record<string, unknown>;

describe('Setup layouts and record types in Chromium (zh, then en)', () => {
  let app: BrowserApp;
  let page: Page;

  async function api(path: string): Promise<Json> {
    const response = await fetch(`${app.served.url}/api/v1${path}`, { headers: { authorization: `Bearer ${app.token}`, 'accept-language': 'zh-CN' } });
    expect(response.status).toBe(200);
    return (await response.json()) as Json;
  }
  /** Another admin's change, made through the API while the page is open. */
  async function post(path: string, body: unknown): Promise<Json> {
    const response = await fetch(`${app.served.url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Json;
  }
  const definition = async () => (await api('/metadata/objects/ticket?as=definition')) as Json & { layouts?: Json[]; recordTypes?: Json[] };
  const revision = async () => (await api('/metadata')).revision;
  const drawer = () => page.getByRole('dialog');
  const section = (index: number) => drawer().locator(`li.layout-section[data-section="${index}"]`);
  const sectionFields = (index: number) => drawer().getByTestId(`section-fields-${index}`);
  /** Over a section's headings: a field dropped there goes to the end of the section. */
  const sectionHeadings = (index: number) => section(index).locator('.layout-section-settings');
  const fieldOrder = (index: number) =>
    sectionFields(index)
      .locator('li.field-row')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-field')));
  const preview = () => drawer().getByTestId('layout-preview');
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });

  /** A pointer drag (dnd-kit's pointer sensor): press on the handle, move in steps, release over the target. */
  async function drag(handle: Locator, target: Locator) {
    // hover() waits until the handle stops moving (rows slide into place after the previous drop).
    await handle.hover();
    const from = await handle.boundingBox();
    if (!from) throw new Error('drag handle not visible');
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 8, from.y + from.height / 2 + 8, { steps: 4 });
    const to = await target.boundingBox();
    if (!to) throw new Error('drop target not visible');
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    // dnd-kit settles what is under the pointer in a render after the last move: let it, then drop.
    await page.waitForTimeout(150);
    await page.mouse.up();
  }

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'layouts_zh', metadata: ticket, signedIn: true });
    page = app.page;
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('opens the object page on the tab named in the URL, moves between tabs by keyboard and keeps the tab on reload', async () => {
    await page.goto(`${app.served.url}/setup/ticket/layouts`);
    const tabs = page.getByRole('tablist', { name: '对象设置分区' });
    await tabs.waitFor();
    expect(await tabs.getByRole('tab').allTextContents()).toEqual(['详情与字段', '页面布局', '业务类型', '验证规则', '销售流程', '审批流程']);
    const layoutsTab = tabs.getByRole('tab', { name: '页面布局' });
    expect(await layoutsTab.getAttribute('aria-selected')).toBe('true');
    await page.getByRole('tabpanel').getByText('还没有布局', { exact: false }).waitFor();

    await layoutsTab.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => window.location.pathname)).toBe('/setup/ticket/record-types');
    expect(await tabs.getByRole('tab', { name: '业务类型' }).evaluate((tab) => tab === document.activeElement && tab.getAttribute('aria-selected'))).toBe(
      'true',
    );
    await page.getByRole('tabpanel').getByText('没有业务类型', { exact: false }).waitFor();
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => window.location.pathname)).toBe('/setup/ticket');
    await page.getByRole('tabpanel').getByTestId('field-table').waitFor();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => window.location.pathname)).toBe('/setup/ticket/approvals');

    await tabs.getByRole('tab', { name: '页面布局' }).click();
    await page.reload();
    expect(await page.getByRole('tab', { name: '页面布局' }).getAttribute('aria-selected')).toBe('true');
  });

  it('builds a layout with two sections by drag and drop and a visibility rule, with a live preview in both languages', async () => {
    await page.getByRole('button', { name: '+ 新建布局' }).click();
    await drawer().getByLabel('API 名称', { exact: true }).fill('service_layout');
    await drawer().getByLabel('布局名称（中文）').fill('服务布局');
    await drawer().getByLabel('布局名称（English）').fill('Service layout');
    await section(0).getByLabel('分组标题（中文）').fill('基本信息');
    await section(0).getByLabel('分组标题（English）').fill('Basic info');

    // From the unplaced list into the empty section by pointer, then one more under it.
    const unplaced = drawer().getByTestId('unplaced-fields');
    await drag(unplaced.getByRole('button', { name: '拖动字段 主题' }), sectionFields(0).getByText('把字段拖到这里。'));
    await expect.poll(() => fieldOrder(0)).toEqual(['name']);
    await drag(unplaced.getByRole('button', { name: '拖动字段 截止日期' }), sectionHeadings(0));
    await expect.poll(() => fieldOrder(0)).toEqual(['name', 'due_date']);
    // The keyboard alternative: choose the section.
    await unplaced.getByLabel('放入 · 优先级').selectOption({ label: '基本信息' });
    expect(await fieldOrder(0)).toEqual(['name', 'due_date', 'priority']);
    // Reorder within the section by pointer: due date above the subject.
    await drag(sectionFields(0).getByRole('button', { name: '拖动字段 截止日期' }), sectionFields(0).locator('li[data-field=name]'));
    await expect.poll(() => fieldOrder(0)).toEqual(['due_date', 'name', 'priority']);

    await drawer().getByRole('button', { name: '+ 添加分组' }).click();
    await section(1).getByLabel('分组标题（中文）').fill('处理信息');
    await section(1).getByLabel('分组标题（English）').fill('Handling');
    await section(1).getByLabel('列数').selectOption({ label: '2 列' });
    await drag(unplaced.getByRole('button', { name: '拖动字段 描述' }), sectionHeadings(1));
    await unplaced.getByLabel('放入 · 解决方案').selectOption({ label: '处理信息' });
    expect(await fieldOrder(1)).toEqual(['description', 'resolution']);
    await unplaced.getByText('所有字段都已放置。').waitFor();

    // Sections move by their buttons (the keyboard route besides the handles).
    const sectionOrder = () =>
      drawer()
        .locator('li.layout-section')
        .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')));
    await drawer().getByRole('button', { name: '分组上移 处理信息' }).click();
    expect(await sectionOrder()).toEqual(['处理信息', '基本信息']);
    await drawer().getByRole('button', { name: '分组下移 处理信息' }).click();
    expect(await sectionOrder()).toEqual(['基本信息', '处理信息']);

    // The due date shows only while the priority is not low: built in the condition builder.
    await section(0).getByRole('button', { name: '属性 · 截止日期' }).click();
    const builder = drawer().getByTestId('visibility-condition');
    await builder.getByRole('button', { name: '+ 条件', exact: true }).click();
    const rule = builder.locator('.rule').first();
    await rule.getByTitle('字段').selectOption({ label: '优先级' });
    await rule.getByTitle('运算符').selectOption({ label: '不等于' });
    await rule.getByTitle('值').selectOption({ label: '低' });
    await section(0).locator('li[data-field=due_date]').getByText('规则').waitFor();

    // The live preview: both sections with their headings, the due date until the priority is low.
    const form = preview().getByTestId('preview-form');
    expect(await form.locator('legend').allTextContents()).toEqual(['基本信息', '处理信息']);
    expect(await form.locator('fieldset.form-section.columns-2').count()).toBe(1);
    await form.getByLabel('截止日期').waitFor();
    await form.getByLabel('优先级').selectOption({ label: '低' });
    await form.getByLabel('截止日期').waitFor({ state: 'detached' });
    expect(await form.getAttribute('data-hidden')).toBe('due_date');
    await shot('setup-layout-editor-zh.png');
    publishScreenshot('setup-layout-editor-zh.png', 'setup-layout-editor.png');

    // The same preview in English: labels switch, the rule still holds, and lets go on High.
    await preview().getByRole('group', { name: '预览语言' }).getByRole('button', { name: 'English' }).click();
    await form.locator('legend', { hasText: 'Basic info' }).waitFor();
    expect(await form.locator('legend').allTextContents()).toEqual(['Basic info', 'Handling']);
    expect(await form.getByLabel('Due date').count()).toBe(0);
    await form.getByLabel('Priority').selectOption({ label: 'High' });
    await form.getByLabel('Due date').waitFor();
    await shot('setup-layout-preview-en.png');
  });

  it('applies the layout through plan → review → apply; the API stores it exactly and serves the form from it', async () => {
    const before = await revision();
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    const review = drawer().getByTestId('change-review');
    await review.waitFor();
    await shot('setup-layout-review-zh.png');
    await review.getByRole('button', { name: '执行' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: '关闭' }).click();
    await drawer().waitFor({ state: 'detached' });

    expect(await revision()).toBe((before as number) + 1);
    expect((await definition()).layouts).toEqual([LAYOUT]);
    const row = page.getByTestId('layout-table').locator('tr[data-layout=service_layout]');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['service_layout', '服务布局', 'Service layout', '2', '5', '—']);

    const served = (await api('/forms/ticket?lang=zh')) as Json & { sections: Json[]; rules: { visibility: Json[] } };
    expect(served.layout).toBe('service_layout');
    expect(served.sections).toEqual([
      { title: '基本信息', columns: 1, fields: ['due_date', 'name', 'priority'] },
      { title: '处理信息', columns: 2, fields: ['description', 'resolution'] },
    ]);
    expect(served.rules.visibility).toEqual([{ field: 'due_date', when: RULE }]);
  });

  it('shows the metamodel’s message on the control for a duplicate api name, a nameless layout and an empty section, and applies nothing', async () => {
    const before = await revision();
    await page.getByRole('button', { name: '+ 新建布局' }).click();
    const apiName = drawer().getByLabel('API 名称', { exact: true });
    const zhName = drawer().getByLabel('布局名称（中文）');
    // The control (label, input, its messages) holding the input with this label.
    const errorsOf = (label: string) =>
      drawer()
        .locator('.control')
        .filter({ has: page.getByLabel(label, { exact: true }) })
        .locator('.control-errors li');
    await apiName.fill('service_layout');
    await zhName.fill('重复布局');
    await drawer().getByTestId('unplaced-fields').getByLabel('放入 · 主题').selectOption({ label: '分组 1' });
    await errorsOf('API 名称').getByText("ticket layout 'service_layout' is defined more than once (first at 0)").waitFor();
    expect(await apiName.getAttribute('aria-invalid')).toBe('true');
    // The preview shows the draft (one field), not the live layout that has the same name.
    const form = preview().getByTestId('preview-form');
    await expect.poll(() => form.locator('label.control-label, label').allTextContents()).toEqual([expect.stringContaining('主题')]);

    // No name in either language, and a second section left empty: each message on its own control.
    await zhName.fill('');
    await drawer().getByRole('button', { name: '+ 添加分组' }).click();
    await drawer().getByRole('button', { name: '审阅变更' }).click();
    await drawer().getByText('请先修正标出的字段。').waitFor();
    expect(await errorsOf('布局名称（中文）').allTextContents()).toEqual([expect.stringContaining('labels')]);
    expect(await zhName.getAttribute('aria-invalid')).toBe('true');
    expect(await section(1).locator('.layout-section-body > .control-errors li').allTextContents()).toEqual([expect.stringContaining('1')]);
    expect(await section(0).locator('.layout-section-body > .control-errors li').count()).toBe(0);
    await shot('setup-layout-bad-input-zh.png');
    expect(await drawer().getByTestId('change-review').count()).toBe(0);
    await drawer().getByRole('button', { name: '取消' }).click();
    await drawer().waitFor({ state: 'detached' });
    expect(await revision()).toBe(before);
    expect((await definition()).layouts).toEqual([LAYOUT]);
  });

  it('creates a default record type with a picklist subset and its layout; the API stores it and the form offers only its values', async () => {
    await page.getByRole('tab', { name: '业务类型' }).click();
    await page.getByRole('button', { name: '+ 新建业务类型' }).click();
    await drawer().getByLabel('API 名称', { exact: true }).fill('hardware_repair');
    await drawer().getByLabel('标签（中文）').fill('硬件维修');
    await drawer().getByLabel('标签（English）').fill('Hardware repair');
    await drawer().getByLabel('页面布局').selectOption('service_layout');
    await drawer().getByLabel('默认业务类型').check();
    const priority = drawer().getByTestId('picklist-subsets').getByRole('group', { name: '优先级' });
    // Nothing ticked is refused by the metamodel, under the field.
    for (const value of ['低', '中', '高']) await priority.getByLabel(value).uncheck();
    await priority.locator('.control-errors li').first().waitFor();
    await priority.getByLabel('中').check();
    await priority.getByLabel('高').check();
    expect(await priority.locator('.control-errors').count()).toBe(0);
    await shot('setup-record-types-zh.png');
    publishScreenshot('setup-record-types-zh.png', 'setup-record-types.png');

    await drawer().getByRole('button', { name: '审阅变更' }).click();
    const review = drawer().getByTestId('change-review');
    await review.getByRole('button', { name: '执行' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: '关闭' }).click();
    await drawer().waitFor({ state: 'detached' });

    expect((await definition()).recordTypes).toEqual([RECORD_TYPE]);
    const row = page.getByTestId('record-type-table').locator('tr[data-record-type=hardware_repair]');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['hardware_repair', '硬件维修', 'Hardware repair', '启用默认', '服务布局', '优先级: 2']);
    const served = (await api('/forms/ticket?lang=en')) as Json & { schema: { properties: Record<string, { oneOf?: { const: unknown }[] }> } };
    expect(served.recordType).toBe('hardware_repair');
    expect(served.layout).toBe('service_layout');
    expect(served.schema.properties.priority?.oneOf?.map((option) => option.const)).toEqual(['medium', 'high']);
  });

  it('shows a plan the server refuses (the field was dropped meanwhile) on that field’s row, and applies nothing', async () => {
    // Another admin adds a field; the page is reloaded and offers it.
    const current = (await definition()) as Json & { fields: Json[] };
    await post('/metadata/apply', {
      ...current,
      fields: [...current.fields, { type: 'text', apiName: 'legacy_code', labels: { zh: '旧编号', en: 'Legacy code' } }],
    });
    await page.goto(`${app.served.url}/setup/ticket/layouts`);
    await page.getByRole('button', { name: '编辑 service_layout' }).click();
    await drawer().getByTestId('unplaced-fields').getByLabel('放入 · 旧编号').selectOption({ label: '处理信息' });
    expect(await fieldOrder(1)).toEqual(['description', 'resolution', 'legacy_code']);

    // Meanwhile the other admin drops that field again (planned, then applied with its hash).
    const withField = (await definition()) as Json & { fields: Json[] };
    const dropped = { ...withField, fields: withField.fields.filter((field) => field.apiName !== 'legacy_code') };
    const plan = await post('/metadata/plan', { definition: dropped });
    await post('/metadata/apply', { definition: dropped, planHash: plan.planHash, allowDestructive: true });
    const before = await revision();

    await drawer().getByRole('button', { name: '审阅变更' }).click();
    const refused = drawer().getByTestId('plan-refused');
    await refused.waitFor();
    await sectionFields(1)
      .locator('li[data-field=legacy_code] .control-errors li')
      .getByText("ticket layout 'service_layout' places 'legacy_code', which is not a field of ticket")
      .waitFor();
    await shot('setup-layout-refused-plan-zh.png');
    expect(await revision()).toBe(before);
    expect((await definition()).layouts).toEqual([LAYOUT]);
    await drawer().getByRole('button', { name: '取消' }).click();
    await drawer().waitFor({ state: 'detached' });
  });

  it('shows the same pages in English in a second context', async () => {
    const english = await app.signedInContext({ locale: 'en-US' });
    const en = await english.newPage();
    try {
      await en.goto(`${app.served.url}/setup/ticket/layouts`);
      await en.getByRole('tablist', { name: 'Object sections' }).waitFor();
      expect(await en.getByRole('tablist', { name: 'Object sections' }).getByRole('tab').allTextContents()).toEqual([
        'Details & fields',
        'Layouts',
        'Record types',
        'Validation rules',
        'Pipeline',
        'Approval flows',
      ]);
      const row = en.getByTestId('layout-table').locator('tr[data-layout=service_layout]');
      expect(await row.locator('td').last().textContent()).toBe('Hardware repair');
      await en.getByRole('button', { name: 'Edit service_layout' }).click();
      const dialog = en.getByRole('dialog');
      expect(await dialog.getByLabel('Layout name (English)').inputValue()).toBe('Service layout');
      await dialog.getByRole('heading', { name: 'Unplaced fields' }).waitFor();
      await dialog.getByText('Every field is placed.').waitFor();
      const form = dialog.getByTestId('preview-form');
      expect(await form.locator('legend').allTextContents()).toEqual(['Basic info', 'Handling']);
      // The default record type (Hardware repair) offers only its subset of priorities in the preview too.
      await dialog.getByLabel('Preview record type').selectOption({ label: 'Hardware repair' });
      const priorities = await form.getByLabel('Priority').locator('option').allTextContents();
      expect(priorities.filter((label) => label.trim() !== '')).toEqual(['Medium', 'High']);
      await en.screenshot({ path: join(SCREENSHOTS, 'setup-layout-editor-en.png'), fullPage: true });
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await en.getByRole('tab', { name: 'Record types' }).click();
      await en.getByTestId('record-type-table').getByText('Hardware repair').waitFor();
      expect(await en.getByTestId('record-type-table').locator('td').nth(3).textContent()).toBe('Activedefault');
    } finally {
      await english.close();
    }
  });
});
