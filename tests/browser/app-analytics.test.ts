// Pipeline analytics in a real browser (issue #18): deals seeded and moved between stages through
// the API, then App → Analytics shows the funnel and the forecast. The tables must hold exactly what
// GET /funnel and /forecast answer for the page's period (and, after a filter built in the condition
// builder, for that filter); the ECharts SVG carries the stage labels, in Chinese and in English;
// a 390 px phone never scrolls sideways.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { publishScreenshot } from './publish-screenshot.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const DAY_MS = 86_400_000;

const STAGES = [
  ['prospecting', 'Prospecting', '初步接触', 10, 'open'],
  ['proposal', 'Proposal', '方案报价', 50, 'open'],
  ['won', 'Won', '赢单', 100, 'won'],
  ['lost', 'Lost', '输单', 0, 'lost'],
] as const;

const today = new Date().toISOString().slice(0, 10);
const dealDef = {
  apiName: 'deal',
  labels: { en: 'Deal', zh: '商机' },
  pluralLabels: { en: 'Deals', zh: '商机' },
  nameField: 'name',
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    { type: 'currency', apiName: 'amount', labels: { en: 'Amount', zh: '金额' } },
    { type: 'date', apiName: 'close_date', labels: { en: 'Close date', zh: '预计成交日期' } },
    { type: 'picklist', apiName: 'stage', labels: { en: 'Stage', zh: '阶段' }, values: STAGES.map(([apiName, en, zh]) => ({ apiName, labels: { en, zh } })) },
  ],
  pipelines: [
    {
      apiName: 'sales',
      labels: { en: 'Sales', zh: '销售流程' },
      stageField: 'stage',
      amountField: 'amount',
      closeDateField: 'close_date',
      stages: STAGES.map(([value, , , probability, category]) => ({ value, probability, category })),
    },
  ],
};

/** name, amount, the stages it moves through after being created in the first. */
const DEALS = [
  ['阿里云', 1000, ['proposal', 'won']],
  ['华为云', 2000, ['proposal']],
  ['小单', 500, []],
  ['腾讯云', 3000, ['lost']],
] as const;

const BIG = { '>': [{ var: 'amount' }, 900] };

describe('pipeline analytics in Chromium', () => {
  let app: BrowserApp;
  let page: Page;

  // The page's default period: the last 90 days, both ends inclusive (to: the next midnight).
  const period = () => {
    const now = Date.now();
    return {
      from: `${new Date(now - 90 * DAY_MS).toISOString().slice(0, 10)}T00:00:00Z`,
      to: `${new Date(now + DAY_MS).toISOString().slice(0, 10)}T00:00:00Z`,
    };
  };
  async function answer(kind: 'funnel' | 'forecast', filter?: unknown) {
    const query = new URLSearchParams({ pipeline: 'sales', ...period() });
    if (filter !== undefined) query.set('filter', JSON.stringify(filter));
    const response = await app.api('GET', `/objects/deal/${kind}?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body;
  }
  const settled = (on: Page) => on.locator('[data-testid=analytics][aria-busy=false]').waitFor();
  /** Every table row as its header and its cells' raw numbers. */
  const tableValues = (on: Page, testId: string) =>
    on
      .getByTestId(testId)
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [row.querySelector('th')?.textContent, ...[...row.querySelectorAll('td')].map((cell) => cell.getAttribute('data-value'))]),
      );
  const funnelRows = (body: Record<string, unknown>, labels: (stage: string) => string) =>
    (body.stages as { stage: string; entered: number; advanced: number; conversionRate: number | null }[]).map((stage) => [
      labels(stage.stage),
      String(stage.entered),
      String(stage.advanced),
      stage.conversionRate === null ? '' : String(stage.conversionRate),
    ]);
  const forecastRows = (body: Record<string, unknown>) =>
    (body.months as Record<string, number | string>[]).map((month) =>
      ['month', 'openCount', 'openAmount', 'weightedAmount', 'wonCount', 'wonAmount'].map((key) => String(month[key])),
    );
  const zhLabel = (stage: string) => STAGES.find(([value]) => value === stage)?.[2] ?? stage;
  const svgTexts = (on: Page, testId: string) => on.getByTestId(testId).locator('svg text').allTextContents();

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'analytics_e2e', metadata: dealDef, signedIn: true });
    page = app.page;
    for (const [name, amount, moves] of DEALS) {
      const created = await app.api('POST', '/objects/deal/records', { name, amount, stage: 'prospecting', close_date: today });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      let { id, version } = created.body as { id: string; version: number };
      for (const stage of moves) {
        const moved = await app.api('POST', `/objects/deal/records/${id}/stage`, { stage, version });
        expect(moved.status, JSON.stringify(moved.body)).toBe(200);
        ({ id, version } = moved.body as { id: string; version: number });
      }
    }
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  it('shows the funnel and forecast tables exactly as the API answers, with the stage labels in the chart', async () => {
    await page.goto(`${app.served.url}/analytics`);
    await page.waitForURL(`${app.served.url}/analytics/deal`);
    await settled(page);
    const funnel = await answer('funnel');
    const forecast = await answer('forecast');
    // Not vacuous: every deal entered prospecting, three moved on, one was won and one lost.
    expect((funnel.stages as { entered: number }[]).map((stage) => stage.entered)).toEqual([4, 2, 1, 1]);
    expect(await tableValues(page, 'funnel-table')).toEqual(funnelRows(funnel, zhLabel));
    expect(await tableValues(page, 'forecast-table')).toEqual(forecastRows(forecast));
    // Localised text beside the raw numbers: yuan for the currency field.
    const month = page.getByTestId('forecast-table').locator('tbody tr').first();
    expect(await month.locator('td').nth(1).textContent()).toBe(new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(2500));
    expect(await page.getByTestId('win-rate').textContent()).toBe('赢单 1 · 输单 1 · 赢单率 50%');
    const texts = (await svgTexts(page, 'funnel-chart')).join('\n');
    for (const [, , zh] of STAGES) expect(texts).toContain(zh);
    expect((await svgTexts(page, 'forecast-chart')).join('\n')).toContain('加权金额');
    expect(await page.locator('nav a.active').textContent()).toBe('分析');
    await page.screenshot({ path: join(SCREENSHOTS, 'app-analytics.png'), fullPage: true });
    publishScreenshot('app-analytics.png');
  });

  it('a filter built in the condition builder changes the numbers to what the API answers for it', async () => {
    const filter = page.getByTestId('list-filter');
    await filter.getByRole('button', { name: '+ 条件', exact: true }).click();
    const rule = filter.locator('.rule').first();
    await rule.getByTitle('字段').selectOption({ label: '金额' });
    await rule.getByTitle('运算符').selectOption({ label: '大于' });
    await rule.getByTitle('值').fill('900');
    await filter.getByRole('button', { name: '应用' }).click();
    const funnel = await answer('funnel', BIG);
    const forecast = await answer('forecast', BIG);
    expect((funnel.stages as { entered: number }[])[0]?.entered).toBe(3);
    await expect.poll(() => tableValues(page, 'funnel-table')).toEqual(funnelRows(funnel, zhLabel));
    await settled(page);
    expect(await tableValues(page, 'forecast-table')).toEqual(forecastRows(forecast));
  });

  it("shows the API's refusal of a filter as a problem banner, and recovers when the filter is cleared", async () => {
    const filter = page.getByTestId('list-filter');
    const unknown = { '==': [{ var: 'no_such_field' }, 1] };
    await filter.getByRole('button', { name: '原始 JSON' }).click();
    await filter.locator('textarea').fill(JSON.stringify(unknown));
    await filter.getByRole('button', { name: '应用' }).click();
    const refused = await app.api('GET', `/objects/deal/funnel?${new URLSearchParams({ pipeline: 'sales', ...period(), filter: JSON.stringify(unknown) })}`);
    expect(refused.status).toBe(400);
    const banner = page.locator('[role=alert]').first();
    await banner.waitFor();
    expect(await banner.textContent()).toContain(String(refused.body.code));
    // Both requests are refused alike: one banner, not two.
    expect(await page.locator('[role=alert]').count()).toBe(1);
    expect(await page.getByTestId('funnel-table').count()).toBe(0);
    await filter.getByRole('button', { name: '清除' }).click();
    await settled(page);
    expect(await tableValues(page, 'funnel-table')).toEqual(funnelRows(await answer('funnel'), zhLabel));
    expect(await page.locator('[role=alert]').count()).toBe(0);
  });

  it('shows English labels to an English reader', async () => {
    const context = await app.signedInContext({ locale: 'en-US' });
    const english = await context.newPage();
    await english.goto(`${app.served.url}/analytics/deal`);
    await settled(english);
    expect(await english.getByTestId('funnel-table').locator('thead th').allTextContents()).toEqual(['Stage', 'Reached', 'Converted', 'Conversion']);
    const texts = (await svgTexts(english, 'funnel-chart')).join('\n');
    for (const [, en] of STAGES) expect(texts).toContain(en);
    expect(await english.locator('nav a.active').textContent()).toBe('Analytics');
    await context.close();
  });

  it('fits a 390 px phone without sideways scrolling', async () => {
    const context = await app.signedInContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    await phone.goto(`${app.served.url}/analytics/deal`);
    await settled(phone);
    await phone.getByTestId('funnel-chart').locator('svg').waitFor();
    expect(await phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await phone.screenshot({ path: join(SCREENSHOTS, 'app-analytics-phone.png'), fullPage: true });
    await context.close();
  });
});
