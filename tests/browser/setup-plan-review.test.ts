// Setup's plan → review → apply in Chromium, in English (issue #17): an object created and its step
// worded in the UI language; a plan gone stale because another change landed first (explained,
// re-planned on the latest revision, both changes kept); a plan the server refuses (existing
// records), shown in the editor with nothing applied; a soft drop that needs the destructive
// confirmation naming what is lost, and the restore that brings the records back. Checked through
// the API; the steps share one page and run in order. At 390×844 nothing scrolls sideways.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { closeDialogAfterFailure } from './close-dialog-after-failure.ts';
import type { ServedApp } from './serve-app.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

type Json = Record<string, unknown>;

describe('Setup plan review in Chromium (en)', () => {
  let app: BrowserApp;
  let served: ServedApp;
  let page: Page;

  const api = (method: string, path: string, body?: unknown) => app.api(method, path, body);
  const revision = async () => (await api('GET', '/metadata')).body.revision as number;
  const visit = async () => (await api('GET', '/metadata/objects/visit?as=definition')).body as Json & { fields: Json[] };
  const drawer = () => page.getByRole('dialog');
  const review = () => drawer().getByTestId('change-review');

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'setup_en', metadata: { objects: [] }, signedIn: false });
    ({ served } = app);
    const english = await app.signedInContext({ locale: 'en-US' });
    page = await english.newPage();
    page.setDefaultTimeout(15_000);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });
  closeDialogAfterFailure(() => page);

  it('creates an object from an empty tenant, the plan worded in English', async () => {
    await page.goto(`${served.url}/setup`);
    await page.getByText('No objects yet: create the first one.').waitFor();
    await page.getByRole('button', { name: '+ New object' }).click();
    await drawer().getByLabel('API name').fill('visit');
    await drawer().getByLabel('Label (中文)', { exact: true }).fill('拜访');
    await drawer().getByLabel('Label (English)', { exact: true }).fill('Visit');
    // The drawer is modal: Tab and Shift+Tab go round its own controls, never to the page behind.
    const focusInDrawer = () => drawer().evaluate((panel) => panel.contains(document.activeElement));
    for (let press = 0; press < 40; press += 1) {
      await page.keyboard.press(press < 20 ? 'Tab' : 'Shift+Tab');
      expect(await focusInDrawer()).toBe(true);
    }
    await drawer().getByRole('button', { name: 'Review changes' }).click();
    const steps = review().locator('[data-testid=plan-steps] tbody tr');
    await steps.first().waitFor();
    expect(await steps.locator('td:nth-child(2)').allTextContents()).toEqual(['Create object visit', 'Add field visit.name (text)']);
    expect(await steps.locator('.risk-badge').allTextContents()).toEqual(['Safe', 'Safe']);
    // A safe plan needs no confirmation; nothing is written before Apply.
    expect(await revision()).toBe(0);
    await review().getByRole('button', { name: 'Apply' }).click();
    await review().getByText('Applied: metadata revision 1').waitFor();
    await review().getByRole('button', { name: 'Close' }).click();
    await page.waitForURL(`${served.url}/setup/visit`);
    expect((await visit()).labels).toEqual({ en: 'Visit', zh: '拜访' });
  });

  it('explains a stale plan and re-plans it on the latest revision, keeping both changes', async () => {
    await page.getByRole('button', { name: 'Edit object' }).click();
    const english = drawer().getByLabel('Label (English)', { exact: true });
    await expect.poll(() => english.inputValue()).toBe('Visit');
    await english.fill('Site visit');
    await drawer().getByRole('button', { name: 'Review changes' }).click();
    await review().getByTestId('plan-base').getByText('Against revision 1').waitFor();

    // Meanwhile another admin adds a field.
    const current = await visit();
    const other = await api('POST', '/metadata/apply', {
      ...current,
      fields: [...current.fields, { type: 'date', apiName: 'visited_on', labels: { en: 'Visited on' } }],
    });
    expect(other.status).toBe(200);

    await review().getByRole('button', { name: 'Apply' }).click();
    const stale = review().getByTestId('stale-plan');
    await stale.waitFor();
    expect(await stale.textContent()).toContain('This plan was made against revision 1; the metadata is now at revision 2.');
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-stale-plan.png'), fullPage: true });
    expect((await visit()).labels).toEqual({ en: 'Visit', zh: '拜访' });

    await stale.getByRole('button', { name: 'Re-plan on the latest revision' }).click();
    await review().getByTestId('plan-base').getByText('Against revision 2').waitFor();
    await review().getByRole('button', { name: 'Apply' }).click();
    await review().getByText('Applied: metadata revision 3').waitFor();
    await review().getByRole('button', { name: 'Close' }).click();
    const both = await visit();
    expect(both.labels).toEqual({ en: 'Site visit', zh: '拜访' });
    expect(both.fields.map((field) => field.apiName)).toEqual(['name', 'visited_on']);
  });

  it('shows a plan the server refuses in the editor, applies nothing, and takes its advice', async () => {
    const created = await api('POST', '/objects/visit/records', { name: 'First visit' });
    expect(created.status).toBe(201);
    await page.getByRole('button', { name: '+ Add field' }).click();
    await drawer().getByLabel('API name', { exact: true }).fill('code');
    await drawer().getByLabel('Label (English)', { exact: true }).fill('Code');
    await drawer().getByLabel('Required').check();
    await drawer().getByRole('button', { name: 'Review changes' }).click();
    const refused = drawer().getByTestId('plan-refused');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('The server refused the change; nothing was applied.');
    // The server's problem is listed in the form, which keeps what was typed.
    await drawer().getByTestId('unclaimed-problems').getByText('1 existing records would have no value for the new required field visit.code').waitFor();
    expect(await drawer().getByLabel('API name', { exact: true }).inputValue()).toBe('code');
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-refused-plan.png'), fullPage: true });
    expect(await revision()).toBe(3);

    // Its advice: fill the existing records. The plan touches data, so it needs a confirmation.
    await drawer().getByLabel('Fill existing records with').fill('V-000');
    await drawer().getByRole('button', { name: 'Review changes' }).click();
    const steps = review().locator('[data-testid=plan-steps] tbody tr');
    await steps.first().waitFor();
    expect(await steps.locator('td:nth-child(2)').allTextContents()).toEqual(['Add field visit.code (text), filling existing records with "V-000"']);
    const apply = review().getByRole('button', { name: 'Apply' });
    expect(await apply.isDisabled()).toBe(true);
    await review().getByRole('checkbox', { name: 'I have reviewed the steps that are not safe' }).check();
    await apply.click();
    await review().getByText('Applied: metadata revision 4').waitFor();
    await review().getByRole('button', { name: 'Close' }).click();
    const records = await api('GET', '/objects/visit/records');
    expect((records.body.data as Json[]).map((record) => record.code)).toEqual(['V-000']);
  });

  it('drops the object only after the destructive confirmation, then restores it with its records', async () => {
    await page.getByRole('button', { name: 'Drop object' }).click();
    const steps = review().locator('[data-testid=plan-steps] tbody tr');
    await steps.first().waitFor();
    expect(await steps.first().getAttribute('data-kind')).toBe('drop_table');
    expect(await steps.first().locator('.risk-badge').textContent()).toBe('Drops data');
    const apply = review().getByRole('button', { name: 'Apply' });
    expect(await apply.isDisabled()).toBe(true);
    const confirmation = review().getByRole('checkbox', { name: 'I understand that these are dropped (hidden until purged, restorable):' });
    const lost = await review().locator('.destructive-confirmation li').allTextContents();
    expect(lost).toEqual(['Drop object visit and its records (hidden until purged) (Rows: 1)']);
    await page.screenshot({ path: join(SCREENSHOTS, 'setup-drop-confirmation.png'), fullPage: true });
    await confirmation.check();
    await apply.click();
    await review().getByText('Applied: metadata revision 5').waitFor();
    await review().getByRole('button', { name: 'Close' }).click();
    expect((await api('GET', '/metadata/objects/visit')).status).toBe(404);

    const dropped = page.getByTestId('dropped-objects');
    await dropped.locator('li[data-object=visit]').waitFor();
    await dropped.getByRole('button', { name: 'Restore visit' }).click();
    await steps.first().waitFor();
    expect(await steps.locator('td:nth-child(2)').allTextContents()).toEqual([
      'Restore object visit with its records (dropped in revision 5)',
      'Restore field visit.name with its data (dropped in revision 5)',
      'Restore field visit.visited_on with its data (dropped in revision 5)',
      'Restore field visit.code with its data (dropped in revision 5)',
    ]);
    await review().getByRole('button', { name: 'Apply' }).click();
    await review().getByText('Applied: metadata revision 6').waitFor();
    await review().getByRole('button', { name: 'Close' }).click();
    const records = await api('GET', '/objects/visit/records');
    expect((records.body.data as Json[]).map((record) => record.name)).toEqual(['First visit']);
    expect((await visit()).labels).toEqual({ en: 'Site visit', zh: '拜访' });
    await page.locator('[data-testid=object-list] tr[data-object=visit]').waitFor();
    await expect.poll(() => page.getByTestId('dropped-objects').count()).toBe(0);
  });

  it('drops a field holding data only after the confirmation naming it', async () => {
    await page.getByRole('button', { name: 'Edit code' }).click();
    await drawer().getByRole('button', { name: 'Drop field' }).click();
    const steps = review().locator('[data-testid=plan-steps] tbody tr');
    await steps.first().waitFor();
    expect(await review().locator('.destructive-confirmation li').allTextContents()).toEqual(['Drop field visit.code (hidden until purged) (Rows: 1)']);
    const apply = review().getByRole('button', { name: 'Apply' });
    expect(await apply.isDisabled()).toBe(true);
    await review()
      .getByRole('checkbox', { name: /I understand that these are dropped/ })
      .check();
    await apply.click();
    await review().getByText('Applied: metadata revision 7').waitFor();
    await review().getByRole('button', { name: 'Close' }).click();
    expect((await visit()).fields.map((field) => field.apiName)).toEqual(['name', 'visited_on']);
    await expect
      .poll(() => page.locator('[data-testid=field-table] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-field'))))
      .toEqual(['name', 'visited_on']);
  });

  it('picks another name field for the object', async () => {
    await page.getByRole('button', { name: 'Edit object' }).click();
    const nameField = drawer().getByLabel('Name field');
    await nameField.locator('option[value=visited_on]').waitFor({ state: 'attached' });
    await nameField.selectOption('visited_on');
    await drawer().getByRole('button', { name: 'Review changes' }).click();
    await review().getByRole('button', { name: 'Apply' }).click();
    await review().getByText('Applied: metadata revision 8').waitFor();
    await review().getByRole('button', { name: 'Close' }).click();
    expect((await visit()).nameField).toBe('visited_on');
    await page.getByTestId('object-details').getByText('visited_on').waitFor();
  });

  it('fits a 390×844 phone without sideways scrolling, field editor and plan review included', async () => {
    const context = await app.signedInContext({ locale: 'en-US', viewport: { width: 390, height: 844 } });
    const phone = await context.newPage();
    phone.setDefaultTimeout(15_000);
    try {
      await phone.goto(`${served.url}/setup/visit`);
      await phone.locator('[data-testid=field-table] tr[data-field=visited_on]').waitFor();
      const fits = () => phone.evaluate('document.documentElement.scrollWidth <= window.innerWidth');
      expect(await fits()).toBe(true);
      await phone.getByRole('button', { name: '+ Add field' }).click();
      await phone.getByRole('dialog').getByLabel('Field type').selectOption('picklist');
      await phone.getByRole('dialog').getByRole('button', { name: '+ Add value' }).click();
      expect(await fits()).toBe(true);
      await phone.screenshot({ path: join(SCREENSHOTS, 'setup-phone-field-editor.png'), fullPage: true });
      await phone.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await phone.getByRole('button', { name: 'Drop object' }).click();
      await phone.getByTestId('plan-steps').waitFor();
      expect(await fits()).toBe(true);
      await phone.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    } finally {
      await context.close();
    }
  });
});
