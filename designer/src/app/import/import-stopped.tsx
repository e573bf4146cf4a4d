// An import that stopped for another reason than its rows' errors: interrupted by a restart, never
// started, or cut off (the database went away). Nothing was written, so the message says so, and
// "Run again" re-runs the server's kept copy of the same file with the same mapping and options.
import { fill } from '../record/record-messages.ts';
import type { ImportState } from './import-api.ts';
import type { ImportMessages } from './import-messages.ts';

export function stoppedMessage(state: Pick<ImportState, 'failure' | 'interrupted' | 'canRerun'>, text: ImportMessages): string {
  if (!state.canRerun && state.interrupted) return text.noFile;
  if (state.interrupted) return text.interrupted;
  return fill(text.stopped, { reason: state.failure ?? '' });
}

export function ImportStopped(props: { state: ImportState; text: ImportMessages; busy: boolean; onRerun: () => void }) {
  const { state, text, busy, onRerun } = props;
  return (
    <section className="card import-stopped" role="alert" aria-label={text.interruptedTitle}>
      <h3>{text.interruptedTitle}</h3>
      <p>{stoppedMessage(state, text)}</p>
      {state.canRerun ? (
        <button type="button" className="primary" disabled={busy} onClick={onRerun}>
          {text.rerun}
        </button>
      ) : null}
    </section>
  );
}
