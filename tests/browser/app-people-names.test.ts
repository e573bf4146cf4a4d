// People by name, not id, for users who are not administrators (GET /people): 王经理 opens an
// opportunity 李销售 owns and reads her name as its owner; in his inbox the request she submitted
// names her; he hands it over (转交) to 赵助理 by typing part of her name in the picker; the API
// shows 赵助理 as the step's approver now. An administrator creating an opportunity picks its
// owner (负责人) by typing part of a name. No user id is on any of these screens.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appMetadata, BOSS, PASSWORD, SALES, seedApp, signInWithPassword, TENANT, UUID } from './app-inbox-fixture.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const DEAL = '华为云大单';
const HELPER = { email: 'zhao@example.com', name: '赵助理' };
const ADMIN = { email: 'admin@example.com', name: '周管理' };

describe('People by name in the App (zh)', () => {
  let app: BrowserApp;
  let boss: Page;
  let ids: Map<string, string>;
  let requestId = '';
  let helperId = '';

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata: appMetadata, signedIn: false });
    ids = await seedApp(app);
    expect((await app.api('POST', '/security/users', { ...ADMIN, password: PASSWORD, admin: true })).status).toBe(201);
    const helper = await app.api('POST', '/security/users', { ...HELPER, password: PASSWORD });
    expect(helper.status).toBe(201);
    helperId = helper.body.id as string;
    // 李销售 submits her deal (as the record page would, from her signed-in page).
    const { page: sales } = await signInWithPassword(app, app.browser, SALES.email);
    const submitted = (await sales.evaluate(
      async ([recordId]) => {
        const response = await fetch('/api/v1/approvals/requests', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ object: 'opportunity', recordId }),
        });
        return { status: response.status, body: await response.json() };
      },
      [ids.get(DEAL)],
    )) as { status: number; body: { id: string } };
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    requestId = submitted.body.id;
    await sales.context().close();
    ({ page: boss } = await signInWithPassword(app, app.browser, BOSS.email));
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await boss?.context().close();
    await app?.close();
  });

  it("names the record's owner on its page, for a user who is not an administrator", async () => {
    await boss.goto(`${app.served.url}/app/opportunity/${ids.get(DEAL)}`);
    const details = boss.getByTestId('record-details');
    await expect.poll(() => details.textContent()).toContain(SALES.name);
    expect(await details.textContent()).not.toMatch(UUID);
  });

  it('names the submitter in the inbox and hands the step over to a colleague found by name', async () => {
    await boss.goto(`${app.served.url}/inbox/${requestId}`);
    const panel = boss.getByTestId('request-panel');
    await expect.poll(() => panel.textContent()).toContain(SALES.name);
    expect(await boss.getByTestId('inbox-list').textContent()).toContain(SALES.name);
    await panel.getByRole('searchbox', { name: '按姓名或邮箱查找同事' }).fill('赵');
    const picker = panel.getByRole('combobox', { name: '人员' });
    await expect.poll(() => picker.locator('option').allTextContents()).toContain(HELPER.name);
    await picker.selectOption({ label: HELPER.name });
    await boss.screenshot({ path: join(SCREENSHOTS, 'app-people-reassign.png'), fullPage: true });
    await panel.getByRole('button', { name: '转交', exact: true }).click();
    await expect
      .poll(async () => {
        const detail = (await app.api('GET', `/approvals/requests/${requestId}`)).body as {
          steps: { tasks: { assignee?: string; userId?: string; status: string }[] }[];
        };
        return JSON.stringify(detail.steps);
      })
      .toContain(helperId);
    expect(await panel.textContent()).not.toMatch(UUID);
  });

  it('lets an administrator pick the owner of a new record by name', async () => {
    const sellerId = (await app.api('GET', `/objects/opportunity/records/${ids.get(DEAL)}`)).body.owner_id;
    const { page: admin } = await signInWithPassword(app, app.browser, ADMIN.email);
    await admin.goto(`${app.served.url}/app/opportunity/new`);
    const form = admin.getByTestId('generated-form');
    await form.locator('#root_name').fill('李的新商机');
    const owner = form.locator('#root_owner_id');
    expect(await form.locator('label[for=root_owner_id]').textContent()).toContain('负责人');
    await owner.fill('李');
    await form.locator('[data-testid^=lookup-][data-testid$=owner_id]').getByRole('option', { name: SALES.name }).click();
    await form.getByRole('button', { name: '保存' }).click();
    let created: { id: string; owner_id: string } | undefined;
    await expect
      .poll(async () => {
        const found = await app.api(
          'GET',
          `/objects/opportunity/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'name' }, '李的新商机'] }))}`,
        );
        created = (found.body.data as { id: string; owner_id: string }[])[0];
        return created?.owner_id;
      })
      .toBe(sellerId);
    await admin.goto(`${app.served.url}/app/opportunity/${created?.id}`);
    await expect.poll(() => admin.getByTestId('record-details').textContent()).toContain(SALES.name);
    await admin.context().close();
  });
});
