// Geolocation fields in the App (issue #21), in Chinese and in English: a site is created through
// the generated form (two number inputs, labelled 纬度/经度 or Latitude/Longitude), stored as the
// API's {latitude, longitude}, and shown as "latitude, longitude" on its record page and in the list;
// a half-filled pair gets the server's message at the field and saves nothing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';

const TENANT = 'browser_geo';
const l = (en: string, zh: string) => ({ en, zh });
const site = {
  apiName: 'site',
  labels: l('Site', '站点'),
  pluralLabels: l('Sites', '站点'),
  nameField: 'name',
  fields: [
    { apiName: 'name', type: 'text', labels: l('Name', '名称'), required: true },
    { apiName: 'location', type: 'geolocation', labels: l('Location', '位置') },
  ],
};

/** What each language shows, from the designer's i18n (the test reads the page, never the message files). */
const LANGUAGES = [
  {
    locale: 'zh-CN',
    name: '人民广场',
    latitude: 31.2304,
    longitude: 121.4737,
    words: { latitude: '纬度', longitude: '经度', save: '保存', details: '详细信息' },
  },
  {
    locale: 'en-US',
    name: 'Bund',
    latitude: 31.24,
    longitude: 121.49,
    words: { latitude: 'Latitude', longitude: 'Longitude', save: 'Save', details: 'Details' },
  },
] as const;

describe('geolocation fields in the App in Chromium', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: TENANT, metadata: { objects: [site] }, signedIn: true });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  const count = async () => ((await app.api('GET', '/objects/site/records?limit=200')).body.data as unknown[]).length;

  for (const language of LANGUAGES) {
    it(`creates a site with a location and shows it on the record and in the list (${language.locale})`, async () => {
      const context = language.locale === 'zh-CN' ? app.context : await app.signedInContext({ locale: language.locale });
      const page: Page = language.locale === 'zh-CN' ? app.page : await context.newPage();
      const { words } = language;
      await page.goto(`${app.served.url}/app/site/new`);
      const form = page.getByTestId('generated-form');
      const parts = form.getByTestId('geolocation-location');
      await form.locator('#root_name').fill(language.name);
      // The two inputs carry the UI language's words.
      const latitude = parts.getByPlaceholder(words.latitude, { exact: true });
      const longitude = parts.getByPlaceholder(words.longitude, { exact: true });

      // Only the latitude: the server names the missing longitude, nothing is saved.
      const before = await count();
      await latitude.fill(String(language.latitude));
      await form.getByRole('button', { name: words.save, exact: true }).click();
      await expect.poll(() => parts.locator('.error-detail').textContent()).toBeTruthy();
      expect(await count()).toBe(before);

      await longitude.fill(String(language.longitude));
      await form.getByRole('button', { name: words.save, exact: true }).click();
      await page.waitForURL(/\/app\/site\/[0-9a-f-]{36}\?created$/);
      const id = new URL(page.url()).pathname.split('/').pop() ?? '';
      const stored = (await app.api('GET', `/objects/site/records/${id}`)).body;
      expect(stored).toMatchObject({ name: language.name, location: { latitude: language.latitude, longitude: language.longitude } });

      const shown = `${language.latitude}, ${language.longitude}`;
      await page.getByRole('tab', { name: words.details }).click();
      await expect.poll(() => page.getByTestId('record-details').locator('[data-field=location] dd').textContent()).toBe(shown);

      await page.goto(`${app.served.url}/app/site`);
      const row = page.locator(`[data-testid=record-table] tbody tr[data-id="${id}"]`);
      await expect.poll(() => row.textContent()).toContain(shown);
      if (page !== app.page) await context.close();
    });
  }
});
