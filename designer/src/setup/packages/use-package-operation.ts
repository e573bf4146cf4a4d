// One package operation at a time, as a small state machine: plan (nothing written) → review →
// apply → result. A refused plan keeps its problem (and any merge conflicts, for the admin to pick
// a side and plan again); a refused apply keeps the reviewed plan beside the server's problem.
// While an apply runs its progress is polled by operation id (poll-operation.ts), and read once more after.
import { useCallback, useState } from 'react';
import type {
  ApiError,
  AppliedPackage,
  ConflictResolution,
  PackageConflict,
  PackageOperationProgress,
  PackagePlan,
  PackageProblem,
  PackageSource,
} from '../../api/index.ts';
import { toApiError, useSession } from '../../shell/session.tsx';
import { newOperationId, pollOperation } from './poll-operation.ts';

/** What the admin asked for: a package from a source (install or upgrade), or an uninstall. */
export type PackageTarget = { kind: 'source'; source: PackageSource; title: string } | { kind: 'uninstall'; namespace: string; purge: boolean; title: string };

export type OperationState =
  | { phase: 'idle' }
  | { phase: 'planning'; target: PackageTarget }
  | { phase: 'refused'; target: PackageTarget; error: ApiError; conflicts: PackageConflict[]; resolutions: ConflictResolution[] }
  | { phase: 'review'; target: PackageTarget; plan: PackagePlan; resolutions: ConflictResolution[] }
  | {
      phase: 'applying';
      target: PackageTarget;
      plan: PackagePlan;
      resolutions: ConflictResolution[];
      operationId: string;
      progress: PackageOperationProgress | null;
    }
  | { phase: 'failed'; target: PackageTarget; plan: PackagePlan; resolutions: ConflictResolution[]; error: ApiError }
  | { phase: 'done'; target: PackageTarget; plan: PackagePlan; result: AppliedPackage; progress: PackageOperationProgress | null };

export interface PackageOperation {
  state: OperationState;
  plan(target: PackageTarget, resolutions?: ConflictResolution[]): Promise<void>;
  apply(options: { sampleData: boolean }): Promise<void>;
  close(): void;
}

export function usePackageOperation(onChanged: () => void): PackageOperation {
  const { client } = useSession();
  const [state, setState] = useState<OperationState>({ phase: 'idle' });

  const plan = useCallback(
    async (target: PackageTarget, resolutions: ConflictResolution[] = []) => {
      setState({ phase: 'planning', target });
      try {
        const planned = await client.planPackage(
          target.kind === 'uninstall'
            ? { uninstall: target.namespace, ...(target.purge ? { purge: true } : {}) }
            : { source: target.source, sampleData: true, ...(resolutions.length ? { resolutions } : {}) },
        );
        setState({ phase: 'review', target, plan: planned, resolutions });
      } catch (caught) {
        const error = toApiError(caught);
        setState({ phase: 'refused', target, error, conflicts: (error.problem as PackageProblem).conflicts ?? [], resolutions });
      }
    },
    [client],
  );

  const apply = useCallback(
    async (options: { sampleData: boolean }) => {
      if (state.phase !== 'review' && state.phase !== 'failed') return;
      const { target, plan: reviewed, resolutions } = state;
      const operationId = newOperationId();
      setState({ phase: 'applying', target, plan: reviewed, resolutions, operationId, progress: null });
      const stop = pollOperation(client, operationId, (progress) =>
        setState((current) => (current.phase === 'applying' && current.operationId === operationId ? { ...current, progress } : current)),
      );
      try {
        const result = await applyReviewed(client, target, reviewed, resolutions, options.sampleData, operationId);
        stop();
        const progress = await client.getPackageOperation(operationId).catch(() => null);
        setState({ phase: 'done', target, plan: reviewed, result, progress });
        onChanged();
      } catch (caught) {
        setState({ phase: 'failed', target, plan: reviewed, resolutions, error: toApiError(caught) });
      } finally {
        stop();
      }
    },
    [client, state, onChanged],
  );

  const close = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, plan, apply, close };
}

/** The plan hash always goes along, so what applies is exactly what was reviewed (or a 409 TSR218). */
function applyReviewed(
  client: ReturnType<typeof useSession>['client'],
  target: PackageTarget,
  plan: PackagePlan,
  resolutions: ConflictResolution[],
  sampleData: boolean,
  operationId: string,
): Promise<AppliedPackage> {
  if (target.kind === 'uninstall') return client.uninstallPackage(target.namespace, { purge: target.purge, planHash: plan.planHash, operationId });
  const request = {
    source: target.source,
    planHash: plan.planHash,
    ...(plan.destructive ? { allowDestructive: true } : {}),
    ...(resolutions.length ? { resolutions } : {}),
  };
  return plan.operation === 'upgrade' ? client.upgradePackage(request, operationId) : client.installPackage({ ...request, sampleData }, operationId);
}
