#!/usr/bin/env node
// The `tessera` command: serve, tenant create|tokens|rotate-token|revoke-token, metadata plan|apply|revisions|revert|purge, pkg validate|pack|install|upgrade|uninstall|list, export, import. Every command takes --json and then
// prints exactly one JSON object; failures exit non-zero with a problem+json object.
import { parseArgs } from 'node:util';
import { ApiError } from '../core/api-error.ts';
import { toProblem } from '../http/problem-response.ts';
import { translateDatabaseError } from '../core/translate-database-error.ts';
import { applyCommand } from './apply-command.ts';
import { exportCommand } from './export-command.ts';
import { importCommand } from './import-command.ts';
import { approvalsCommand } from './approval-commands.ts';
import { planCommand, purgeCommand, revertCommand, revisionsCommand } from './metadata-commands.ts';
import { pkgInstallCommand, pkgListCommand, pkgPackCommand, pkgUninstallCommand, pkgValidateCommand } from './package-commands.ts';
import { serveCommand } from './serve-command.ts';
import { tenantCreateCommand, tenantRevokeTokenCommand, tenantRotateTokenCommand, tenantTokensCommand } from './tenant-command.ts';

const USAGE = `Usage:
  tessera serve                                   start the server (PORT, DATABASE_URL, TESSERA_DATA_DIR)
  tessera tenant create <slug> [--json]           create a tenant and print its API token
  tessera tenant tokens <slug> [--json]           list the tenant's API tokens by fingerprint (never the token)
  tessera tenant rotate-token <slug> <fingerprint> [--json]
                                                  issue a new token (shown once) and revoke the old one
  tessera tenant revoke-token <slug> <fingerprint> [--json]
  tessera metadata plan <file|dir> --tenant <slug> [--json]
                                                  show the ordered steps, their risk and row counts, and the plan hash
  tessera metadata apply <file|dir> --tenant <slug> [--plan-hash <hash>] [--allow-destructive] [--if-match <revision>] [--json]
                                                  apply object definitions (JSON files); steps that are not safe need the plan hash
  tessera metadata revisions --tenant <slug> [--revision <n>] [--json]
                                                  list revisions, or show one
  tessera metadata revert <n> --tenant <slug> [--dry-run] [--plan-hash <hash>] [--allow-destructive] [--json]
                                                  bring the model back to revision n (planned and applied like any change)
  tessera metadata purge --tenant <slug> [--older-than 30d] [--json]
                                                  drop soft-dropped fields and objects for real (default: older than TESSERA_DROP_RETENTION_DAYS, 30)
  tessera approvals submit <object> <recordId> [--flow <f>] [--stage <s>] [--comment <c>] [--json]
  tessera approvals approve|reject|recall|show <requestId> [--comment <c>] [--to <step>] [--json]
  tessera approvals inbox [--box pending|decided|submitted] [--json]
                                                  approvals through a running server (--url/TESSERA_URL, --token/TESSERA_TOKEN)
  tessera pkg validate <folder> [--json]          check a package (manifest, objects, security, sample data)
  tessera pkg pack <folder> [--to <dir>] [--json] validate, then npm pack it (into the current directory)
  tessera pkg install <folder|.tgz|name> --tenant <slug> [--dry-run] [--plan-hash <hash>] [--allow-destructive] [--no-sample-data] [--json]
  tessera pkg upgrade <folder|.tgz|name> --tenant <slug> [--dry-run] [--take <conflict path>=package|tenant ...] [--plan-hash <hash>] [--allow-destructive] [--json]
                                                  plan (--dry-run) or apply in one transaction; a name is looked up in packages/ and node_modules
  tessera pkg uninstall <namespace> --tenant <slug> [--dry-run] [--purge --plan-hash <hash>] [--json]
  tessera pkg list --tenant <slug> [--json]
  tessera export --object <name> --tenant <slug> [--format csv|xlsx] [--lang en|zh-CN] [--fields a,b] [--filter <JsonLogic>] [--sort -a,b] [--out <file>] [--json]
                                                  stream every record of an object to a file (or standard output), as the API's export
  tessera import <file.csv|file.xlsx> --object <name> --tenant <slug> [--mapping <saved name|JSON>] [--mode all-or-nothing|skip-bad-rows]
                 [--duplicates skip|update|create] [--match-field <field>] [--lang en|zh] [--dry-run] [--json]
                                                  import rows as the API's import (dry run: every write checked, nothing saved)`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      tenant: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      'plan-hash': { type: 'string' },
      'allow-destructive': { type: 'boolean', default: false },
      'if-match': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      revision: { type: 'string' },
      'older-than': { type: 'string' },
      url: { type: 'string' },
      token: { type: 'string' },
      flow: { type: 'string' },
      comment: { type: 'string' },
      to: { type: 'string' },
      box: { type: 'string' },
      stage: { type: 'string' },
      'no-sample-data': { type: 'boolean', default: false },
      purge: { type: 'boolean', default: false },
      take: { type: 'string', multiple: true },
      object: { type: 'string' },
      format: { type: 'string' },
      lang: { type: 'string' },
      fields: { type: 'string' },
      filter: { type: 'string' },
      sort: { type: 'string' },
      out: { type: 'string' },
      mapping: { type: 'string' },
      mode: { type: 'string' },
      duplicates: { type: 'string' },
      'match-field': { type: 'string' },
    },
  });
  const json = values.json ?? false;
  const [command, sub, arg] = positionals;
  try {
    if (values.help || !command) {
      console.log(USAGE);
      return command || values.help ? 0 : 1;
    }
    if (command === 'serve') return await serveCommand();
    if (command === 'approvals') {
      const { url, token, flow, comment, to, box, stage } = values;
      return print(json, await approvalsCommand(sub, positionals.slice(2), { url, token, flow, comment, to, box, stage }));
    }
    if (command === 'export' && values.object && values.tenant) {
      const { object, format, lang, fields, filter, sort, out } = values;
      const result = await exportCommand(values.tenant, { object, format, lang, fields, filter, sort, out });
      // Without --out the file itself went to standard output: nothing else may be printed there.
      return out ? print(json, result) : 0;
    }
    if (command === 'import' && sub && values.object && values.tenant) {
      const { object, mapping, mode, duplicates, lang, format } = values;
      const result = await importCommand(sub, values.tenant, {
        object,
        mapping,
        mode,
        duplicates,
        matchField: values['match-field'],
        lang,
        format,
        dryRun: values['dry-run'] ?? false,
      });
      print(json, result);
      // A refused all-or-nothing import wrote nothing: a failure for scripts.
      return result.data.status === 'failed' ? 1 : 0;
    }
    if (command === 'tenant' && sub === 'create' && arg) return print(json, await tenantCreateCommand(arg));
    if (command === 'tenant' && sub === 'tokens' && arg) return print(json, await tenantTokensCommand(arg));
    if (command === 'tenant' && sub === 'rotate-token' && arg && positionals[3]) return print(json, await tenantRotateTokenCommand(arg, positionals[3]));
    if (command === 'tenant' && sub === 'revoke-token' && arg && positionals[3]) return print(json, await tenantRevokeTokenCommand(arg, positionals[3]));
    const flags = {
      ...(values['plan-hash'] ? { planHash: values['plan-hash'] } : {}),
      ...(values['allow-destructive'] ? { allowDestructive: true } : {}),
      ...(values['if-match'] ? { ifMatch: revisionNumber(values['if-match']) } : {}),
    };
    if (command === 'metadata' && sub === 'apply' && arg && values.tenant) return print(json, await applyCommand(arg, values.tenant, flags));
    if (command === 'metadata' && sub === 'plan' && arg && values.tenant) return print(json, await planCommand(arg, values.tenant));
    if (command === 'metadata' && sub === 'revisions' && values.tenant) {
      return print(json, await revisionsCommand(values.tenant, values.revision === undefined ? undefined : revisionNumber(values.revision)));
    }
    if (command === 'metadata' && sub === 'revert' && arg && values.tenant) {
      return print(json, await revertCommand(values.tenant, revisionNumber(arg), flags, values['dry-run'] ?? false));
    }
    if (command === 'metadata' && sub === 'purge' && values.tenant) return print(json, await purgeCommand(values.tenant, values['older-than']));
    if (command === 'pkg') {
      const packageFlags = {
        ...flags,
        ...(values['no-sample-data'] ? { sampleData: false } : {}),
        ...(values.purge ? { purge: true } : {}),
        ...(values['dry-run'] ? { dryRun: true } : {}),
        ...(values.take ? { take: values.take } : {}),
      };
      if (sub === 'validate' && arg) return print(json, await pkgValidateCommand(arg));
      if (sub === 'pack' && arg) return print(json, await pkgPackCommand(arg, values.to));
      if ((sub === 'install' || sub === 'upgrade') && arg && values.tenant) return print(json, await pkgInstallCommand(sub, arg, values.tenant, packageFlags));
      if (sub === 'uninstall' && arg && values.tenant) return print(json, await pkgUninstallCommand(arg, values.tenant, packageFlags));
      if (sub === 'list' && values.tenant) return print(json, await pkgListCommand(values.tenant));
    }
    return fail(json, new Error(`Unknown command.\n${USAGE}`));
  } catch (error) {
    return fail(json, error);
  }
}

function revisionNumber(text: string): number {
  if (!/^\d{1,9}$/.test(text)) throw new ApiError('TSR100', `'${text}' is not a revision number.`);
  return Number(text);
}

function print(json: boolean, result: { summary: string; data: Record<string, unknown> }): number {
  console.log(json ? JSON.stringify(result.data) : result.summary);
  return 0;
}

function fail(json: boolean, error: unknown): number {
  if (process.env.TESSERA_DEBUG) console.error(error);
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
