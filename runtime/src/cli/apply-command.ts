// `tessera metadata apply <file|dir> --tenant <slug>`: reads JSON object definitions (a file, or
// every *.json in a directory as one bundle) and applies them in one transaction.
import { applyMetadata } from '../migrate/apply-metadata.ts';
import { readDocument } from './read-document.ts';
import { resolveFromCaller } from './runtime-config.ts';
import { type ChangeFlags, type CommandResult, withTenant } from './with-tenant.ts';

export function applyCommand(path: string, slug: string, flags: ChangeFlags = {}): Promise<CommandResult> {
  const document = readDocument(resolveFromCaller(path));
  return withTenant(slug, async (database, tenant) => {
    const outcome = await applyMetadata(database.db, tenant, document, { author: 'cli', ...flags });
    const data = { tenant: slug, revision: outcome.revision, changed: outcome.changed, actions: outcome.actions };
    if (!outcome.changed) return { summary: `No changes; tenant ${slug} stays at revision ${outcome.revision}.`, data };
    return {
      summary: `Applied revision ${outcome.revision}: ${outcome.actions.length} action(s).`,
      data: { ...data, baseRevision: outcome.plan.baseRevision, planHash: outcome.plan.planHash, steps: outcome.plan.steps },
    };
  });
}
