// What the pipeline editor and the approval flow designer share around their forms: the drawer
// that loads the object's latest definition first ("…", or the problem if it cannot be read), the
// notice and unclaimed problems above the form, and which condition builders hold text that does
// not parse (the review waits for them).
import type { ObjectDef } from '@tessera/metadata';
import { type ReactNode, useCallback, useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { type MetadataChangeFlow, useMetadataChange } from '../change/use-metadata-change.ts';
import type { PathProblem } from '../problems.ts';
import { UnclaimedProblems } from '../use-draft-problems.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';
import { useObjectBase } from './object-draft.ts';

/** What an item's form gets: the object, its latest definition and the change flow. */
export interface ItemFormProps {
  object: ObjectDefinition;
  base: ObjectDef;
  flow: MetadataChangeFlow;
  heading: string;
  onClose: () => void;
}

export function ItemDrawer(props: { object: ObjectDefinition; heading: string; onClose: () => void; form: (props: ItemFormProps) => ReactNode }) {
  const flow = useMetadataChange();
  const base = useObjectBase(props.object.apiName);
  if (base === undefined || base instanceof Error) {
    return (
      <ChangeDrawer title={props.heading} flow={flow} onClose={props.onClose}>
        {base instanceof Error ? <ProblemBanner error={base} /> : <p className="muted">…</p>}
      </ChangeDrawer>
    );
  }
  return props.form({ object: props.object, base, flow, heading: props.heading, onClose: props.onClose });
}

/** "Fix the highlighted fields first" once the admin asked for the review, and problems no control claims. */
export function FormProblems(props: { showAll: boolean; blocked: boolean; unclaimed: readonly PathProblem[] }) {
  const text = useSetupMessages();
  return (
    <>
      {props.showAll && props.blocked ? (
        <p className="problem" role="alert">
          {text.fixErrors}
        </p>
      ) : null}
      <UnclaimedProblems problems={props.unclaimed} />
    </>
  );
}

/** Which condition builders (by key) hold raw JSON that does not parse. */
export function useUnparsedCriteria() {
  const [unparsed, setUnparsed] = useState<ReadonlySet<string>>(new Set());
  const report = useCallback(
    (key: string, valid: boolean) =>
      setUnparsed((current) => {
        if (valid !== current.has(key)) return current;
        const next = new Set(current);
        if (valid) next.delete(key);
        else next.add(key);
        return next;
      }),
    [],
  );
  return { any: unparsed.size > 0, report };
}
