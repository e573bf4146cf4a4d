// Step 2: row access and versions, decided on the locked rows: a record the caller cannot see
// answers exactly like one that does not exist (404 TSR111), one they may see but not change is
// 403 TSR302, a stale version 409 TSR112, a restore of a live record 409 TSR100.
import { ApiError } from '../../../core/api-error.ts';
import type { CompiledObject } from '../../../catalog/catalog-types.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';

export const checkAccess: WriteStep = {
  name: 'check access',
  // Without a stored read (no later step needs one), the SQL write carries the same conditions and
  // explains a missed row afterwards (write-rows.ts), which keeps a plain patch one statement.
  applies: (plan, _setup, later) => plan.kind !== 'create' && (later.stored === true || plan.kind === 'restore'),
  needs: { stored: true },
  async run(context: WriteContext) {
    const { plan } = context;
    plan.items.forEach((item, index) => {
      const id = item.id as string;
      const stored = context.items[index]?.stored;
      const restoring = plan.kind === 'restore';
      if (!stored?.visible || (stored.deletedAt !== null && !restoring)) throw recordNotFound(plan.object, id);
      if (!stored.allowed) throw writeForbidden(plan.object, writeVerb(plan.kind));
      if (restoring && stored.deletedAt === null) throw new ApiError('TSR100', `${plan.object.apiName} ${id} is not deleted.`, [], 409);
      if (item.expectedVersion !== undefined && item.expectedVersion !== stored.version)
        throw staleVersion(plan.object, id, stored.version, item.expectedVersion);
    });
  },
};

const writeVerb = (kind: string): string => (kind === 'delete' ? 'delete' : kind === 'restore' ? 'restore' : 'edit');

export function recordNotFound(object: CompiledObject, id: string): ApiError {
  return new ApiError('TSR111', `${object.apiName} record '${id.slice(0, 64)}' does not exist.`);
}

export function writeForbidden(object: CompiledObject, action: string): ApiError {
  return new ApiError('TSR302', `You may not ${action} this ${object.apiName} record.`);
}

export function staleVersion(object: CompiledObject, id: string, current: number, expected: number | undefined): ApiError {
  return new ApiError('TSR112', `${object.apiName} ${id} is at version ${current}, not ${expected}; reload it and apply your change again.`, [
    { path: '/version', code: 'TSR112', message: `current version is ${current}` },
  ]);
}
