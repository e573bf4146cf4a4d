// The README's pictures come from the browser suites, but a test run must not rewrite committed
// files: a screenshot is copied to docs/images/ only when TESSERA_UPDATE_DOCS_IMAGES=1 is set
// (`TESSERA_UPDATE_DOCS_IMAGES=1 pnpm vitest run tests/browser`); otherwise it stays in the
// git-ignored screenshots/ folder the suite writes to.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const DOCS_IMAGES = fileURLToPath(new URL('../../docs/images/', import.meta.url));

/** Copies screenshots/<shot> to docs/images/<published> when asked to; returns whether it did. */
export function publishScreenshot(shot: string, published = shot): boolean {
  if (process.env.TESSERA_UPDATE_DOCS_IMAGES !== '1') return false;
  copyFileSync(join(SCREENSHOTS, shot), join(DOCS_IMAGES, published));
  return true;
}
