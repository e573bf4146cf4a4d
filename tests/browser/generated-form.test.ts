// The generated record form in real Chromium: the runtime serves the built designer and the API;
// the designer renders GET /forms/:object with @rjsf/core. For each test object the browser fills
// the form (picking a lookup through the async widget), sees client-side messages (schema, layout
// and validation rules), watches visibility rules react as it types, submits, and the API returns
// the record with the right values; a failure only the server can see lands on the right field.
// Picklists without a default start empty: untouched, they are saved as null; required, the form
// asks for them (issue #15, defect 5).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companyDef, dealDef } from '../fixtures/form-objects.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import type { ServedApp } from './serve-app.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

type Row = Record<string, unknown> & { id: string; version: number };

// A required picklist and a multipicklist, neither with a default; numbers at scales 2 and 6.
const ticketDef = {
  apiName: 'ticket',
  labels: { en: 'Ticket', zh: '工单' },
  pluralLabels: { en: 'Tickets', zh: '工单' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    {
      type: 'picklist',
      apiName: 'priority',
      labels: { en: 'Priority', zh: '优先级' },
      required: true,
      values: [
        { apiName: 'high', labels: { en: 'High', zh: '高' } },
        { apiName: 'low', labels: { en: 'Low', zh: '低' } },
      ],
    },
    {
      type: 'multipicklist',
      apiName: 'tags',
      labels: { en: 'Tags', zh: '标签' },
      values: [
        { apiName: 'vip', labels: { en: 'VIP', zh: '重要客户' } },
        { apiName: 'urgent', labels: { en: 'Urgent', zh: '紧急' } },
      ],
    },
    { type: 'currency', apiName: 'cost', labels: { en: 'Cost', zh: '费用' } },
    { type: 'number', apiName: 'ratio', labels: { en: 'Ratio', zh: '比率' }, scale: 6 },
    { type: 'time', apiName: 'call_back', labels: { en: 'Call back at', zh: '回电时间' } },
  ],
};

describe('generated forms in Chromium', () => {
  let app: BrowserApp;
  let served: ServedApp;
  let page: Page;
  let token: string;

  async function api<T = Row>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${served.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  const form = () => page.locator('[data-testid=generated-form]');
  const field = (name: string) => form().locator(`#root_${name}`);
  const errorOf = (name: string) => form().locator(`#root_${name}__error`);
  // RJSF's select options carry indices as values: pick and read them by their labels.
  const choose = (name: string, label: string) => field(name).selectOption({ label });
  const chosen = (name: string) => field(name).evaluate((select) => (select as unknown as { selectedOptions: { text: string }[] }).selectedOptions[0]?.text);
  const group = (name: string): Locator => form().locator(`.form-group:has(> #root_${name}), .form-group:has(#root_${name})`).first();

  /** The record id the page navigated to after a create: /app/<object>/<id>?created. */
  async function createdId(object: string): Promise<string> {
    await page.waitForURL(new RegExp(`/app/${object}/[0-9a-f-]{36}\\?created$`));
    await page.locator('[role=status]').waitFor();
    return new URL(page.url()).pathname.split('/')[3] as string;
  }

  async function openNew(object: string): Promise<void> {
    await page.goto(`${served.url}/app/${object}/new`);
    await field('name').waitFor();
  }

  beforeAll(async () => {
    app = await startBrowserApp({
      tenant: 'browser_forms',
      metadata: { objects: [companyDef, dealDef, ticketDef] },
      signedIn: true,
      viewport: { width: 1280, height: 1000 },
    });
    ({ served, page, token } = app);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  it('company (no layout): shows client-side messages, creates the record, and puts a uniqueness failure on its field', async () => {
    await page.goto(`${served.url}/app/company`);
    await page.getByRole('link', { name: '新建记录' }).click();
    await field('name').waitFor();
    expect(await group('name').locator('label').first().textContent()).toContain('名称');
    expect(await field('industry').locator('option').allTextContents()).toEqual(['', '通信', '零售']);
    expect(await form().locator('#root_code__help').textContent()).toBe('统一社会信用代码');

    // Client-side: nothing reaches the server while the schema says no.
    await field('employees').fill('-5');
    await form().getByRole('button', { name: '保存' }).click();
    await errorOf('name').waitFor();
    expect(await errorOf('name').textContent()).toBe('必填');
    expect(await errorOf('employees').textContent()).toBe('不能小于 0');
    expect((await api<{ data: Row[] }>('GET', '/objects/company/records')).body.data).toHaveLength(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'form-company-client-errors.png'), fullPage: true });

    await field('name').fill('华为技术有限公司');
    await choose('industry', '通信');
    await field('code').fill('91440300279583285L');
    await field('employees').fill('207000');
    expect(await errorOf('name').count()).toBe(0);
    await form().getByRole('button', { name: '保存' }).click();
    const id = await createdId('company');
    const stored = await api('GET', `/objects/company/records/${id}`);
    expect(stored.body).toMatchObject({ name: '华为技术有限公司', industry: 'telecom', code: '91440300279583285L', employees: 207000, version: 1 });

    // Only the database knows the code is taken: 409 TSR410 at /code, shown under the code input.
    await openNew('company');
    await field('name').fill('Huawei duplicate');
    await field('code').fill('91440300279583285L');
    await form().getByRole('button', { name: '保存' }).click();
    await errorOf('code').waitFor();
    // The server answers in the page's language (Accept-Language zh-CN): TSR410's Chinese title.
    expect(await errorOf('code').textContent()).toContain('值不唯一');
    expect(await form().locator('[data-testid=form-problem]').textContent()).toContain('TSR410');
    expect(await errorOf('name').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'form-company-server-error.png'), fullPage: true });

    // Changing the field clears the server's message; the fixed record saves.
    await field('code').fill('91110000802100433B');
    expect(await errorOf('code').count()).toBe(0);
    await form().getByRole('button', { name: '保存' }).click();
    await createdId('company');
    expect((await api<{ data: Row[] }>('GET', '/objects/company/records')).body.data).toHaveLength(2);
  });

  it('deal (record types, layout, visibility, lookup, validation rule): fills and creates a record', async () => {
    await openNew('deal');
    expect(await page.locator('#record-type option').allTextContents()).toEqual(['直销', '渠道']);
    expect(await form().getAttribute('data-layout')).toBe('direct_layout');
    // Both fields of "Outcome" are hidden by their rules for now, so the section is too.
    expect(await form().locator('fieldset legend').allTextContents()).toEqual(['交易信息']);
    expect(await form().locator('fieldset.columns-2').count()).toBe(1);
    // The record type offers three of the four stages, labelled in Chinese.
    expect(await field('stage').locator('option').allTextContents()).toEqual(['新建', '赢单', '丢单']);
    expect(await chosen('stage')).toBe('新建');
    expect(await form().locator('#root_amount__help').textContent()).toBe('税前金额');
    // Autonumbers show read-only; the server computes them.
    expect(await field('number').getAttribute('readonly')).not.toBeNull();

    // Visibility rules follow what the user types.
    expect(await field('loss_reason').count()).toBe(0);
    await choose('stage', '丢单');
    await field('loss_reason').waitFor();
    await choose('stage', '赢单');
    await field('loss_reason').waitFor({ state: 'detached' });
    await field('name').fill('VIP 5G 核心网');
    await form().locator('fieldset legend', { hasText: '重要备注' }).waitFor();
    await field('amount').fill('0');
    expect(await field('discount').count()).toBe(0);

    // Submitting shows the layout's required field and the validation rule under their fields.
    await form().getByRole('button', { name: '保存' }).click();
    await errorOf('amount').waitFor();
    expect(await errorOf('amount').textContent()).toBe('赢单必须填写金额');
    expect(await errorOf('close_date').textContent()).toBe('必填');
    await page.screenshot({ path: join(SCREENSHOTS, 'form-deal-client-errors.png'), fullPage: true });

    await field('amount').fill('1200000');
    await errorOf('amount').waitFor({ state: 'detached' });
    await field('discount').waitFor();
    await field('discount').fill('12.5');
    await field('close_date').fill('2026-12-31');
    await field('notes').fill('总部直签');

    // The lookup searches companies as the user types and stores the picked id.
    await field('company').fill('华为');
    const option = form().locator('[role=option]', { hasText: '华为技术有限公司' });
    await option.waitFor();
    const companyId = await option.getAttribute('data-id');
    await option.click();
    expect(await field('company').inputValue()).toBe('华为技术有限公司');
    await page.screenshot({ path: join(SCREENSHOTS, 'form-deal-filled.png'), fullPage: true });

    await form().getByRole('button', { name: '保存' }).click();
    const id = await createdId('deal');
    const stored = await api('GET', `/objects/deal/records/${id}`);
    expect(stored.body).toMatchObject({
      name: 'VIP 5G 核心网',
      stage: 'won',
      amount: 1200000,
      discount: 12.5,
      close_date: '2026-12-31',
      company: companyId,
      notes: '总部直签',
      loss_reason: null,
      record_type: 'direct',
      number: 'DEAL-0001',
    });
  });

  it('deal: another record type brings its own stages and layout', async () => {
    await openNew('deal');
    await page.locator('#record-type').selectOption('partner');
    await page.locator('[data-testid=generated-form][data-layout=partner_layout]').waitFor();
    expect(await field('stage').locator('option').allTextContents()).toEqual(['新建', '谈判', '赢单']);
    expect(await field('amount').getAttribute('readonly')).not.toBeNull();
    expect(await field('close_date').count()).toBe(0);
    await choose('stage', '谈判');
    await field('close_date').waitFor();
    await field('name').fill('渠道项目');
    await form().getByRole('button', { name: '保存' }).click();
    expect(await errorOf('partner_name').textContent()).toBe('必填');
    await field('partner_name').fill('神州数码');
    await form().getByRole('button', { name: '保存' }).click();
    const id = await createdId('deal');
    const stored = await api('GET', `/objects/deal/records/${id}`);
    expect(stored.body).toMatchObject({ name: '渠道项目', stage: 'negotiation', partner_name: '神州数码', record_type: 'partner', amount: null });
  });

  it('deal: edits a stored record on its own layout and saves only the changes', async () => {
    const list = await api<{ data: Row[] }>(
      'GET',
      `/objects/deal/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'record_type' }, 'direct'] }))}`,
    );
    const deal = list.body.data[0] as Row;
    await page.goto(`${served.url}/app/deal`);
    // The first cell links to the record (a lookup cell links to its target).
    await page.locator(`[data-testid=record-table] tr[data-id="${deal.id}"] td a`).first().click();
    // The record opens read-only (app/record/record-view.tsx); Edit puts it on its form.
    await page.getByRole('button', { name: '编辑', exact: true }).click();
    await field('name').waitFor();
    expect(await form().getAttribute('data-layout')).toBe('direct_layout');
    expect(await field('name').inputValue()).toBe('VIP 5G 核心网');
    expect(await field('company').inputValue()).toBe('华为技术有限公司');
    await field('amount').fill('1300000');
    await form().getByRole('button', { name: '保存' }).click();
    await page.getByText('记录已保存。').waitFor();
    const stored = await api('GET', `/objects/deal/records/${deal.id}`);
    expect(stored.body).toMatchObject({ amount: 1300000, discount: 12.5, version: 2, company: deal.company });
    await page.screenshot({ path: join(SCREENSHOTS, 'form-deal-edit.png'), fullPage: true });

    // The company's roll-up (sum of its deals' amounts) shows read-only, as the server computed it.
    await page.goto(`${served.url}/app/company/${deal.company}?edit`);
    await field('deal_total').waitFor();
    expect(await field('deal_total').getAttribute('readonly')).not.toBeNull();
    const company = await api('GET', `/objects/company/records/${deal.company}`);
    expect(await field('deal_total').inputValue()).toBe(company.body.deal_total === null ? '' : String(company.body.deal_total));
  });

  it('shows English titles to an English browser', async () => {
    const english = await app.signedInContext({ locale: 'en-US' });
    try {
      const tab = await english.newPage();
      await tab.goto(`${served.url}/app/deal/new`);
      await tab.locator('#root_stage').waitFor();
      expect(await tab.locator('#root_stage option').allTextContents()).toEqual(['New', 'Won', 'Lost']);
      expect(await tab.locator('[data-testid=generated-form] fieldset legend').allTextContents()).toEqual(['Deal']);
    } finally {
      await english.close();
    }
  });

  it('a picklist without a default starts empty: untouched it is saved as null; required, the form asks; decimals are judged as the server does', async () => {
    // The case: a new company saved without touching 行业.
    await openNew('company');
    const industry = form().getByRole('combobox', { name: '行业' });
    expect(await industry.evaluate((select) => (select as unknown as { value: string }).value)).toBe('');
    await form().getByRole('textbox', { name: '名称' }).fill('未选行业的公司');
    await form().getByRole('button', { name: '保存' }).click();
    const companyId = await createdId('company');
    expect((await api('GET', `/objects/company/records/${companyId}`)).body).toMatchObject({ name: '未选行业的公司', industry: null });

    // A required picklist without a default: the form asks instead of picking the first value.
    await openNew('ticket');
    const priority = form().getByRole('combobox', { name: '优先级' });
    expect(await priority.locator('option').allTextContents()).toEqual(['', '高', '低']);
    expect(await priority.evaluate((select) => (select as unknown as { value: string }).value)).toBe('');
    expect(await form().getByRole('checkbox', { checked: true }).count()).toBe(0);
    await form().getByRole('textbox', { name: '名称' }).fill('打印机卡纸');
    await form().getByRole('button', { name: '保存' }).click();
    await errorOf('priority').waitFor();
    expect(await errorOf('priority').textContent()).toBe('必填');
    expect(page.url()).toMatch(/\/app\/ticket\/new$/);
    expect((await api<{ data: Row[] }>('GET', '/objects/ticket/records')).body.data).toHaveLength(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'form-ticket-required-picklist.png'), fullPage: true });

    // The page's bundled validator judges decimals as the server does (issue #15, defect 4).
    await form().getByRole('spinbutton', { name: '比率' }).fill('42.3566301');
    await errorOf('ratio').waitFor();
    expect(await errorOf('ratio').textContent()).toBe('小数位数过多');
    await form().getByRole('spinbutton', { name: '比率' }).fill('42.35663');
    await form().getByRole('spinbutton', { name: '费用' }).fill('1234567.89');
    await errorOf('ratio').waitFor({ state: 'detached' });
    expect(await errorOf('cost').count()).toBe(0);

    await priority.selectOption({ label: '低' });
    await form().getByRole('button', { name: '保存' }).click();
    const ticketId = await createdId('ticket');
    expect((await api('GET', `/objects/ticket/records/${ticketId}`)).body).toMatchObject({
      name: '打印机卡纸',
      priority: 'low',
      tags: null,
      cost: 1234567.89,
      ratio: 42.35663,
    });
  });

  it('a time field is a time picker: 14:05 is saved as 14:05:00, seconds round-trip, English shows its English label', async () => {
    await openNew('ticket');
    const picker = form().getByLabel('回电时间');
    expect(await picker.getAttribute('type')).toBe('time');
    await form().getByRole('textbox', { name: '名称' }).fill('回电客户');
    await form().getByRole('combobox', { name: '优先级' }).selectOption({ label: '高' });
    await picker.fill('14:05');
    await form().getByRole('button', { name: '保存' }).click();
    const id = await createdId('ticket');
    expect((await api('GET', `/objects/ticket/records/${id}`)).body).toMatchObject({ name: '回电客户', call_back: '14:05:00' });

    await page.goto(`${served.url}/app/ticket/${id}?edit`);
    await field('call_back').waitFor();
    expect(await field('call_back').inputValue()).toBe('14:05:00');
    await field('call_back').fill('09:30:15');
    await form().getByRole('button', { name: '保存' }).click();
    await page.getByText('记录已保存。').waitFor();
    expect((await api('GET', `/objects/ticket/records/${id}`)).body).toMatchObject({ call_back: '09:30:15', version: 2 });
    await page.screenshot({ path: join(SCREENSHOTS, 'form-ticket-time.png'), fullPage: true });

    const english = await app.signedInContext({ locale: 'en-US' });
    try {
      const tab = await english.newPage();
      await tab.goto(`${served.url}/app/ticket/new`);
      const englishPicker = tab.locator('[data-testid=generated-form]').getByLabel('Call back at');
      await englishPicker.waitFor();
      expect(await englishPicker.getAttribute('type')).toBe('time');
    } finally {
      await english.close();
    }
  });
});
