// Browser pages report to the 5xx guard (tests/support/server-errors.ts): a 5xx answer the page
// received, an uncaught exception in the page, and a console error. The console line Chromium adds
// for every failed load ("Failed to load resource: … status of 404") is left out: 4xx answers are
// normal, and a 5xx is already reported as a response.
import type { BrowserContext, Page } from 'playwright-core';
import { recordServerError } from '../support/server-errors.ts';

const FAILED_LOAD = /^Failed to load resource: the server responded with a status of \d{3}/;

export function watchPage(page: Page): void {
  page.on('response', (response) => {
    if (response.status() < 500) return;
    const url = new URL(response.url());
    const requestId = response.headers()['x-request-id'];
    recordServerError({
      where: 'browser',
      method: response.request().method(),
      path: url.pathname + url.search,
      status: response.status(),
      ...(requestId ? { requestId } : {}),
    });
  });
  page.on('pageerror', (error) => recordServerError({ where: `browser page error at ${page.url()}`, message: `${error.name}: ${error.message}` }));
  page.on('console', (message) => {
    if (message.type() !== 'error' || FAILED_LOAD.test(message.text())) return;
    recordServerError({ where: `browser console at ${page.url()}`, message: message.text() });
  });
}

/** Watches the context's pages, present and future. */
export function watchContext(context: BrowserContext): BrowserContext {
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  return context;
}
