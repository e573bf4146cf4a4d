// A change with nothing to fill in (drop or restore an object): planned as the drawer opens, so the
// first thing the admin sees is its review.
import { useEffect } from 'react';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { type ProposedChange, useMetadataChange } from '../change/use-metadata-change.ts';

export function PlannedChangeDrawer(props: { title: string; hint?: string; change: ProposedChange; onClose: () => void; testId?: string }) {
  const flow = useMetadataChange();
  const { plan } = flow;
  const { change } = props;
  // biome-ignore lint/correctness/useExhaustiveDependencies: planned once, when the drawer opens.
  useEffect(() => {
    plan(change);
  }, []);
  return (
    <ChangeDrawer
      title={props.title}
      flow={flow}
      onClose={props.onClose}
      testId={props.testId}
      intro={props.hint ? <p className="hint">{props.hint}</p> : null}
    />
  );
}
