#!/usr/bin/env node
// The `tessera` command: serve, tenant create, metadata apply. Every command takes --json and then
// prints exactly one JSON object; failures exit non-zero with a problem+json object.
import { parseArgs } from 'node:util';
import { ApiError } from '../http/api-error.ts';
import { toProblem } from '../http/problem-response.ts';
import { translateDatabaseError } from '../http/translate-database-error.ts';
import { applyCommand } from './apply-command.ts';
import { serveCommand } from './serve-command.ts';
import { tenantCreateCommand } from './tenant-command.ts';

const USAGE = `Usage:
  tessera serve                                   start the server (PORT, DATABASE_URL, TESSERA_DATA_DIR)
  tessera tenant create <slug> [--json]           create a tenant and print its API token
  tessera metadata apply <file|dir> --tenant <slug> [--json]
                                                  apply object definitions (JSON files)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, tenant: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const json = values.json ?? false;
  const [command, sub, arg] = positionals;
  try {
    if (values.help || !command) {
      console.log(USAGE);
      return command || values.help ? 0 : 1;
    }
    if (command === 'serve') return await serveCommand();
    if (command === 'tenant' && sub === 'create' && arg) return print(json, await tenantCreateCommand(arg));
    if (command === 'metadata' && sub === 'apply' && arg && values.tenant) return print(json, await applyCommand(arg, values.tenant));
    return fail(json, new Error(`Unknown command.\n${USAGE}`));
  } catch (error) {
    return fail(json, error);
  }
}

function print(json: boolean, result: { summary: string; data: Record<string, unknown> }): number {
  console.log(json ? JSON.stringify(result.data) : result.summary);
  return 0;
}

function fail(json: boolean, error: unknown): number {
  // Typed errors keep their code; anything else (bad usage, unreadable file) is a TSR100.
  const typed = error instanceof ApiError || translateDatabaseError(error) !== undefined;
  const body = toProblem(typed ? error : new ApiError('TSR100', error instanceof Error ? error.message : String(error)), 'cli', 'cli');
  if (json) console.log(JSON.stringify(body));
  else {
    console.error(`error ${body.code}: ${body.detail}`);
    for (const item of body.errors) console.error(`  ${item.path} ${item.code} ${item.message}`);
  }
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
  },
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);
