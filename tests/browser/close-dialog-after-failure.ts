// Suites whose steps share one page: when a step fails with a drawer still open, the next step
// would fail on the backdrop ("intercepts pointer events") and hide whether it works. After a failed
// step this prints what the open dialog said (the problem the admin saw) and closes it with Escape,
// so each later step is judged on its own. A passing step is left untouched.
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';

export function closeDialogAfterFailure(page: () => Page | undefined): void {
  afterEach(async (context) => {
    const current = page();
    if (context.task.result?.state !== 'fail' || !current) return;
    const dialogs = current.getByRole('dialog');
    for (let open = await dialogs.count(); open > 0; open = await dialogs.count()) {
      const text = await dialogs
        .last()
        .innerText({ timeout: 2_000 })
        .catch(() => '(unreadable)');
      console.log(`[after a failed step] an open dialog said:\n${text.slice(0, 2_000)}`);
      await current.keyboard.press('Escape');
      await dialogs
        .nth(open - 1)
        .waitFor({ state: 'detached', timeout: 5_000 })
        .catch(() => undefined);
      if ((await dialogs.count()) >= open) break;
    }
  });
}
