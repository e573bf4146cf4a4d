// Many-to-many fields in the App (issue #21) in Chromium, in Chinese and English: the generated
// form links contacts to an opportunity by typing part of their names (chips with names, × removes,
// the keyboard picks); the saved record holds their ids; the record page and the list show the names
// as chips linking to each contact, never the ids; a contact's page lists the opportunities linking
// to it ("商机（联系人）" / "Opportunities (via Contacts)") with unlink and link; the list filters by
// "联系人 包含任一" with the contact picked by name. Screenshots; the console stays clean (watch-page.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { contactObject, opportunityObject } from './many-to-many-objects.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const CONTACTS = ['王芳', '张伟', 'Grace Hopper'];
// Pages load and save over HTTP: a poll waits as long as a locator would.
const POLL = { timeout: 15_000 };

const objects = [contactObject, opportunityObject()];

interface Opportunity {
  id: string;
  name: string;
  contacts: string[] | null;
}

describe('Many-to-many fields in the App (zh, en)', () => {
  let app: BrowserApp;
  let page: Page;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'many_to_many_ui', metadata: { objects }, signedIn: true });
    page = app.page;
    for (const name of CONTACTS) {
      const created = await app.api('POST', '/objects/contact/records', { name });
      expect(created.status).toBe(201);
      ids[name] = created.body.id as string;
    }
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  const byName = async (name: string): Promise<Opportunity | undefined> => {
    const found = await app.api('GET', `/objects/opportunity/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'name' }, name] }))}`);
    return (found.body.data as Opportunity[])[0];
  };

  it('zh: links two contacts through the form; the record page and the list show them as chips', async () => {
    await page.goto(`${app.served.url}/app/opportunity/new`);
    const form = page.getByTestId('generated-form');
    await form.locator('#root_name').fill('华东大单');
    const widget = form.getByTestId('multilookup-contacts');
    const box = widget.getByRole('combobox', { name: '联系人' });
    // Mouse: type part of a name, click the option.
    await box.fill('王');
    await widget.getByRole('option', { name: '王芳' }).click();
    // Keyboard: type, arrow to the option, Enter (which must not submit the form).
    await box.fill('张');
    await expect.poll(() => widget.getByRole('option').allTextContents(), POLL).toEqual(['张伟']);
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    await box.press('Enter');
    await expect.poll(() => widget.locator('.link-chip').allTextContents(), POLL).toEqual(['王芳×', '张伟×']);
    // A third one, removed again by its × button.
    await box.fill('Grace');
    await widget.getByRole('option', { name: 'Grace Hopper' }).click();
    await widget.getByRole('button', { name: '移除 Grace Hopper' }).click();
    await expect.poll(() => widget.locator('.link-chip').allTextContents(), POLL).toEqual(['王芳×', '张伟×']);
    await page.screenshot({ path: join(SCREENSHOTS, 'app-many-to-many-form-zh.png'), fullPage: true });
    await form.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => (await byName('华东大单'))?.contacts, POLL).toEqual([ids['王芳'], ids['张伟']].sort());
    const created = (await byName('华东大单')) as Opportunity;

    await page.goto(`${app.served.url}/app/opportunity/${created.id}`);
    const details = page.getByTestId('record-details');
    const chips = details.locator('[data-field=contacts] .link-chip');
    await expect.poll(() => chips.allTextContents(), POLL).toEqual(created.contacts?.map((id) => CONTACTS.find((name) => ids[name] === id)));
    expect(await details.textContent()).not.toMatch(UUID);
    expect(await details.getByRole('link', { name: '王芳' }).getAttribute('href')).toBe(`/app/contact/${ids['王芳']}`);

    await page.goto(`${app.served.url}/app/opportunity`);
    const table = page.getByTestId('record-table');
    await expect.poll(() => table.locator('td[data-field=contacts] .link-chip').allTextContents(), POLL).toEqual(expect.arrayContaining(['王芳', '张伟']));
    expect(await table.textContent()).not.toMatch(UUID);
    await page.screenshot({ path: join(SCREENSHOTS, 'app-many-to-many-list-zh.png'), fullPage: true });
  });

  it('zh: a contact lists the opportunity under 商机（联系人）; unlink and link again there', async () => {
    const deal = (await byName('华东大单')) as Opportunity;
    await page.goto(`${app.served.url}/app/contact/${ids['王芳']}`);
    await page.getByRole('tab', { name: /相关/ }).click();
    const card = page.locator('[data-related="opportunity.contacts"]');
    await expect.poll(() => card.getByRole('heading').textContent(), POLL).toContain('商机（联系人）');
    const linking = await app.api(
      'GET',
      `/objects/opportunity/records?filter=${encodeURIComponent(JSON.stringify({ has_any: [{ var: 'contacts' }, [ids['王芳']]] }))}`,
    );
    const names = (linking.body.data as Opportunity[]).map((record) => record.name);
    expect(names).toContain('华东大单');
    expect(await card.getByTestId('related-count').textContent()).toBe(String(names.length));
    expect((await card.locator('tbody tr').getByRole('link').allTextContents()).sort()).toEqual([...names].sort());
    await page.screenshot({ path: join(SCREENSHOTS, 'app-many-to-many-related-zh.png'), fullPage: true });

    await card.getByRole('button', { name: '取消关联 华东大单' }).click();
    await expect.poll(() => card.getByTestId('related-count').textContent(), POLL).toBe(String(names.length - 1));
    await expect.poll(async () => (await byName('华东大单'))?.contacts, POLL).toEqual(deal.contacts?.filter((id) => id !== ids['王芳']) ?? null);
    expect(await card.locator('tbody').getByRole('link', { name: '华东大单' }).count()).toBe(0);

    const picker = card.getByRole('combobox', { name: '关联商机' });
    await picker.fill('华东');
    await card.getByRole('option', { name: '华东大单' }).click();
    await expect.poll(() => card.getByTestId('related-count').textContent(), POLL).toBe(String(names.length));
    await expect.poll(async () => (await byName('华东大单'))?.contacts, POLL).toContain(ids['王芳']);
  });

  it('zh: filters the opportunities by 联系人 包含任一, picking the contact by name', async () => {
    await app.api('POST', '/objects/opportunity/records', { name: '西南项目', contacts: [ids['Grace Hopper']] });
    const linking = await app.api(
      'GET',
      `/objects/opportunity/records?filter=${encodeURIComponent(JSON.stringify({ has_any: [{ var: 'contacts' }, [ids['张伟']]] }))}`,
    );
    const expected = (linking.body.data as Opportunity[]).map((record) => record.name).sort();
    expect(expected.length).toBeGreaterThan(0);
    await page.goto(`${app.served.url}/app/opportunity`);
    const table = page.getByTestId('record-table');
    const shown = async () => (await table.locator('td[data-field=name]').allTextContents()).sort();
    await expect.poll(shown, POLL).toContain('西南项目');
    const filter = page.getByTestId('list-filter');
    await filter.getByRole('button', { name: '+ 条件', exact: true }).click();
    const rule = filter.locator('.rule').first();
    await rule.getByTitle('字段').selectOption({ label: '联系人' });
    await rule.getByTitle('运算符').selectOption({ label: '包含任一' });
    await rule.getByRole('combobox', { name: '联系人' }).fill('张');
    await rule.getByRole('option', { name: '张伟' }).click();
    await filter.getByRole('button', { name: '应用' }).click();
    await expect.poll(shown, POLL).toEqual(expected);
    await page.screenshot({ path: join(SCREENSHOTS, 'app-many-to-many-filter-zh.png'), fullPage: true });
  });

  it('en: edits the links (Backspace removes the last chip, a new one is added); the record page shows the result', async () => {
    const context = await app.signedInContext({ locale: 'en-US' });
    const english = await context.newPage();
    english.setDefaultTimeout(15_000);
    const opportunity = await app.api('POST', '/objects/opportunity/records', { name: 'Harbour deal', contacts: [ids['Grace Hopper'], ids['王芳']] });
    expect(opportunity.status).toBe(201);
    const id = opportunity.body.id as string;
    await english.goto(`${app.served.url}/app/opportunity/${id}?edit`);
    const form = english.getByTestId('generated-form');
    const widget = form.getByTestId('multilookup-contacts');
    await widget.locator('.link-chip').first().waitFor();
    const stored = (opportunity.body.contacts as string[]).map((each) => CONTACTS.find((name) => ids[name] === each));
    await expect.poll(() => widget.locator('.link-chip').allTextContents(), POLL).toEqual(stored.map((name) => `${name}×`));
    const box = widget.getByRole('combobox', { name: 'Contacts' });
    await box.focus();
    await box.press('Backspace');
    await expect.poll(() => widget.locator('.link-chip').allTextContents(), POLL).toEqual(stored.slice(0, -1).map((name) => `${name}×`));
    await box.fill('张');
    await widget.getByRole('option', { name: '张伟' }).click();
    await english.screenshot({ path: join(SCREENSHOTS, 'app-many-to-many-form-en.png'), fullPage: true });
    await form.getByRole('button', { name: 'Save' }).click();
    const expected = [...stored.slice(0, -1), '张伟'].map((name) => ids[name as string]).sort();
    await expect
      .poll(async () => [...(((await app.api('GET', `/objects/opportunity/records/${id}`)).body.contacts as string[]) ?? [])].sort())
      .toEqual(expected);
    const details = english.getByTestId('record-details');
    await expect.poll(() => details.locator('[data-field=contacts] .link-chip').allTextContents(), POLL).toContain('张伟');
    expect(await details.locator('[data-field=contacts] .link-chip').count()).toBe(2);
    expect(await details.textContent()).not.toMatch(UUID);
    // The contact's reverse related list, titled in English.
    await english.goto(`${app.served.url}/app/contact/${ids['张伟']}`);
    await english.getByRole('tab', { name: /Related/ }).click();
    const card = english.locator('[data-related="opportunity.contacts"]');
    await expect.poll(() => card.getByRole('heading').textContent(), POLL).toContain('Opportunities (via Contacts)');
    expect(await card.locator('tbody').getByRole('link', { name: 'Harbour deal' }).count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Unlink Harbour deal' }).count()).toBe(1);
    await english.screenshot({ path: join(SCREENSHOTS, 'app-many-to-many-related-en.png'), fullPage: true });
    await context.close();
  });
});
