// The buttons under every Setup editor: Review changes (plan), Cancel, and, for something that
// exists already, its removal (planned too). Held back while a plan is being made.
import { useSetupMessages } from '../use-setup-messages.ts';
import type { MetadataChangeFlow } from './use-metadata-change.ts';

export function EditorActions(props: {
  flow: MetadataChangeFlow;
  onReview: () => void;
  onCancel: () => void;
  remove?: { label: string; onRemove: () => void };
}) {
  const text = useSetupMessages();
  const planning = props.flow.state.phase === 'planning';
  return (
    <div className="form-actions">
      <button type="button" onClick={props.onReview} disabled={planning}>
        {text.reviewChanges}
      </button>
      <button type="button" className="secondary" onClick={props.onCancel}>
        {text.cancel}
      </button>
      {props.remove ? (
        <button type="button" className="danger push-right" disabled={planning} onClick={props.remove.onRemove}>
          {props.remove.label}
        </button>
      ) : null}
    </div>
  );
}
