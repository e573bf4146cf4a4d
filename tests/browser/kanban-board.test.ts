// The kanban board in a real browser: headless Chromium opens App → Board for an object with a
// pipeline, reads the columns (counts, amounts, Chinese stage labels), moves a card with its menu
// and another by drag and drop (a stage that asks for a reason asks for it), and sees a refused
// move explained while the record stays where it was. Every move is checked on the server.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import type { ServedApp } from './serve-app.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const stage = (apiName: string, en: string, zh: string) => ({ apiName, labels: { en, zh } });
const dealDef = {
  apiName: 'deal',
  labels: { en: 'Deal', zh: '商机' },
  pluralLabels: { en: 'Deals', zh: '商机' },
  nameField: 'name',
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    { type: 'currency', apiName: 'amount', labels: { en: 'Amount', zh: '金额' } },
    {
      type: 'picklist',
      apiName: 'stage',
      labels: { en: 'Stage', zh: '阶段' },
      values: [
        stage('prospecting', 'Prospecting', '初步接触'),
        stage('proposal', 'Proposal', '方案报价'),
        stage('won', 'Won', '赢单'),
        stage('lost', 'Lost', '输单'),
      ],
    },
    { type: 'text', apiName: 'loss_reason', labels: { en: 'Loss reason', zh: '输单原因' } },
  ],
  pipelines: [
    {
      apiName: 'sales',
      labels: { en: 'Sales', zh: '销售流程' },
      stageField: 'stage',
      amountField: 'amount',
      reasonField: 'loss_reason',
      transitions: 'forward',
      stages: [
        { value: 'prospecting', probability: 10 },
        { value: 'proposal', probability: 50, entryCriteria: { '>': [{ var: 'amount' }, 0] } },
        { value: 'won', category: 'won' },
        { value: 'lost', category: 'lost', requiresReason: true },
      ],
    },
  ],
};

type Json = Record<string, unknown>;

describe('kanban board in Chromium', () => {
  let app: BrowserApp;
  let served: ServedApp;
  let page: Page;
  let token: string;
  const ids: Record<string, string> = {};

  async function api(method: string, path: string, body?: unknown, bearer = token): Promise<Response> {
    return fetch(`${served.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  const deal = async (name: string): Promise<Json> => (await (await api('GET', `/objects/deal/records/${ids[name]}`)).json()) as Json;
  const column = (value: string) => page.locator(`[data-testid=board] section[data-stage=${value}]`);
  const card = (name: string) => page.locator('[data-testid=board] article', { hasText: name });
  /** Waits for the board's latest load to finish (an expression: the tests compile without the DOM library). */
  const settled = () => page.locator('[data-testid=board][aria-busy=false]').waitFor();
  const cardsIn = async (value: string) => column(value).locator('article strong').allTextContents();

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'kanban_e2e', metadata: dealDef, signedIn: true });
    ({ served, page, token } = app);
    for (const [name, amount, stageValue] of [
      ['Alpha 华东', 1200, 'prospecting'],
      ['Beta', 0, 'prospecting'],
      ['Gamma', 300, 'proposal'],
    ] as const) {
      const created = await api('POST', '/objects/deal/records', { name, amount, stage: stageValue });
      expect(created.status, await created.clone().text()).toBe(201);
      ids[name] = ((await created.json()) as { id: string }).id;
    }
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  it('shows each stage with its Chinese label, count, amount and cards', async () => {
    await page.goto(`${served.url}/board`);
    await page.waitForURL(`${served.url}/board/deal`);
    await settled();
    expect(await page.locator('[data-testid=board] section').evaluateAll((sections) => sections.map((section) => section.getAttribute('data-stage')))).toEqual([
      'prospecting',
      'proposal',
      'won',
      'lost',
    ]);
    expect(await column('prospecting').locator('h3').textContent()).toBe('初步接触 2');
    expect(await column('proposal').locator('h3').textContent()).toBe('方案报价 1');
    // 金额 ¥1,200.00 · 加权金额 ¥120.00 (10%): a currency field shows its sign, as on lists
    expect(await column('prospecting').locator('header p').textContent()).toMatch(/金额 ¥1,200\.00.*加权金额 ¥120\.00/);
    expect((await cardsIn('prospecting')).sort()).toEqual(['Alpha 华东', 'Beta']);
    // The menu offers only the moves the pipeline's `forward` transitions allow.
    expect(await card('Beta').locator('select option').allTextContents()).toEqual(['推进到…', '方案报价', '赢单', '输单']);
    expect(await card('Gamma').locator('select option').allTextContents()).toEqual(['推进到…', '赢单', '输单']);
    expect(await page.locator('nav a.active').textContent()).toBe('看板');
  });

  it('moves a card with its menu; the server records the move', async () => {
    await card('Alpha 华东').locator('select').selectOption('proposal');
    await page.locator('[role=status]').waitFor();
    await settled();
    expect(await cardsIn('proposal')).toContain('Alpha 华东');
    expect(await cardsIn('prospecting')).toEqual(['Beta']);
    expect((await deal('Alpha 华东')).stage).toBe('proposal');
    const history = (await (await api('GET', `/objects/deal/records/${ids['Alpha 华东']}/stage-history`)).json()) as { data: Json[] };
    expect(history.data[0]).toMatchObject({ from: 'prospecting', to: 'proposal' });
  });

  it('explains a refused move and leaves the card where it was', async () => {
    const before = await deal('Beta');
    await card('Beta').locator('select').selectOption('proposal');
    const problem = page.locator('[role=alert]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('TSR532');
    await settled();
    expect(await cardsIn('prospecting')).toEqual(['Beta']);
    expect(await deal('Beta')).toEqual(before);
  });

  it('moves a card by drag and drop, asking for the reason its new stage requires', async () => {
    await card('Gamma').dragTo(column('lost'));
    const reasonForm = page.locator('[data-testid=reason-form]');
    await reasonForm.waitFor();
    expect(await deal('Gamma')).toMatchObject({ stage: 'proposal' });
    await reasonForm.locator('input').fill('预算取消');
    await reasonForm.locator('button[type=submit]').click();
    await page.locator('[role=status]').waitFor();
    await settled();
    expect(await cardsIn('lost')).toEqual(['Gamma']);
    expect(await deal('Gamma')).toMatchObject({ stage: 'lost', loss_reason: '预算取消' });
    // A closed deal cannot move on under `forward`: no menu.
    expect(await card('Gamma').locator('select').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'designer-board.png'), fullPage: true });
  });

  it('narrows the board with the list filter, as the board API does for the same filter, and opens a card', async () => {
    const filter = { '>': [{ var: 'amount' }, 500] };
    await page.getByRole('button', { name: '原始 JSON' }).click();
    await page.getByLabel('条件（JsonLogic）').fill(JSON.stringify(filter));
    await page.getByRole('button', { name: '应用' }).click();
    await expect.poll(() => page.locator('[data-testid=board] article').count()).toBe(1);
    await settled();
    const board = (await (await api('GET', `/objects/deal/board?${new URLSearchParams({ pipeline: 'sales', filter: JSON.stringify(filter) })}`)).json()) as {
      stages: { stage: string; count: number; cards: { record: { id: string } }[] }[];
    };
    for (const stage of board.stages) {
      expect(await column(stage.stage).locator('h3').textContent(), stage.stage).toMatch(new RegExp(` ${stage.count}$`));
      expect(
        await column(stage.stage)
          .locator('article')
          .evaluateAll((cards) => cards.map((card) => card.getAttribute('data-id'))),
      ).toEqual(stage.cards.map((entry) => entry.record.id));
    }
    expect(await cardsIn('proposal')).toEqual(['Alpha 华东']);

    await card('Alpha 华东').getByRole('link', { name: 'Alpha 华东' }).click();
    await page.waitForURL(`${served.url}/app/deal/${ids['Alpha 华东']}`);
    await page.getByTestId('record-details').waitFor();
  });
});
