// `pnpm --filter @tessera/runtime build`: runtime/src → runtime/dist/cli/main.js, the production
// entry `pnpm start` and the bench run with plain `node` (see bundle-entry.ts for why).
import { fileURLToPath } from 'node:url';
import { bundleRuntime } from './bundle-entry.ts';

const runtimeDir = fileURLToPath(new URL('../../', import.meta.url));
const started = performance.now();
const outfile = await bundleRuntime(runtimeDir);
console.log(`built ${outfile} in ${(performance.now() - started).toFixed(0)} ms`);
