// Mass delete: a confirmation naming how many records go (soft delete: restorable), then one request.
import { useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { Drawer } from '../../setup/drawer.tsx';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import type { ListApi, MassOutcome, MassSelection } from './list-api.ts';
import { fill, massMessagesFor } from './mass-messages.ts';

export function MassDeleteDrawer(props: {
  api: ListApi;
  selection: MassSelection;
  count: number;
  onDone: (outcome: MassOutcome) => void;
  onClose: () => void;
}) {
  const { language } = useSession();
  const words = massMessagesFor(language);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = () => {
    setBusy(true);
    props.api.mass({ action: 'delete', ...props.selection }).then(props.onDone, (caught: unknown) => {
      setBusy(false);
      setError(toApiError(caught));
    });
  };
  return (
    <Drawer title={fill(words.deleteTitle, { count: props.count })} onClose={props.onClose} testId="mass-delete">
      <p>{words.deleteExplain}</p>
      {error ? <ProblemBanner error={error} /> : null}
      <div className="form-actions">
        <button type="button" className="danger" disabled={busy} onClick={run}>
          {busy ? words.working : words.confirmDelete}
        </button>
        <button type="button" className="secondary" onClick={props.onClose}>
          {words.cancel}
        </button>
      </div>
    </Drawer>
  );
}
