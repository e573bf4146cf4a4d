// What the layout and record type editors share: the object's live definition read fresh (the
// edit starts from it), a draft made from it, and the metamodel's problems of the would-be
// document — plus a refused plan's — made relative to the edited entry so its controls claim them.
import type { NormalisedObject, ObjectDef } from '@tessera/metadata';
import { useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { toApiError, useSession } from '../../shell/session.tsx';
import type { ChangeState } from '../change/use-metadata-change.ts';
import { type PathProblem, problemsOf, validateDraft } from '../problems.ts';
import { relativeTo } from './relative-problems.ts';

export function useObjectDraft<D>(objectName: string, entry: string | undefined, draftOf: (definition: ObjectDef) => D) {
  const { client } = useSession();
  const [base, setBase] = useState<ObjectDef | ApiError | undefined>(undefined);
  const [draft, setDraft] = useState<D | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: read once per object and entry; draftOf is a fresh closure each render.
  useEffect(() => {
    let current = true;
    client.getObjectDefinition(objectName).then(
      (definition) => {
        if (!current) return;
        setBase(definition);
        setDraft(draftOf(definition));
      },
      (error: unknown) => current && setBase(toApiError(error)),
    );
    return () => {
      current = false;
    };
  }, [client, objectName, entry]);
  return { base, draft, setDraft };
}

/** The problems of `document` (local: the metamodel's; server: a refused plan's), under `prefix` made relative. */
export function useDocumentProblems(document: ObjectDef | undefined, prefix: string, state: ChangeState): { local: PathProblem[]; server: PathProblem[] } {
  const { language, metadata } = useSession();
  const liveObjects = (metadata.status === 'ready' ? metadata.metadata.objects : []) as unknown as NormalisedObject[];
  return useMemo(() => {
    if (!document) return { local: [], server: [] };
    const local = validateDraft(document, liveObjects, language).map((problem) => relativeTo(problem, prefix));
    const server = state.phase === 'refused' ? problemsOf(state.error).map((problem) => relativeTo(problem, prefix)) : [];
    return { local, server };
  }, [document, prefix, liveObjects, state, language]);
}
