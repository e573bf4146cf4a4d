// What the pipeline and approval flow editors share: the object's latest definition (the base the
// edit starts from) and the metamodel's verdict on the would-be object, with every problem's
// pointer made relative to the edited item (`/pipelines/0/stages/2/value` → `/stages/2/value`) so
// the controls claim them; a refused plan's problems are mapped the same way.
import type { NormalisedObject, ObjectDef } from '@tessera/metadata';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import type { Language } from '../../i18n/language.ts';
import { toApiError, useSession } from '../../shell/session.tsx';
import type { ChangeState } from '../change/use-metadata-change.ts';
import { type PathProblem, problemsOf, validateDraft } from '../problems.ts';

const relative = (problem: PathProblem, prefix: string): PathProblem =>
  problem.path === prefix || problem.path.startsWith(`${prefix}/`) ? { ...problem, path: problem.path.slice(prefix.length) } : problem;

export function useObjectBase(objectName: string): ObjectDef | ApiError | undefined {
  const { client } = useSession();
  const [base, setBase] = useState<ObjectDef | ApiError | undefined>(undefined);
  useEffect(() => {
    let current = true;
    client.getObjectDefinition(objectName).then(
      (definition) => current && setBase(definition),
      (error: unknown) => current && setBase(toApiError(error)),
    );
    return () => {
      current = false;
    };
  }, [client, objectName]);
  return base;
}

export function useLiveObjects(): NormalisedObject[] {
  const { metadata } = useSession();
  return (metadata.status === 'ready' ? metadata.metadata.objects : []) as unknown as NormalisedObject[];
}

export function checkObjectDraft(document: ObjectDef, prefix: string, liveObjects: readonly NormalisedObject[], state: ChangeState, language: Language) {
  const local = validateDraft(document, liveObjects, language).map((problem) => relative(problem, prefix));
  const server = state.phase === 'refused' ? problemsOf(state.error).map((problem) => relative(problem, prefix)) : [];
  return { local, server };
}
