// What every browser suite starts with: the built designer and the API served on one loopback
// origin from a fresh test database, a tenant with the suite's metadata applied, and a headless
// Chromium page in Chinese (optionally already signed in with the tenant token). The server's 5xx
// and the pages' errors (watch-page.ts) go to the guard (tests/support/server-errors.ts).
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createApp, createTestDatabase, type TestDatabase } from '@tessera/runtime';
import { reportServerErrors } from '../support/server-errors.ts';
import { buildDesigner } from './build-designer.ts';
import { CHROMIUM_ARGS, ensureChromium, ensureCjkFont } from './ensure-chromium.ts';
import { type ServedApp, serveApp } from './serve-app.ts';
import { watchContext } from './watch-page.ts';

export const ADMIN_TOKEN = 'test-admin';
/** For beforeAll: the first run on a bare machine installs Chromium. */
export const SETUP_TIMEOUT_MS = 10 * 60_000;

export type ApiJson = Record<string, unknown>;

export interface BrowserApp {
  served: ServedApp;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The tenant's token. */
  token: string;
  /** The app's database, for a test to set up what no user action can (a restart's leftovers). */
  database: TestDatabase;
  /** The API as the tenant token sees it, for a test's own checks (never for the steps the user takes). */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: ApiJson }>;
  /** A browser context holding the token, for a second language or user. */
  signedInContext(options: { locale: string; viewport?: { width: number; height: number } }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startBrowserApp(options: {
  tenant: string;
  metadata: unknown;
  signedIn: boolean;
  viewport?: { width: number; height: number };
}): Promise<BrowserApp> {
  const [executablePath, designerDir] = await Promise.all([ensureChromium(), buildDesigner(), ensureCjkFont()]);
  const database: TestDatabase = await createTestDatabase();
  const runtime = await createApp({ ...reportServerErrors, database, designerDir, adminToken: ADMIN_TOKEN });
  const served = await serveApp(runtime.app);
  const call = (path: string, bearer: string, body: unknown) =>
    fetch(`${served.url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const tenant = await call('/admin/tenants', ADMIN_TOKEN, { slug: options.tenant });
  if (tenant.status !== 201) throw new Error(`creating tenant ${options.tenant}: ${tenant.status} ${await tenant.text()}`);
  const token = ((await tenant.json()) as { token: string }).token;
  const applied = await call('/metadata/apply', token, options.metadata);
  if (applied.status !== 200) throw new Error(`applying the suite's metadata: ${applied.status} ${await applied.text()}`);

  const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS], headless: true });
  const viewport = options.viewport ?? { width: 1280, height: 900 };
  const signedInContext: BrowserApp['signedInContext'] = async (context) =>
    watchContext(
      await browser.newContext({
        locale: context.locale,
        viewport: context.viewport ?? viewport,
        storageState: { cookies: [], origins: [{ origin: served.url, localStorage: [{ name: 'tessera.token', value: token }] }] },
      }),
    );
  // zh-CN: navigator.language starts with "zh", so the designer shows Chinese labels.
  const context = options.signedIn ? await signedInContext({ locale: 'zh-CN' }) : watchContext(await browser.newContext({ locale: 'zh-CN', viewport }));
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return {
    served,
    browser,
    context,
    page,
    token,
    database,
    signedInContext,
    async api(method, path, body) {
      const response = await fetch(`${served.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as ApiJson) : {} };
    },
    async close() {
      // Let the page's last requests finish before the server and database go away.
      await page.waitForLoadState('networkidle').catch(() => undefined);
      await context.close();
      await browser.close();
      await served.close();
      await runtime.close();
      await database.close();
    },
  };
}
