// Change owner: pick the new owner (the people picker of user fields) and, optionally, the related
// objects whose records follow (those pointing at a chosen record through a lookup; a related
// record follows only when the chosen record's previous owner also owns it: the server decides).
import { useState } from 'react';
import type { ApiError, ObjectDefinition } from '../../api/index.ts';
import { PersonPicker } from '../../forms/user-widget.tsx';
import { pickLabel } from '../../i18n/language.ts';
import { Drawer } from '../../setup/drawer.tsx';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import type { ListApi, MassOutcome, MassSelection } from './list-api.ts';
import { fill, massMessagesFor } from './mass-messages.ts';
import { relatedLookups } from './related-lookups.ts';

export function MassTransferDrawer(props: {
  object: ObjectDefinition;
  api: ListApi;
  selection: MassSelection;
  count: number;
  onDone: (outcome: MassOutcome) => void;
  onClose: () => void;
}) {
  const { language, metadata } = useSession();
  const words = massMessagesFor(language);
  const [owner, setOwner] = useState<string | undefined>(undefined);
  const [follow, setFollow] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const objects = metadata.status === 'ready' ? metadata.metadata.objects : [];
  const related = relatedLookups(props.object.apiName, objects);
  const key = (entry: { object: string; field: string }) => `${entry.object}.${entry.field}`;

  const run = () => {
    if (!owner) return;
    setBusy(true);
    setError(null);
    const chosen = related.filter((entry) => follow.has(key(entry))).map((entry) => ({ object: entry.object, field: entry.field }));
    props.api.mass({ action: 'transfer', owner, related: chosen, ...props.selection }).then(props.onDone, (caught: unknown) => {
      setBusy(false);
      setError(toApiError(caught));
    });
  };

  return (
    <Drawer title={fill(words.transferTitle, { count: props.count })} onClose={props.onClose} testId="mass-transfer">
      {error ? <ProblemBanner error={error} /> : null}
      <div className="field">
        <label htmlFor="mass-owner">{words.newOwner}</label>
        <PersonPicker id="mass-owner" name="owner" value={owner} disabled={busy} onChange={setOwner} />
      </div>
      {related.length > 0 ? (
        <fieldset className="mass-related">
          <legend>{words.alsoTransfer}</legend>
          {related.map((entry) => {
            const child = objects.find((each) => each.apiName === entry.object) as ObjectDefinition;
            const lookup = child.fields.find((each) => each.apiName === entry.field);
            return (
              <label key={key(entry)} className="inline">
                <input
                  type="checkbox"
                  checked={follow.has(key(entry))}
                  onChange={(event) =>
                    setFollow((previous) => {
                      const next = new Set(previous);
                      if (event.target.checked) next.add(key(entry));
                      else next.delete(key(entry));
                      return next;
                    })
                  }
                />{' '}
                {fill(words.relatedOption, {
                  object: pickLabel(child.pluralLabels ?? child.labels, language, child.apiName),
                  field: lookup ? pickLabel(lookup.labels, language, lookup.apiName) : entry.field,
                })}
              </label>
            );
          })}
        </fieldset>
      ) : null}
      <div className="form-actions">
        <button type="button" disabled={busy || !owner} onClick={run}>
          {busy ? words.working : words.apply}
        </button>
        <button type="button" className="secondary" onClick={props.onClose}>
          {words.cancel}
        </button>
      </div>
    </Drawer>
  );
}
