// The 5xx guard sees what a page sees: a page served here loads a resource answering 500, throws
// an uncaught error and logs a console error; the guard's check lists all three (the 500 once,
// though both the page and the in-process HTTP probe saw it) and leaves out the console line
// Chromium adds for a failed load, and an ordinary 404.
import { Hono } from 'hono';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkServerErrors } from '../support/server-errors.ts';
import { CHROMIUM_ARGS, ensureChromium } from './ensure-chromium.ts';
import { type ServedApp, serveApp } from './serve-app.ts';
import { watchContext } from './watch-page.ts';

const PAGE = `<!doctype html><title>guard</title><script>
  fetch('/missing');
  fetch('/broken').then(() => {
    console.error('the page noticed a failure');
    setTimeout(() => { throw new Error('uncaught in the page'); });
  });
</script>`;

describe('browser pages report to the 5xx guard', () => {
  let browser: Browser;
  let served: ServedApp;

  beforeAll(async () => {
    const app = new Hono();
    app.get('/', (c) => c.html(PAGE));
    app.get('/missing', (c) => c.json({ code: 'TSR107' }, 404));
    app.get('/broken', (c) => c.json({ code: 'TSR900', requestId: 'page-1' }, 500, { 'x-request-id': 'page-1' }));
    served = await serveApp(app);
    browser = await chromium.launch({ executablePath: await ensureChromium(), args: [...CHROMIUM_ARGS], headless: true });
  }, 10 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('lists the 500 the page loaded, its uncaught error and its console error', async () => {
    const context = watchContext(await browser.newContext());
    try {
      const page = await context.newPage();
      const thrown = page.waitForEvent('pageerror');
      await page.goto(served.url);
      await thrown;
    } finally {
      await context.close();
    }
    let message = '';
    try {
      checkServerErrors();
    } catch (error) {
      message = (error as Error).message;
    }
    const listed = message.split('\n').slice(1).sort();
    expect(listed).toEqual([
      // Whichever saw it first names it: the server's probe, or the page.
      expect.stringMatching(/^ {2}- 500 TSR900 GET \/broken \(request page-1, (in-process|browser)\)$/),
      `  - error (browser console at ${served.url}/): the page noticed a failure`,
      `  - error (browser page error at ${served.url}/): Error: uncaught in the page`,
    ]);
  });
});
