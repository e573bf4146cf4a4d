// Setup → Business calendars (工作日历) in Chromium, in Chinese and English: the list shows the
// tenant's calendars; a new calendar is written with the editor (labels, api name, a time zone picked
// from the searchable list, Monday's hours changed and copied to the weekdays, holidays picked and
// pasted, a make-up day, make-up hours); the preview is the server's answer for the draft, which is
// what a formula stores once saved; a bad interval is refused by the server at that interval's
// inputs; Review → plan → Apply stores exactly the calendar the form shows; removing a calendar a
// formula still names lists that use (TSR238). English edits the new calendar and removes it.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const POLL = { timeout: 15_000 };
const DAY: [string, string][] = [
  ['09:00', '12:00'],
  ['13:00', '18:00'],
];
const CHINA = {
  apiName: 'china_workweek',
  labels: { en: 'China workweek', zh: '中国工作日' },
  timeZone: 'Asia/Shanghai',
  week: { mon: DAY, tue: DAY, wed: DAY, thu: DAY, fri: DAY },
};
const ticket = {
  apiName: 'ticket',
  labels: { en: 'Ticket', zh: '工单' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' } },
    { type: 'datetime', apiName: 'opened_at', labels: { en: 'Opened', zh: '受理时间' } },
    {
      type: 'formula',
      apiName: 'due',
      returns: 'datetime',
      labels: { en: 'Due', zh: '期限' },
      expression: { add_business_hours: [{ var: 'opened_at' }, 16, 'china_workweek'] },
    },
  ],
};
const LATE_DAY: [string, string][] = [
  ['09:00', '12:00'],
  ['13:00', '20:00'],
];
/** What the zh journey writes through the form. */
const SUPPORT = {
  apiName: 'shanghai_support',
  labels: { en: 'Shanghai support', zh: '上海客服' },
  timeZone: 'Asia/Shanghai',
  week: { mon: LATE_DAY, tue: LATE_DAY, wed: LATE_DAY, thu: LATE_DAY, fri: LATE_DAY },
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06'],
  workdays: ['2026-10-10'],
  makeUpHours: [['10:00', '16:00']],
};

describe('Setup business calendars (zh, en)', () => {
  let app: BrowserApp;
  let page: Page;

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'setup_calendars', metadata: { objects: [ticket], calendars: [CHINA] }, signedIn: true });
    page = app.page;
    page.setDefaultTimeout(15_000);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  const calendars = async () => (await app.api('GET', '/metadata')).body.calendars as { apiName: string }[];
  const preview = async (calendar: unknown, from: string, hours: number) =>
    (await app.api('POST', '/metadata/calendars/preview', { calendar, from, hours })).body.due as string;

  it('zh: writes a calendar with the editor, previews it on the server, is refused at the bad interval, then applies', async () => {
    await page.goto(`${app.served.url}/setup`);
    await page.getByRole('navigation', { name: '设置导航' }).getByRole('link', { name: '工作日历' }).click();
    const table = page.getByTestId('calendar-table');
    await expect.poll(() => table.locator('tbody tr').count(), POLL).toBe(1);
    expect(await table.locator('tr[data-calendar=china_workweek]').textContent()).toContain('中国工作日');

    await page.getByRole('button', { name: '+ 新建日历' }).click();
    const editor = page.getByTestId('calendar-editor');
    await editor.getByLabel('名称（中文）').fill(SUPPORT.labels.zh);
    await editor.getByLabel('名称（English）').fill(SUPPORT.labels.en);
    await editor.getByLabel('API 名称').fill(SUPPORT.apiName);
    const zone = editor.getByRole('combobox', { name: '时区' });
    await zone.fill('');
    await zone.pressSequentially('Asia/Shangh');
    expect(await page.locator('#calendar-time-zones option[value="Asia/Shanghai"]').count()).toBe(1);
    await zone.fill('Asia/Shanghai');
    // Monday until 20:00, then copied to Tuesday–Friday.
    await editor.getByLabel('周一 2 结束').fill('20:00');
    await editor.getByRole('button', { name: '将周一复制到周二至周五' }).click();
    expect(await editor.getByLabel('周五 2 结束').inputValue()).toBe('20:00');
    // Holidays: one picked, more pasted (one piece is not a date and stays in the box).
    const holidays = editor.getByTestId('calendar-holidays');
    await holidays.getByLabel('节假日 日期').fill('2026-10-01');
    await holidays.getByRole('button', { name: '添加 节假日' }).click();
    await holidays.getByLabel('节假日 · 粘贴日期').fill('2026-10-02\n2026/10/5，2026-10-06 国庆');
    await holidays.getByRole('button', { name: '添加粘贴的日期 (节假日)' }).click();
    await expect.poll(() => holidays.locator('.date-chips li').allTextContents(), POLL).toEqual(SUPPORT.holidays.map((date) => `${date}×`));
    expect(await holidays.getByRole('alert').textContent()).toContain('国庆');
    const workdays = editor.getByTestId('calendar-workdays');
    await workdays.getByLabel('调休上班日 · 粘贴日期').fill('2026-10-10');
    await workdays.getByRole('button', { name: '添加粘贴的日期 (调休上班日)' }).click();
    await editor.getByRole('button', { name: '+ 时段 调休上班日的工作时间' }).click();
    await editor.getByLabel('调休上班日的工作时间 1 开始').fill('10:00');
    await editor.getByLabel('调休上班日的工作时间 1 结束').fill('16:00');

    // The preview: 16 working hours after Wednesday 30 September 17:00 in Shanghai, answered by the server.
    const previewBox = editor.getByTestId('calendar-preview');
    await previewBox.getByLabel('开始时间（日历所在时区）').fill('2026-09-30T17:00');
    await previewBox.getByLabel('工作小时数').fill('16');
    await previewBox.getByRole('button', { name: '计算' }).click();
    const expectedDue = await preview(SUPPORT, '2026-09-30T09:00:00.000Z', 16);
    const answer = previewBox.getByTestId('calendar-preview-answer');
    await expect.poll(() => answer.getAttribute('data-due'), POLL).toBe(expectedDue);
    expect(await answer.textContent()).toContain('之后 16 个工作小时是');
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-calendars-editor-zh.png'), fullPage: true });

    // A Tuesday interval that ends before it starts: the server refuses it at that interval.
    await editor.getByLabel('周二 1 结束').fill('08:00');
    await editor.getByRole('button', { name: '审阅变更' }).click();
    await editor.getByTestId('plan-refused').waitFor();
    const badInput: Locator = editor.getByLabel('周二 1 结束');
    await expect.poll(() => badInput.getAttribute('aria-invalid'), POLL).toBe('true');
    expect(await editor.locator('[data-path="/week/tue"] .control-errors').textContent()).toContain('08:00');
    expect(await editor.getByLabel('周三 1 结束').getAttribute('aria-invalid')).toBeNull();
    expect((await calendars()).map((calendar) => calendar.apiName)).toEqual(['china_workweek']);
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-calendars-refused-zh.png'), fullPage: true });

    await badInput.fill('12:00');
    await editor.getByRole('button', { name: '审阅变更' }).click();
    const review = editor.getByTestId('change-review');
    await expect.poll(() => review.locator('[data-testid=plan-steps] tbody').textContent(), POLL).toContain('添加工作日历 shanghai_support');
    await review.getByRole('button', { name: '执行' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: '关闭' }).click();
    const stored = (await calendars()).find((calendar) => calendar.apiName === SUPPORT.apiName);
    expect(stored).toEqual(SUPPORT);
    await expect.poll(() => table.locator('tbody tr').count(), POLL).toBe(2);
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-calendars-list-zh.png'), fullPage: true });
  });

  it('zh: removing a calendar a formula names lists the use and removes nothing', async () => {
    await page.getByRole('button', { name: '删除 china_workweek' }).click();
    const drawer = page.getByTestId('calendar-remove');
    const uses = drawer.getByTestId('calendar-uses');
    await expect.poll(() => uses.textContent(), POLL).toContain('ticket.due');
    expect((await calendars()).map((calendar) => calendar.apiName)).toContain('china_workweek');
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-calendars-in-use-zh.png'), fullPage: true });
    await drawer.getByRole('button', { name: '关闭' }).first().click();
  });

  it('en: edits the calendar (label, a holiday removed), previews the draft, applies, then removes it', async () => {
    const context = await app.signedInContext({ locale: 'en-US' });
    const english = await context.newPage();
    english.setDefaultTimeout(15_000);
    await english.goto(`${app.served.url}/calendars`);
    await english.getByRole('button', { name: `Edit ${SUPPORT.apiName}` }).click();
    const editor = english.getByTestId('calendar-editor');
    expect(await editor.getByLabel('API name').isDisabled()).toBe(true);
    await editor.getByLabel('Name (English)').fill('Shanghai service desk');
    await editor.getByTestId('calendar-holidays').getByRole('button', { name: 'Remove 2026-10-06' }).click();
    const edited = {
      ...SUPPORT,
      labels: { ...SUPPORT.labels, en: 'Shanghai service desk' },
      holidays: SUPPORT.holidays.filter((date) => date !== '2026-10-06'),
    };
    const previewBox = editor.getByTestId('calendar-preview');
    await previewBox.getByLabel('Working hours').fill('40');
    await previewBox.getByRole('button', { name: 'Compute' }).click();
    const due = await preview(edited, '2026-09-30T09:00:00.000Z', 40);
    expect(due).not.toBe(await preview(SUPPORT, '2026-09-30T09:00:00.000Z', 40));
    const answer = previewBox.getByTestId('calendar-preview-answer');
    await expect.poll(() => answer.getAttribute('data-due'), POLL).toBe(due);
    expect(await answer.textContent()).toContain('40 working hours after 2026-09-30 17:00 is');
    await english.screenshot({ path: join(SCREENSHOTS, 'setup-calendars-editor-en.png'), fullPage: true });
    await editor.getByRole('button', { name: 'Review changes' }).click();
    const review = editor.getByTestId('change-review');
    await expect.poll(() => review.locator('[data-testid=plan-steps] tbody').textContent(), POLL).toContain('shanghai_support');
    await review.getByRole('button', { name: 'Apply' }).click();
    await review.getByTestId('change-applied').waitFor();
    await review.getByRole('button', { name: 'Close' }).click();
    expect((await calendars()).find((calendar) => calendar.apiName === SUPPORT.apiName)).toEqual(edited);

    await english.getByRole('button', { name: `Remove ${SUPPORT.apiName}` }).click();
    const removal = english.getByTestId('calendar-remove');
    await removal.getByRole('button', { name: 'Apply' }).click();
    await removal.getByTestId('change-applied').waitFor();
    expect((await calendars()).map((calendar) => calendar.apiName)).toEqual(['china_workweek']);
    await context.close();
  });
});
