// The App's list filter in Chromium, in Chinese and English, with the two builder operators of issue
// #21: "包含全部 / has all of" on a many-to-many field (contacts picked by name) and "距离…公里以内 /
// within N km of" on a geolocation field (latitude, longitude and km typed). The rows the list shows
// after Apply are the rows the server returns for the same JsonLogic through the API, and that set is
// neither empty nor every site, so a filter that did nothing (or everything) fails. Screenshots.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const POLL = { timeout: 15_000 };
const l = (en: string, zh: string) => ({ en, zh });

const objects = [
  {
    apiName: 'contact',
    labels: l('Contact', '联系人'),
    pluralLabels: l('Contacts', '联系人'),
    nameField: 'name',
    fields: [{ type: 'text', apiName: 'name', labels: l('Name', '姓名'), required: true }],
  },
  {
    apiName: 'site',
    labels: l('Site', '站点'),
    pluralLabels: l('Sites', '站点'),
    nameField: 'name',
    fields: [
      { type: 'text', apiName: 'name', labels: l('Name', '名称'), required: true },
      { type: 'geolocation', apiName: 'location', labels: l('Location', '位置') },
      { type: 'manytomany', apiName: 'contacts', target: 'contact', labels: l('Contacts', '联系人') },
    ],
  },
];

const CONTACTS = ['王芳', '张伟', '李娜'];
/** Sites around Shanghai and one in Beijing, each linked to some of the contacts. */
const SITES: { name: string; location: { latitude: number; longitude: number } | null; contacts: string[] }[] = [
  { name: '外滩', location: { latitude: 31.2401, longitude: 121.4905 }, contacts: ['王芳', '张伟'] },
  { name: '人民广场', location: { latitude: 31.2304, longitude: 121.4737 }, contacts: ['王芳'] },
  { name: '陆家嘴', location: { latitude: 31.2397, longitude: 121.4998 }, contacts: ['王芳', '张伟', '李娜'] },
  { name: '虹桥', location: { latitude: 31.1979, longitude: 121.3364 }, contacts: ['张伟'] },
  { name: '天安门', location: { latitude: 39.9087, longitude: 116.3975 }, contacts: ['王芳', '张伟'] },
  { name: '无位置', location: null, contacts: [] },
];

const LANGUAGES = [
  {
    locale: 'zh-CN',
    words: { addRule: '+ 条件', field: '字段', operator: '运算符', apply: '应用', clear: '清除', contacts: '联系人', location: '位置' },
    words2: { hasAll: '包含全部', within: '距离…公里以内', latitude: '纬度', longitude: '经度', km: '公里' },
  },
  {
    locale: 'en-US',
    words: { addRule: '+ Condition', field: 'Field', operator: 'Operator', apply: 'Apply', clear: 'Clear', contacts: 'Contacts', location: 'Location' },
    words2: { hasAll: 'has all of', within: 'within N km of', latitude: 'Latitude', longitude: 'Longitude', km: 'km' },
  },
] as const;

describe('has all of and within N km of in the App list filter (zh, en)', () => {
  let app: BrowserApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'filter_has_all_within', metadata: { objects }, signedIn: true });
    for (const name of CONTACTS) {
      const created = await app.api('POST', '/objects/contact/records', { name });
      expect(created.status).toBe(201);
      ids[name] = created.body.id as string;
    }
    for (const site of SITES) {
      const created = await app.api('POST', '/objects/site/records', { ...site, contacts: site.contacts.map((name) => ids[name]) });
      expect(created.status).toBe(201);
    }
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  /** The site names the server returns for a filter, sorted. */
  const serverNames = async (filter: unknown) => {
    const found = await app.api('GET', `/objects/site/records?limit=200&filter=${encodeURIComponent(JSON.stringify(filter))}`);
    expect(found.status).toBe(200);
    return (found.body.data as { name: string }[]).map((row) => row.name).sort();
  };

  for (const language of LANGUAGES) {
    it(`filters by has all of and by within N km of (${language.locale})`, async () => {
      const context = language.locale === 'zh-CN' ? app.context : await app.signedInContext({ locale: language.locale });
      const page: Page = language.locale === 'zh-CN' ? app.page : await context.newPage();
      page.setDefaultTimeout(15_000);
      const { words, words2 } = language;
      await page.goto(`${app.served.url}/app/site`);
      const table = page.getByTestId('record-table');
      const shown = async () => (await table.locator('td[data-field=name]').allTextContents()).sort();
      await expect.poll(shown, POLL).toEqual(SITES.map((site) => site.name).sort());
      const filter = page.getByTestId('list-filter');

      // Has all of 王芳 and 张伟.
      const hasAll = { has_all: [{ var: 'contacts' }, [ids['王芳'], ids['张伟']]] };
      const bothLinked = await serverNames(hasAll);
      expect(bothLinked.length).toBeGreaterThan(0);
      expect(bothLinked.length).toBeLessThan(SITES.length);
      await filter.getByRole('button', { name: words.addRule, exact: true }).click();
      const rule = filter.locator('.rule').first();
      await rule.getByTitle(words.field).selectOption({ label: words.contacts });
      await rule.getByTitle(words.operator).selectOption({ label: words2.hasAll });
      for (const name of ['王芳', '张伟']) {
        await rule.getByRole('combobox', { name: words.contacts }).fill(name.slice(0, 1));
        await rule.getByRole('option', { name }).click();
      }
      await filter.getByRole('button', { name: words.apply, exact: true }).click();
      await expect.poll(shown, POLL).toEqual(bothLinked);
      await page.screenshot({ path: join(SCREENSHOTS, `app-filter-has-all-${language.locale === 'zh-CN' ? 'zh' : 'en'}.png`), fullPage: true });

      // Within 3 km of 人民广场.
      await filter.getByRole('button', { name: words.clear, exact: true }).click();
      await expect.poll(shown, POLL).toEqual(SITES.map((site) => site.name).sort());
      const within = { '<=': [{ distance: [{ var: 'location' }, { latitude: 31.2304, longitude: 121.4737 }] }, 3] };
      const near = await serverNames(within);
      expect(near.length).toBeGreaterThan(0);
      expect(near.length).toBeLessThan(SITES.length - 1);
      await filter.getByRole('button', { name: words.addRule, exact: true }).click();
      const geoRule = filter.locator('.rule').first();
      await geoRule.getByTitle(words.field).selectOption({ label: words.location });
      await geoRule.getByTitle(words.operator).selectOption({ label: words2.within });
      await geoRule.getByRole('spinbutton', { name: `${words.location} ${words2.latitude}` }).fill('31.2304');
      await geoRule.getByRole('spinbutton', { name: `${words.location} ${words2.longitude}` }).fill('121.4737');
      await geoRule.getByRole('spinbutton', { name: `${words.location} ${words2.km}` }).fill('3');
      await filter.getByRole('button', { name: words.apply, exact: true }).click();
      await expect.poll(shown, POLL).toEqual(near);
      await page.screenshot({ path: join(SCREENSHOTS, `app-filter-within-${language.locale === 'zh-CN' ? 'zh' : 'en'}.png`), fullPage: true });
      // The raw JSON view shows exactly the rule the server was asked.
      await filter.getByRole('button', { name: language.locale === 'zh-CN' ? '原始 JSON' : 'Raw JSON' }).click();
      const raw = filter.getByRole('textbox');
      expect(JSON.parse(await raw.inputValue())).toEqual(within);
      if (language.locale !== 'zh-CN') await context.close();
    });
  }
});
