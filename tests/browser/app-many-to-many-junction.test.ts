// Many-to-many through a junction object in the App (issue #21), in Chromium, zh and en: a contact's
// reverse related list ("商机（联系人）") shows each linking opportunity with the link's own role from
// its junction record; the role opens the junction record, whose form edits it, and the list shows
// the new role. The opportunity's own list of its junction records names each by its formula name
// field (contact · opportunity, as crm-core's opportunity_contact_role does), never by id.
// Screenshots; the console stays clean (watch-page.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';
import { contactObject, opportunityObject } from './many-to-many-objects.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const POLL = { timeout: 15_000 };
const ROLES = [
  { apiName: 'user', labels: { en: 'User', zh: '使用人' }, default: true },
  { apiName: 'champion', labels: { en: 'Champion', zh: '支持者' } },
  { apiName: 'decision_maker', labels: { en: 'Decision maker', zh: '决策人' } },
];

const objects = [
  contactObject,
  opportunityObject('deal_contact'),
  {
    apiName: 'deal_contact',
    labels: { en: 'Deal contact', zh: '商机联系人' },
    pluralLabels: { en: 'Deal contacts', zh: '商机联系人' },
    nameField: 'name',
    fields: [
      {
        type: 'formula',
        apiName: 'name',
        returns: 'text',
        labels: { en: 'Name', zh: '名称' },
        expression: { cat: [{ var: 'contact.name' }, ' · ', { var: 'opportunity.name' }] },
      },
      { type: 'lookup', apiName: 'opportunity', target: 'opportunity', required: true, onDelete: 'cascade', labels: { en: 'Opportunity', zh: '商机' } },
      { type: 'lookup', apiName: 'contact', target: 'contact', required: true, onDelete: 'cascade', labels: { en: 'Contact', zh: '联系人' } },
      { type: 'picklist', apiName: 'role', labels: { en: 'Role', zh: '角色' }, values: ROLES },
    ],
  },
];

describe('Many-to-many through a junction object in the App (zh, en)', () => {
  let app: BrowserApp;
  let page: Page;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'junction_ui', metadata: { objects }, signedIn: true });
    page = app.page;
    for (const name of ['王芳', 'Grace Hopper']) ids[name] = (await app.api('POST', '/objects/contact/records', { name })).body.id as string;
    for (const [name, contacts] of [
      ['华东大单', [ids['王芳'], ids['Grace Hopper']]],
      ['Harbour deal', [ids['王芳']]],
    ] as const) {
      const created = await app.api('POST', '/objects/opportunity/records', { name, contacts });
      expect(created.status).toBe(201);
      ids[name] = created.body.id as string;
    }
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  const junctionOf = async (opportunity: string, contact: string) => {
    const filter = { and: [{ '==': [{ var: 'opportunity' }, opportunity] }, { '==': [{ var: 'contact' }, contact] }] };
    const found = await app.api('GET', `/objects/deal_contact/records?filter=${encodeURIComponent(JSON.stringify(filter))}`);
    return (found.body.data as unknown[])[0] as {
      id: string;
      role: string;
    };
  };

  async function editRole(target: Page, language: 'zh' | 'en', opportunity: string, from: string, to: string) {
    await target.goto(`${app.served.url}/app/contact/${ids['王芳']}`);
    await target.getByRole('tab', { name: language === 'zh' ? /相关/ : /Related/ }).click();
    const card = target.locator('[data-related="opportunity.contacts"]');
    await expect.poll(() => card.locator('thead th').allTextContents(), POLL).toContain(language === 'zh' ? '角色' : 'Role');
    const row = card.locator('tbody tr', { has: target.getByRole('link', { name: opportunity }) });
    const cell = row.locator('td[data-junction-field=role]');
    await expect.poll(() => cell.textContent(), POLL).toBe(from);
    await target.screenshot({ path: join(SCREENSHOTS, `app-many-to-many-junction-related-${language}.png`), fullPage: true });
    await cell.getByRole('link').click();
    const link = await junctionOf(ids[opportunity] as string, ids['王芳'] as string);
    await expect.poll(() => new URL(target.url()).pathname, POLL).toBe(`/app/deal_contact/${link.id}`);
    await target.goto(`${app.served.url}/app/deal_contact/${link.id}?edit`);
    const form = target.getByTestId('generated-form');
    await form.locator('#root_role').selectOption({ label: to });
    await form.getByRole('button', { name: language === 'zh' ? '保存' : 'Save' }).click();
    await expect.poll(async () => (await junctionOf(ids[opportunity] as string, ids['王芳'] as string)).role, POLL).not.toBe(link.role);
    await target.goto(`${app.served.url}/app/contact/${ids['王芳']}`);
    await target.getByRole('tab', { name: language === 'zh' ? /相关/ : /Related/ }).click();
    await expect.poll(() => cell.textContent(), POLL).toBe(to);
  }

  it('zh: the related list shows the role from the junction record and edits it there', async () => {
    await editRole(page, 'zh', '华东大单', '使用人', '支持者');
    expect((await junctionOf(ids['华东大单'] as string, ids['王芳'] as string)).role).toBe('champion');
  });

  it('en: the same list in English; the role edited on the junction record shows at once', async () => {
    const context = await app.signedInContext({ locale: 'en-US' });
    const english = await context.newPage();
    english.setDefaultTimeout(15_000);
    await editRole(english, 'en', 'Harbour deal', 'User', 'Decision maker');
    expect((await junctionOf(ids['Harbour deal'] as string, ids['王芳'] as string)).role).toBe('decision_maker');
    await context.close();
  });

  async function expectJunctionNames(target: Page, language: 'zh' | 'en') {
    await target.goto(`${app.served.url}/app/opportunity/${ids['华东大单']}`);
    await target.getByRole('tab', { name: language === 'zh' ? /相关/ : /Related/ }).click();
    const card = target.locator('[data-related="deal_contact.opportunity"]');
    await expect
      .poll(() => card.locator('thead th').allTextContents(), POLL)
      .toEqual(expect.arrayContaining(language === 'zh' ? ['名称', '角色'] : ['Name', 'Role']));
    const names = () => card.locator('tbody tr td:first-child a').allTextContents();
    await expect.poll(async () => (await names()).sort(), POLL).toEqual(['Grace Hopper · 华东大单', '王芳 · 华东大单']);
    const text = (await card.textContent()) ?? '';
    for (const id of Object.values(ids)) expect(text).not.toContain(id);
    await target.screenshot({ path: join(SCREENSHOTS, `app-many-to-many-junction-names-${language}.png`), fullPage: true });
  }

  it('zh: the opportunity lists its junction records by name, not id', async () => {
    await expectJunctionNames(page, 'zh');
  });

  it('en: the same names on the English page', async () => {
    const context = await app.signedInContext({ locale: 'en-US' });
    const english = await context.newPage();
    english.setDefaultTimeout(15_000);
    await expectJunctionNames(english, 'en');
    await context.close();
  });
});
