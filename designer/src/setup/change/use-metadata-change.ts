// One metadata change through plan → review → apply, for every Setup editor. The edit is a
// function of the object's latest definition, so planning again after someone else applied (a
// stale base revision) rebuilds it on theirs: neither their change nor the admin's edit is lost.
// Nothing applies without a plan the admin saw: apply quotes its base revision and hash.
import type { MetadataBundle, ObjectDef } from '@tessera/metadata';
import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import type { MetadataPlan } from '../../api/metadata-change-types.ts';
import { toApiError, useSession } from '../../shell/session.tsx';

export type ChangeDocument = ObjectDef | MetadataBundle;

export interface ProposedChange {
  /** What the review is titled, in the UI language. */
  title: string;
  /** The live object the edit starts from (read fresh as a definition); none for a new object. */
  object?: string;
  build: (current: ObjectDef | undefined) => ChangeDocument;
}

type Planned = { change: ProposedChange; document: ChangeDocument; plan: MetadataPlan };

export type ChangeState =
  | { phase: 'idle' }
  | { phase: 'planning'; change: ProposedChange }
  | { phase: 'refused'; change: ProposedChange; error: ApiError }
  | ({ phase: 'review' } & Planned)
  | ({ phase: 'applying' } & Planned)
  | ({ phase: 'failed'; error: ApiError } & Planned)
  | ({ phase: 'stale'; latest: number | undefined } & Planned)
  | ({ phase: 'done'; revision: number } & Planned);

/** 409s that mean "the live metadata moved on since this plan": plan again, do not just retry. */
const STALE_CODES = new Set(['TSR213', 'TSR218']);

export function useMetadataChange() {
  const { client, reloadMetadata } = useSession();
  const [state, setState] = useState<ChangeState>({ phase: 'idle' });
  // The newest request wins: a slow plan answering after a newer one must not show.
  const generation = useRef(0);

  const plan = useCallback(
    async (change: ProposedChange) => {
      const mine = ++generation.current;
      setState({ phase: 'planning', change });
      try {
        const current = change.object === undefined ? undefined : await client.getObjectDefinition(change.object);
        const document = change.build(current);
        const planned = await client.planMetadataChange({ definition: document });
        if (mine === generation.current) setState({ phase: 'review', change, document, plan: planned });
      } catch (error) {
        if (mine === generation.current) setState({ phase: 'refused', change, error: toApiError(error) });
      }
    },
    [client],
  );

  const apply = useCallback(async () => {
    if (state.phase !== 'review' && state.phase !== 'failed') return;
    const { change, document, plan: reviewed } = state;
    const mine = ++generation.current;
    setState({ phase: 'applying', change, document, plan: reviewed });
    try {
      const applied = await client.applyMetadataChange(
        { definition: document, planHash: reviewed.planHash, ...(reviewed.destructive ? { allowDestructive: true } : {}) },
        reviewed.baseRevision,
      );
      if (mine !== generation.current) return;
      setState({ phase: 'done', change, document, plan: reviewed, revision: applied.revision });
      reloadMetadata();
    } catch (caught) {
      if (mine !== generation.current) return;
      const error = toApiError(caught);
      if (STALE_CODES.has(error.problem.code ?? '')) {
        const latest = (error.problem as { revision?: unknown }).revision;
        setState({ phase: 'stale', change, document, plan: reviewed, latest: typeof latest === 'number' ? latest : undefined });
        reloadMetadata();
      } else {
        setState({ phase: 'failed', change, document, plan: reviewed, error });
      }
    }
  }, [client, reloadMetadata, state]);

  const reset = useCallback(() => {
    generation.current++;
    setState({ phase: 'idle' });
  }, []);

  return { state, plan, apply, reset };
}

export type MetadataChangeFlow = ReturnType<typeof useMetadataChange>;
