// Revert to a revision: planned as the drawer opens, then the same review as every Setup change.
import { useEffect } from 'react';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { fillIn } from '../setup-messages.ts';
import { useRevisionsMessages } from './revisions-messages.ts';
import { revertChange, useRevertChange } from './use-revert-change.ts';

export function RevertDrawer(props: { revision: number; onApplied: () => void; onClose: () => void }) {
  const text = useRevisionsMessages();
  const title = fillIn(text.revertTitle, { revision: props.revision });
  const flow = useRevertChange(props.revision, props.onApplied);
  const { plan } = flow;
  // biome-ignore lint/correctness/useExhaustiveDependencies: planned once, when the drawer opens.
  useEffect(() => {
    plan(revertChange(title));
  }, []);
  return (
    <ChangeDrawer
      title={title}
      flow={flow}
      onClose={props.onClose}
      testId="revert-drawer"
      intro={<p className="hint">{fillIn(text.revertHint, { revision: props.revision })}</p>}
    />
  );
}
