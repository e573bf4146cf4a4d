// An editor in a drawer, then its plan: the form stays mounted (hidden) during the review, so
// "back to editing" and a refused plan keep everything the admin typed.
import type { ReactNode } from 'react';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { Drawer } from '../drawer.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';
import { ChangeReview } from './change-review.tsx';
import type { MetadataChangeFlow } from './use-metadata-change.ts';

/** `children`: the editor's form (none: a change without one, such as a drop); `intro`: shown throughout. */
export function ChangeDrawer(props: {
  title: string;
  flow: MetadataChangeFlow;
  onClose: () => void;
  children?: ReactNode;
  intro?: ReactNode;
  testId?: string;
}) {
  const text = useSetupMessages();
  const { state, reset } = props.flow;
  const reviewing = state.phase !== 'idle' && state.phase !== 'planning' && state.phase !== 'refused';
  return (
    <Drawer title={props.title} onClose={props.onClose} testId={props.testId}>
      {props.intro}
      {state.phase === 'planning' ? (
        <p role="status" className="muted">
          {text.planning}
        </p>
      ) : null}
      {state.phase === 'refused' ? (
        <div data-testid="plan-refused">
          <p className="muted">{text.refused}</p>
          <ProblemBanner error={state.error} />
          {props.children ? null : (
            <div className="form-actions">
              <button type="button" className="secondary" onClick={props.onClose}>
                {text.close}
              </button>
            </div>
          )}
        </div>
      ) : null}
      {props.children ? <div hidden={reviewing}>{props.children}</div> : null}
      {reviewing ? <ChangeReview flow={props.flow} onBack={props.children ? reset : undefined} onClose={props.onClose} /> : null}
    </Drawer>
  );
}
