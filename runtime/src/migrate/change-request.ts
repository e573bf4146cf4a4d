// The body of plan/apply → what to change and how it was reviewed. Either the metadata document
// itself (one object or a bundle), or `{ definition | revertTo, planHash?, allowDestructive? }`.
// The If-Match header carries the revision the change was made against.
import { ApiError } from '../core/api-error.ts';
import type { PlanInput, PlannedChange } from './plan-change.ts';

export interface ChangeRequest {
  input: PlanInput;
  planHash?: string;
  allowDestructive?: boolean;
}

const WRAPPER_KEYS = new Set(['definition', 'revertTo', 'planHash', 'allowDestructive']);

export function parseChangeRequest(body: unknown): ChangeRequest {
  const isWrapper =
    body !== null &&
    typeof body === 'object' &&
    !Array.isArray(body) &&
    ('definition' in body || 'revertTo' in body) &&
    Object.keys(body).every((key) => WRAPPER_KEYS.has(key));
  if (!isWrapper) return { input: { document: body } };
  const wrapper = body as { definition?: unknown; revertTo?: unknown; planHash?: unknown; allowDestructive?: unknown };
  const problems: { path: string; code: 'TSR100'; message: string }[] = [];
  if ('definition' in wrapper && 'revertTo' in wrapper) problems.push({ path: '/revertTo', code: 'TSR100', message: 'send either definition or revertTo' });
  if (wrapper.revertTo !== undefined && !(Number.isInteger(wrapper.revertTo) && (wrapper.revertTo as number) >= 0)) {
    problems.push({ path: '/revertTo', code: 'TSR100', message: 'must be a revision number' });
  }
  if (wrapper.planHash !== undefined && !(typeof wrapper.planHash === 'string' && /^[0-9a-f]{64}$/.test(wrapper.planHash))) {
    problems.push({ path: '/planHash', code: 'TSR100', message: 'must be the 64-character planHash of POST /metadata/plan' });
  }
  if (wrapper.allowDestructive !== undefined && typeof wrapper.allowDestructive !== 'boolean') {
    problems.push({ path: '/allowDestructive', code: 'TSR100', message: 'must be true or false' });
  }
  if (problems.length > 0) throw new ApiError('TSR100', 'The change request is invalid.', problems);
  return {
    input: wrapper.revertTo !== undefined ? { revertTo: wrapper.revertTo as number } : { document: wrapper.definition },
    ...(typeof wrapper.planHash === 'string' ? { planHash: wrapper.planHash } : {}),
    ...(wrapper.allowDestructive === true ? { allowDestructive: true } : {}),
  };
}

/** `If-Match: 3` or `"3"` (or W/"3") → 3; absent → undefined. */
export function parseRevisionMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw new ApiError('TSR113', `If-Match must be the metadata revision the change was made against, such as "3", not ${header.slice(0, 40)}.`, [
      { path: 'If-Match', code: 'TSR113', message: 'not a revision number' },
    ]);
  }
  return Number(match[1]);
}

/** The JSON a plan is shown as (HTTP and CLI). */
export function planBody(plan: PlannedChange) {
  return {
    baseRevision: plan.baseRevision,
    changed: plan.changed,
    planHash: plan.planHash,
    definitionHash: plan.definitionHash,
    requiresPlanHash: plan.requiresPlanHash,
    destructive: plan.destructive,
    ...(plan.revertTo === undefined ? {} : { revertTo: plan.revertTo }),
    steps: plan.steps,
    actions: plan.actions,
  };
}
