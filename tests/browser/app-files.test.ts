// File and image fields in the App (issue #21), in Chromium, in Chinese and English: a record is
// created through the generated form with an image and a PDF (uploaded by the widget before the
// save), the list shows the thumbnail and the PDF's name as a link, the record page shows the image
// larger, the download gives back the very bytes uploaded, and a file over the field's limit shows
// the server's refusal under the field while the rest of the form keeps what was typed.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_1X1 } from '../support/sample-files.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS, startBrowserApp } from './browser-app.ts';

const deal = {
  apiName: 'deal',
  labels: { en: 'Deal', zh: '交易' },
  pluralLabels: { en: 'Deals', zh: '交易' },
  nameField: 'name',
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    { type: 'file', apiName: 'contract', labels: { en: 'Contract', zh: '合同' }, maxSizeMb: 1, accept: ['application/pdf'] },
    { type: 'image', apiName: 'photo', labels: { en: 'Photo', zh: '照片' } },
  ],
};

const pdfBytes = (tag: string) => Buffer.from(`%PDF-1.4\n% ${tag}\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n`);
/** Over the contract field's 1 MB limit, and a real PDF by its first bytes (so only the size is wrong). */
const TOO_BIG = Buffer.concat([pdfBytes('big'), Buffer.alloc(1024 * 1024 + 10, 0x20)]);

const CASES = [
  { lang: 'zh', locale: 'zh-CN', name: '年度合同', pdf: '合同 2026.pdf', save: '保存', tooBig: '文件过大' },
  { lang: 'en', locale: 'en-US', name: 'Annual contract', pdf: 'contract 2026.pdf', save: 'Save', tooBig: 'File too large' },
] as const;

describe('File and image fields in the App (zh, en)', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp({ tenant: 'app_files', metadata: deal, signedIn: true });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await app?.close();
  });

  const pageIn = async (locale: string): Promise<Page> => {
    if (locale === 'zh-CN') return app.page;
    const context = await app.signedInContext({ locale });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  };

  for (const c of CASES) {
    it(`${c.lang}: uploads an image and a PDF in the form, shows them in the list and on the record page, downloads the same bytes`, async () => {
      const page = await pageIn(c.locale);
      const pdf = pdfBytes(c.lang);
      await page.goto(`${app.served.url}/app/deal/new`);
      const form = page.getByTestId('generated-form');
      await form.locator('#root_name').fill(c.name);

      // Too large: the server's problem (in the page's language) under the field; the name stays.
      await form.locator('#root_contract_file').setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: TOO_BIG });
      const error = form.getByTestId('file-error-contract');
      await expect.poll(() => error.textContent()).toContain(c.tooBig);
      expect(await error.locator('[data-code]').getAttribute('data-code')).toBe('TSR171');
      expect(await form.locator('#root_name').inputValue()).toBe(c.name);

      await form.locator('#root_contract_file').setInputFiles({ name: c.pdf, mimeType: 'application/pdf', buffer: pdf });
      await form.locator('#root_photo_file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG_1X1 });
      await expect.poll(() => form.getByTestId('file-field-contract').textContent()).toContain(c.pdf);
      expect(await error.count()).toBe(0);
      await expect.poll(() => form.locator('[data-testid=file-field-photo] img').count()).toBe(1);
      await form.getByRole('button', { name: c.save }).click();

      let created: { id: string; contract: { name: string } | null; photo: { name: string } | null } | undefined;
      await expect
        .poll(async () => {
          const found = await app.api('GET', `/objects/deal/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'name' }, c.name] }))}`);
          created = (found.body.data as NonNullable<typeof created>[])[0];
          return [created?.contract?.name, created?.photo?.name];
        })
        .toEqual([c.pdf, 'photo.png']);

      // The list: a thumbnail that loaded, the PDF's name as a link with its size.
      await page.goto(`${app.served.url}/app/deal`);
      const row = page.getByTestId('record-table').locator('tr', { hasText: c.name });
      await expect.poll(() => row.locator('td[data-field=photo] img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
      expect(await row.locator('td[data-field=contract] a.file-link').textContent()).toBe(c.pdf);
      expect(await row.locator('td[data-field=contract]').textContent()).toContain(`${pdf.length} B`);

      // The record page: the larger image, and the download gives back the uploaded bytes.
      await page.goto(`${app.served.url}/app/deal/${created?.id}`);
      const details = page.getByTestId('record-details');
      await expect.poll(() => details.locator('img.file-thumbnail-large').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
      const [download] = await Promise.all([page.waitForEvent('download'), details.locator('a.file-link', { hasText: c.pdf }).click()]);
      expect(download.suggestedFilename()).toBe(c.pdf);
      expect(Buffer.compare(await readFile((await download.path()) as string), pdf)).toBe(0);
    });
  }
});
