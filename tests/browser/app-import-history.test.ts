// Issue #20 in Chromium: the import history and an import a restart interrupted, in Chinese and in
// English. 李销售 (a sales user) opens 导入历史 of 线索: a finished import (counts, 可撤销, its errors
// CSV) and an interrupted one that says, in these words, that a restart interrupted it and nothing
// was written, with 重新运行. Opening it shows the wizard's interrupted result; 重新运行 imports the
// server's kept copy of the same file with the same mapping (no second upload) and the history
// then shows the re-run done. An English reader sees the same in English and runs it again from
// the history. The interrupted imports are made as a restart leaves them: a `running` import whose
// process is gone (its kept file on disk), marked by the same check a runtime runs at start.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepFile } from '../../runtime/src/import/import-files.ts';
import { parseImportOptions } from '../../runtime/src/import/import-options.ts';
import { createImportRow } from '../../runtime/src/import/import-store.ts';
import { failInterruptedImports } from '../../runtime/src/import/interrupted-imports.ts';
import { lead, REAL_WORLD_CSV } from '../api/import-support.ts';
import { expectNoSidewaysScroll, SALES, signInWithPassword, TENANT } from './app-inbox-fixture.ts';
import { type BrowserApp, SETUP_TIMEOUT_MS } from './browser-app.ts';
import { startImportApp } from './import-app.ts';
import { publishScreenshot } from './publish-screenshot.ts';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const SCHEMA = `t_${TENANT}`;
const ZH_MESSAGE = '导入因服务重启而中断，未写入任何数据。可重新运行。';
const EN_MESSAGE = 'The import was interrupted by a server restart; nothing was written. You can run it again.';

describe('App import history and interrupted imports in Chromium (zh and en)', () => {
  let app: BrowserApp;
  let page: Page;
  let salesId: string;
  const dir = mkdtempSync(join(tmpdir(), 'tessera-import-history-'));
  const leadCodes = async () =>
    ((await app.api('GET', '/objects/lead/records?limit=100&sort=code')).body.data as Array<{ code: string }>).map((record) => record.code);

  /** An import left `running` by a process that died, then marked by the runtime's start-up check. */
  const interruptedImport = async (fileName: string, csv: string, userId: string) => {
    const catalogObject = { apiName: 'lead', definition: lead, writable: new Set(lead.fields.map((field) => field.apiName)) };
    const options = parseImportOptions(catalogObject as never, { duplicates: 'update', mode: 'skip-bad-rows' }, 'zh');
    const full = { ...options, mapping: { name: 'name', code: 'code', amount: 'amount' } };
    const id = await createImportRow(app.database.db, SCHEMA, 'lead', fileName, full, userId);
    const upload = join(dir, `${id}.csv`);
    writeFileSync(upload, csv);
    await keepFile({ path: upload, format: 'csv', name: fileName, temporary: true }, SCHEMA, id);
    await sql`update ${sql.id(SCHEMA, '_imports')} set status = 'running', processed = 2000 where id = ${id}::uuid`.execute(app.database.db);
    const marked = await failInterruptedImports(app.database.db);
    expect(marked.get(SCHEMA)).toBe(1);
    return id;
  };

  beforeAll(async () => {
    ({ app, salesId } = await startImportApp());
    // A finished import (the integration's): 5 created, 3 rows with errors skipped.
    const done = await fetch(`${app.served.url}/api/v1/imports/lead?mode=skip-bad-rows&wait=true&fileName=${encodeURIComponent('线索.csv')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token}`, 'content-type': 'text/csv' },
      body: REAL_WORLD_CSV,
    });
    expect(done.status).toBe(200);
    ({ page } = await signInWithPassword(app, app.browser, SALES.email));
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it('zh: the history shows the finished import and the interrupted one, said plainly', async () => {
    const id = await interruptedImport('中断的线索.csv', 'name,code,amount\n周一,R-1,10\n周二,R-2,20\n周三,R-3,30\n', salesId);
    await page.goto(`${app.served.url}/import/lead`);
    await page.getByRole('link', { name: '导入历史' }).click();
    await page.waitForURL(`${app.served.url}/imports/lead`);
    const table = page.getByRole('table', { name: '导入历史：线索' });
    await table.waitFor();
    const interrupted = table.locator(`tr[data-import="${id}"]`);
    expect(await interrupted.getAttribute('data-status')).toBe('interrupted');
    const row = (await interrupted.textContent()) ?? '';
    for (const part of ['中断的线索.csv', SALES.name, '已中断', ZH_MESSAGE, '不可撤销：未写入任何数据']) expect(row).toContain(part);
    expect(await interrupted.getByRole('button', { name: '重新运行' }).isVisible()).toBe(true);
    const finished = table.locator('tr[data-status="done"]');
    const finishedText = (await finished.textContent()) ?? '';
    for (const part of ['线索.csv', '集成', '已完成', '可撤销']) expect(finishedText).toContain(part);
    expect(await finished.locator('[data-count=create]').textContent()).toBe('5');
    expect(await finished.locator('[data-count=error]').textContent()).toBe('3');
    expect(await finished.getByRole('link', { name: '错误报告（CSV）' }).getAttribute('href')).toMatch(/errors\.csv\?lang=zh$/);
    await page.screenshot({ path: join(SCREENSHOTS, 'app-import-history.png'), fullPage: true });
    publishScreenshot('app-import-history.png');

    // Its result page in the wizard: the same words, and 重新运行.
    await interrupted.getByRole('link', { name: '中断的线索.csv' }).click();
    await page.waitForURL(`${app.served.url}/import/lead/${id}`);
    const alert = page.getByRole('alert', { name: '导入已中断' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(ZH_MESSAGE);
    await page.screenshot({ path: join(SCREENSHOTS, 'app-import-interrupted.png'), fullPage: true });
    publishScreenshot('app-import-interrupted.png');
    expect(await leadCodes()).not.toContain('R-1');
    await alert.getByRole('button', { name: '重新运行' }).click();
    const result = page.getByRole('region', { name: '导入完成' });
    await result.waitFor();
    expect(await result.locator('[data-count=create] dd').textContent()).toBe('3');
    expect(await leadCodes()).toEqual(expect.arrayContaining(['R-1', 'R-2', 'R-3']));

    // Back in the history: the re-run is done (undo available); the interrupted one keeps its
    // status and can no longer run (its file went to the re-run).
    await page.getByRole('link', { name: '导入历史' }).click();
    await table.waitFor();
    await table.locator(`tr[data-import="${id}"]`).waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBe(3);
    const newest = rows.first();
    expect(await newest.getAttribute('data-status')).toBe('done');
    expect(await newest.textContent()).toContain('中断的线索.csv');
    expect(await newest.getByRole('button', { name: '撤销此次导入' }).isVisible()).toBe(true);
    expect(await table.locator(`tr[data-import="${id}"]`).getByRole('button', { name: '重新运行' }).count()).toBe(0);
  });

  it('en: the same in English; Run again from the history', async () => {
    const id = await interruptedImport('interrupted-leads.csv', 'name,code,amount\nMonday,E-1,1\nTuesday,E-2,2\n', salesId);
    const context = await app.signedInContext({ locale: 'en-US' });
    const english = await context.newPage();
    await english.goto(`${app.served.url}/imports`);
    const table = english.getByRole('table', { name: 'Import history' });
    await table.waitFor();
    const interrupted = table.locator(`tr[data-import="${id}"]`);
    const row = (await interrupted.textContent()) ?? '';
    for (const part of ['Lead', 'interrupted-leads.csv', 'Interrupted', EN_MESSAGE, 'No undo: nothing was written']) expect(row).toContain(part);
    await english.screenshot({ path: join(SCREENSHOTS, 'app-import-history-en.png'), fullPage: true });
    await interrupted.getByRole('button', { name: 'Run again' }).click();
    await english.waitForURL(/\/import\/lead\/[0-9a-f-]{36}$/);
    const result = english.getByRole('region', { name: 'Import finished' });
    await result.waitFor();
    expect(await result.locator('[data-count=create] dd').textContent()).toBe('2');
    expect(await leadCodes()).toEqual(expect.arrayContaining(['E-1', 'E-2']));
    // On a phone the history scrolls inside its table, not the page.
    await english.goto(`${app.served.url}/imports`);
    await table.waitFor();
    await english.setViewportSize({ width: 390, height: 844 });
    await expectNoSidewaysScroll(english);
    await context.close();
  });
});
