// Vitest setup file (vitest.config.ts `setupFiles`): watches every HTTP server in the test
// process and fails a test after which an undeclared 5xx or unknown server error was recorded
// (see server-errors.ts). The file-level check catches what arrives late (a spawned server's log).
import { afterAll, afterEach } from 'vitest';
import { probeHttpServers } from './http-error-probe.ts';
import { checkServerErrors, recordServerError } from './server-errors.ts';

probeHttpServers('in-process', recordServerError);

afterEach(async (context) => {
  // A response's close event can trail the client's read by a turn of the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  checkServerErrors(`"${context.task.name}"`);
});

afterAll(() => {
  checkServerErrors('this file (after its last test, or in beforeAll/afterAll hooks)');
});
