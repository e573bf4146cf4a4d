import { defineConfig } from 'vitest/config';

// One run for the whole workspace: unit tests beside the code, HTTP/CLI suites in tests/.
// Each test file gets its own database, so files run in parallel on both cores.
export default defineConfig({
  test: {
    include: ['metadata/src/**/*.test.ts', 'runtime/src/**/*.test.ts', 'tests/**/*.test.ts', 'bench/src/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Fails a test after which a server answered an undeclared 5xx (issue #15: every 5xx is a bug).
    setupFiles: ['tests/support/server-errors-setup.ts', 'tests/support/property-seed-setup.ts'],
  },
});
