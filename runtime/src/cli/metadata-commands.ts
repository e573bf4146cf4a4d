// `tessera metadata plan|revisions|revert|purge`: the evolution commands, on the same functions as
// the HTTP API (plan → review → apply with the plan hash; revert = plan and apply revision N).
import { ApiError } from '../core/api-error.ts';
import { applyChange, planMetadata } from '../migrate/apply-metadata.ts';
import { planBody } from '../migrate/change-request.ts';
import { parseDuration, purgeDropped, retentionDays } from '../migrate/purge-dropped.ts';
import { listRevisions, loadRevision } from '../migrate/revisions.ts';
import { readDocument } from './read-document.ts';
import { resolveFromCaller } from './runtime-config.ts';
import { type ChangeFlags, type CommandResult as Result, withTenant } from './with-tenant.ts';

const riskLine = (step: { step: number; description: string; risk: string; rows: number }) =>
  `  ${String(step.step).padStart(3)}. [${step.risk.replace('_', ' ')}${step.rows > 0 ? `, ${step.rows} rows` : ''}] ${step.description}`;

export function planCommand(path: string, slug: string): Promise<Result> {
  const document = readDocument(resolveFromCaller(path));
  return withTenant(slug, async (database, tenant) => {
    const plan = await planMetadata(database.db, tenant, { document });
    const body = planBody(plan);
    const summary = plan.changed
      ? [
          `Plan against revision ${plan.baseRevision} (${plan.steps.length} steps):`,
          ...plan.steps.map(riskLine),
          `Plan hash: ${plan.planHash}`,
          plan.requiresPlanHash
            ? `Apply with: tessera metadata apply ${path} --tenant ${slug} --plan-hash ${plan.planHash}${plan.destructive ? ' --allow-destructive' : ''}`
            : 'Every step is safe.',
        ].join('\n')
      : `No changes; tenant ${slug} is at revision ${plan.baseRevision}.`;
    return { summary, data: { tenant: slug, ...body } };
  });
}

export function revisionsCommand(slug: string, revision: number | undefined): Promise<Result> {
  return withTenant(slug, async (database, tenant) => {
    if (revision !== undefined) {
      const detail = await loadRevision(database.db, tenant.schema, revision);
      if (!detail) throw new ApiError('TSR223', `Revision ${revision} does not exist.`);
      const lines = detail.actions.map((action) => `  ${action.kind} ${action.object}`);
      return { summary: [`Revision ${detail.revision} by ${detail.author} at ${detail.createdAt}:`, ...lines].join('\n'), data: { tenant: slug, ...detail } };
    }
    const data = await listRevisions(database.db, tenant.schema);
    const lines = data.map(
      (item) =>
        `  ${String(item.revision).padStart(4)}  ${item.createdAt}  ${item.author.padEnd(6)}  ${Object.entries(item.changes)
          .map(([kind, n]) => `${kind}×${n}`)
          .join(' ')}${item.revertedTo === null ? '' : `  (revert to ${item.revertedTo})`}`,
    );
    return { summary: data.length > 0 ? lines.join('\n') : `Tenant ${slug} has no revisions yet.`, data: { tenant: slug, data } };
  });
}

export function revertCommand(slug: string, revision: number, flags: ChangeFlags, dryRun: boolean): Promise<Result> {
  return withTenant(slug, async (database, tenant) => {
    if (dryRun) {
      const plan = await planMetadata(database.db, tenant, { revertTo: revision });
      return {
        summary: [`Revert to revision ${revision}:`, ...plan.steps.map(riskLine), `Plan hash: ${plan.planHash}`].join('\n'),
        data: { tenant: slug, ...planBody(plan) },
      };
    }
    const outcome = await applyChange(database.db, tenant, { revertTo: revision }, { author: 'cli', ...flags });
    return {
      summary: outcome.changed
        ? `Reverted to revision ${revision} as revision ${outcome.revision}: ${outcome.actions.length} step(s).`
        : `Nothing to revert; tenant ${slug} stays at revision ${outcome.revision}.`,
      data: {
        tenant: slug,
        revision: outcome.revision,
        changed: outcome.changed,
        revertedTo: revision,
        planHash: outcome.plan.planHash,
        steps: outcome.plan.steps,
      },
    };
  });
}

export function purgeCommand(slug: string, olderThan: string | undefined): Promise<Result> {
  const olderThanMs = olderThan === undefined ? retentionDays() * 86_400_000 : parseDuration(olderThan);
  if (olderThanMs === undefined) throw new ApiError('TSR100', `--older-than takes a duration such as 30d, 12h or 0, not ${olderThan}.`);
  return withTenant(slug, async (database, tenant) => {
    const purged = await purgeDropped(database.db, tenant, { olderThanMs });
    const lines = purged.map((item) => `  ${item.kind} ${item.object}${item.field ? `.${item.field}` : ''} (dropped in revision ${item.droppedRevision})`);
    return {
      summary: purged.length > 0 ? [`Purged ${purged.length} dropped item(s):`, ...lines].join('\n') : 'Nothing to purge.',
      data: { tenant: slug, purged },
    };
  });
}
