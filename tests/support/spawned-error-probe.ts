// Preloaded into spawned `tessera serve` processes (spawn-server.ts passes `--import` this file):
// prints one structured line per 5xx answer, which spawn-server.ts reads back into the guard.
import { probeHttpServers } from './http-error-probe.ts';
import { SPAWNED_ERROR_MARK } from './spawned-server-log.ts';

probeHttpServers('spawned', (event) => process.stderr.write(`${SPAWNED_ERROR_MARK} ${JSON.stringify(event)}\n`));
