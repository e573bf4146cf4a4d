// `tessera metadata apply <file|dir> --tenant <slug>`: reads JSON object definitions (a file, or
// every *.json in a directory as one bundle) and applies them in one transaction.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../http/api-error.ts';
import { applyMetadata } from '../migrate/apply-metadata.ts';
import { TenantStore } from '../tenants/tenant-store.ts';
import type { ChangeFlags } from './metadata-commands.ts';
import { openConfiguredDatabase, readConfig, resolveFromCaller } from './runtime-config.ts';

export async function applyCommand(path: string, slug: string, flags: ChangeFlags = {}) {
  const document = readDocument(resolveFromCaller(path));
  const database = await openConfiguredDatabase(readConfig());
  try {
    const tenant = await new TenantStore(database.system).findTenant(slug);
    if (!tenant) throw new ApiError('TSR305', `Tenant '${slug}' does not exist.`);
    const outcome = await applyMetadata(database.db, tenant, document, { author: 'cli', ...flags });
    const data = { tenant: slug, revision: outcome.revision, changed: outcome.changed, actions: outcome.actions };
    if (!outcome.changed) return { summary: `No changes; tenant ${slug} stays at revision ${outcome.revision}.`, data };
    return {
      summary: `Applied revision ${outcome.revision}: ${outcome.actions.length} action(s).`,
      data: { ...data, baseRevision: outcome.plan.baseRevision, planHash: outcome.plan.planHash, steps: outcome.plan.steps },
    };
  } finally {
    await database.close();
  }
}

export function readDocument(path: string): unknown {
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path).filter((name) => name.endsWith('.json')).sort();
    const objects = files.flatMap((name) => {
      const parsed = parseFile(join(path, name));
      return parsed && typeof parsed === 'object' && 'objects' in parsed ? (parsed as { objects: unknown[] }).objects : [parsed];
    });
    return { objects };
  }
  return parseFile(path);
}

function parseFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ApiError('TSR101', `${file} is not valid JSON: ${(error as Error).message}`);
  }
}
