// A revert through the same plan → review → apply as every Setup change, so the existing review
// screen (change/change-review.tsx) shows it: POST /metadata/plan {revertTo} plans the model of
// revision N against the live one; POST /metadata/revisions/N/revert applies exactly that plan
// (its hash, its base revision as If-Match, the destructive confirmation when it drops anything).
import type { MetadataBundle } from '@tessera/metadata';
import { useCallback, useRef, useState } from 'react';
import type { AppliedMetadataChange, MetadataPlan } from '../../api/metadata-change-types.ts';
import { toApiError, useSession } from '../../shell/session.tsx';
import type { ChangeState, MetadataChangeFlow, ProposedChange } from '../change/use-metadata-change.ts';

/** A revert sends no document (the server rebuilds revision N's); the review only shows the plan. */
const NO_DOCUMENT: MetadataBundle = { objects: [] };

const STALE_CODES = new Set(['TSR213', 'TSR218']);

export function revertChange(title: string): ProposedChange {
  return { title, build: () => NO_DOCUMENT };
}

export function useRevertChange(revertTo: number, onApplied: () => void): MetadataChangeFlow {
  const { client, reloadMetadata } = useSession();
  const [state, setState] = useState<ChangeState>({ phase: 'idle' });
  const generation = useRef(0);

  const plan = useCallback(
    async (change: ProposedChange) => {
      const mine = ++generation.current;
      setState({ phase: 'planning', change });
      try {
        const planned = await client.request<MetadataPlan>('POST', '/metadata/plan', { revertTo });
        if (mine === generation.current) setState({ phase: 'review', change, document: NO_DOCUMENT, plan: planned });
      } catch (error) {
        if (mine === generation.current) setState({ phase: 'refused', change, error: toApiError(error) });
      }
    },
    [client, revertTo],
  );

  const apply = useCallback(async () => {
    if (state.phase !== 'review' && state.phase !== 'failed') return;
    const { change, plan: reviewed } = state;
    const mine = ++generation.current;
    const planned = { change, document: NO_DOCUMENT, plan: reviewed };
    setState({ phase: 'applying', ...planned });
    try {
      const applied = await client.request<AppliedMetadataChange>(
        'POST',
        `/metadata/revisions/${revertTo}/revert`,
        { planHash: reviewed.planHash, ...(reviewed.destructive ? { allowDestructive: true } : {}) },
        { 'if-match': `"${reviewed.baseRevision}"` },
      );
      if (mine !== generation.current) return;
      setState({ phase: 'done', ...planned, revision: applied.revision });
      reloadMetadata();
      onApplied();
    } catch (caught) {
      if (mine !== generation.current) return;
      const error = toApiError(caught);
      if (STALE_CODES.has(error.problem.code ?? '')) {
        const latest = (error.problem as { revision?: unknown }).revision;
        setState({ phase: 'stale', ...planned, latest: typeof latest === 'number' ? latest : undefined });
      } else {
        setState({ phase: 'failed', ...planned, error });
      }
    }
  }, [client, revertTo, reloadMetadata, onApplied, state]);

  const reset = useCallback(() => {
    generation.current++;
    setState({ phase: 'idle' });
  }, []);

  return { state, plan, apply, reset };
}
