// End to end through a real browser: the runtime serves the built designer and the API on one
// origin; headless Chromium (Debian's package, driven by playwright-core) signs in with a tenant
// token, reads Setup, lists, sorts, filters and pages records, creates one through the generated
// form, and shows the server's field errors next to the right inputs.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import type { ServedApp } from './serve-app.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const accountDef = {
  apiName: 'account',
  labels: { en: 'Account', zh: '客户' },
  pluralLabels: { en: 'Accounts', zh: '客户' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    {
      type: 'picklist',
      apiName: 'industry',
      labels: { en: 'Industry', zh: '行业' },
      values: [
        { apiName: 'tech', labels: { en: 'Technology', zh: '科技' } },
        { apiName: 'finance', labels: { en: 'Finance', zh: '金融' } },
      ],
    },
    { type: 'number', apiName: 'employees', labels: { en: 'Employees', zh: '员工数' }, min: 0 },
    // Only a Chinese label: an English browser falls back to it.
    { type: 'boolean', apiName: 'vip', labels: { zh: '重要客户' } },
  ],
};

interface Problem {
  code?: string;
  errors?: { path: string; code: string; message: string }[];
}

describe('designer shell in Chromium', () => {
  let app: BrowserApp;
  let served: ServedApp;
  let page: Page;
  let tenantToken: string;

  async function api(method: string, path: string, body?: unknown, token = tenantToken): Promise<Response> {
    return fetch(`${served.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async function rowCount(): Promise<number> {
    return page.locator('[data-testid=record-table] tbody tr[data-id]').count();
  }

  /** Expressions, not functions: the tests compile without the DOM library. */
  async function rowCountBecomes(count: number): Promise<void> {
    await page.waitForFunction(`document.querySelectorAll('[data-testid=record-table] tbody tr[data-id]').length === ${count}`);
  }

  async function firstRowName(): Promise<string | null> {
    return page.locator('[data-testid=record-table] tbody tr[data-id]').first().locator('td[data-field=name]').textContent();
  }

  /** Waits until the list has finished its latest load. */
  async function listSettled(): Promise<void> {
    await page.locator('[aria-busy=false] [data-testid=record-table]').waitFor();
  }

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'browser_e2e', metadata: accountDef, signedIn: false });
    ({ served, page, token: tenantToken } = app);
    expect(tenantToken).toMatch(/^tsr_/);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  it('serves the SPA at / and at deep links, and refuses a bad token at sign-in', async () => {
    const deepLink = await fetch(`${served.url}/app/account`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<div id="root">');

    await page.goto(served.url);
    await page.locator('#token').fill('tsr_not_a_real_token');
    await page.locator('form button[type=submit]').click();
    const problem = page.locator('[role=alert]');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('TSR301');
  });

  it('signs in with the pasted token and shows the object in Setup with its Chinese label', async () => {
    await page.locator('#token').fill(tenantToken);
    await page.locator('form button[type=submit]').click();
    const row = page.locator('[data-testid=object-list] tr[data-object=account]');
    await row.waitFor();
    expect(page.url()).toBe(`${served.url}/setup`);
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 4)).toEqual(['account', 'Account', '客户', '4']);
    expect(await page.evaluate("localStorage.getItem('tessera.token')")).toBe(tenantToken);

    const fields = page.locator('[data-testid=field-table] tbody tr');
    expect(await fields.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-field')))).toEqual(['name', 'industry', 'employees', 'vip']);
    expect(await page.locator('[data-testid=field-table] tr[data-field=name] td').allTextContents()).toEqual(['name', 'text', 'Name', '名称', '✓', '']);
    await page.screenshot({ path: join(SCREENSHOTS, 'designer-setup.png'), fullPage: true });
  });

  it('opens the records list and creates a record through the generated form', async () => {
    await page.locator('[data-testid=object-list] tr[data-object=account] a[href="/app/account"]').click();
    await page.waitForURL(`${served.url}/app/account`);
    await listSettled();
    expect(await rowCount()).toBe(0);
    expect(await page.locator('[data-testid=record-table] th[data-field]').allTextContents()).toEqual(['名称', '行业', '员工数', '重要客户']);

    // One form for every record: the generated one, on its own page.
    await page.getByRole('link', { name: '新建记录' }).click();
    await page.waitForURL(`${served.url}/app/account/new`);
    const form = page.locator('[data-testid=generated-form]');
    await form.locator('#root_name').waitFor();
    expect(await form.locator('label[for=root_industry]').textContent()).toContain('行业');
    expect(await form.locator('#root_industry option').allTextContents()).toEqual(['', '科技', '金融']);
    await form.locator('#root_name').fill('Acme 中国');
    await form.locator('#root_industry').selectOption({ label: '科技' });
    await form.locator('#root_employees').fill('120');
    await form.locator('#root_vip').check();
    await form.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/app\/account\/[0-9a-f-]{36}\?created$/);

    await page.goto(`${served.url}/app/account`);
    await listSettled();
    const created = page.locator('[data-testid=record-table] tbody tr[data-id]', { hasText: 'Acme 中国' });
    await created.waitFor();
    // Values as the record page shows them, in the page's language (a checkbox reads 是/否).
    expect(await created.locator('td[data-field]').allTextContents()).toEqual(['Acme 中国', '科技', '120', '是']);

    // The row is what the server stored, not an optimistic copy.
    const stored = (await (await api('GET', '/objects/account/records')).json()) as { data: Record<string, unknown>[] };
    expect(stored.data).toHaveLength(1);
    expect(stored.data[0]).toMatchObject({ name: 'Acme 中国', industry: 'tech', employees: 120, vip: true, version: 1 });
    expect(await created.getAttribute('data-id')).toBe(stored.data[0]?.id);
    await page.screenshot({ path: join(SCREENSHOTS, 'designer-records.png'), fullPage: true });
  });

  it('shows field errors next to the fields they name, in the words the server uses for them', async () => {
    const invalid = { employees: -1 };
    // Asked in the page's language (zh-CN), the API refuses the same values, naming the same fields.
    const direct = await fetch(`${served.url}/api/v1/objects/account/records`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenantToken}`, 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify(invalid),
    });
    expect(direct.status).toBe(400);
    expect(direct.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await direct.json()) as Problem;
    expect((problem.errors ?? []).map((error) => error.path).sort()).toEqual(['/employees', '/name']);

    // The form, with the same schema, says so before anything is sent.
    await page.getByRole('link', { name: '新建记录' }).click();
    const form = page.locator('[data-testid=generated-form]');
    await form.locator('#root_employees').fill('-1');
    await form.getByRole('button', { name: '保存' }).click();
    const nameError = form.locator('#root_name__error');
    const employeesError = form.locator('#root_employees__error');
    await nameError.waitFor();
    expect(await nameError.textContent()).toBe('必填');
    expect(await employeesError.textContent()).toBe('不能小于 0');
    expect(await form.locator('#root_industry__error').count()).toBe(0);
    expect(page.url()).toBe(`${served.url}/app/account/new`);
    expect(((await (await api('GET', '/objects/account/records')).json()) as { data: unknown[] }).data).toHaveLength(1);
    await page.screenshot({ path: join(SCREENSHOTS, 'designer-field-error.png'), fullPage: true });

    // Fixing the fields clears the errors and saves.
    await form.locator('#root_name').fill('Zeta');
    await form.locator('#root_employees').fill('0');
    await form.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/\/app\/account\/[0-9a-f-]{36}\?created$/);
    await page.goto(`${served.url}/app/account`);
    await listSettled();
    await page.locator('[data-testid=record-table] tbody tr[data-id]', { hasText: 'Zeta' }).waitFor();
    expect(await rowCount()).toBe(2);
  });

  it('sorts by a clicked column header, ascending then descending', async () => {
    const header = page.locator('[data-testid=record-table] th[data-field=employees]');
    await header.getByRole('button').click();
    await page.locator('th[data-field=employees][aria-sort=ascending]').waitFor();
    // aria-sort flips before the sorted page arrives, so wait for the rows themselves.
    await expect.poll(firstRowName, { timeout: 15_000 }).toBe('Zeta');

    await header.getByRole('button').click();
    await page.locator('th[data-field=employees][aria-sort=descending]').waitFor();
    await expect.poll(firstRowName, { timeout: 15_000 }).toBe('Acme 中国');
    await listSettled();
  });

  it('filters with a JsonLogic string and rejects text that is not JSON', async () => {
    // The filter builder's raw JSON view (the builder itself: setup-rules-filter-en.test.ts).
    const rawFilter = page.getByLabel('条件（JsonLogic）');
    await page.getByRole('button', { name: '原始 JSON' }).click();
    await rawFilter.fill('{ "==": [{ "var": "name" }, "Zeta"] }');
    await page.getByRole('button', { name: '应用' }).click();
    await rowCountBecomes(1);
    await listSettled();
    expect(await firstRowName()).toBe('Zeta');

    await rawFilter.fill('{ "==": [');
    await page.getByRole('button', { name: '应用' }).click();
    await page.getByText('筛选条件不是有效的 JSON。').waitFor();
    expect(await rawFilter.getAttribute('aria-invalid')).toBe('true');

    await page.getByRole('button', { name: '清除' }).click();
    await rowCountBecomes(2);
  });

  it('pages forward with nextCursor', async () => {
    for (let index = 0; index < 50; index++) {
      const response = await api('POST', '/objects/account/records', { name: `Bulk ${String(index).padStart(2, '0')}`, employees: 1000 + index });
      expect(response.status).toBe(201);
    }
    await page.reload();
    await listSettled();
    expect(await rowCount()).toBe(50);
    const next = page.getByRole('button', { name: '下一页' });
    expect(await next.isEnabled()).toBe(true);
    const firstPage = await page.locator('[data-testid=record-table] tbody tr[data-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));

    await next.click();
    await rowCountBecomes(2);
    await listSettled();
    const secondPage = await page.locator('[data-testid=record-table] tbody tr[data-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id')));
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
    expect(await next.isEnabled()).toBe(false);
  });

  it('shows English labels to an English browser, falling back to Chinese, with the token already stored', async () => {
    const english = await app.signedInContext({ locale: 'en-US' });
    try {
      const tab = await english.newPage();
      tab.setDefaultTimeout(15_000);
      await tab.goto(`${served.url}/setup/account`);
      await tab.getByRole('heading', { name: 'Account · Fields' }).waitFor();

      await tab.goto(`${served.url}/app/account`);
      await tab.locator('[aria-busy=false] [data-testid=record-table] tbody tr[data-id]').first().waitFor();
      expect(await tab.locator('[data-testid=record-table] th[data-field]').allTextContents()).toEqual(['Name', 'Industry', 'Employees', '重要客户']);
      const acme = tab.locator('[data-testid=record-table] tbody tr[data-id]', { hasText: 'Acme 中国' });
      expect(await acme.locator('td[data-field=industry]').textContent()).toBe('Technology');
      expect(await tab.getByRole('link', { name: 'New record' }).isVisible()).toBe(true);
    } finally {
      await english.close();
    }
  });
});
