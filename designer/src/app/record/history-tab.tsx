// The History tab: tracked field changes, newest first (GET …/history): who, when, the field's
// label, old → new formatted like the details (lookups by name: the targets are read once, by id;
// owners by the names the API resolves).
import { useEffect, useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { type Language, pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { usePersonLabels } from '../people/use-people.ts';
import { formatInstant, formatValue, recordName } from './format-value.ts';
import { type HistoryEntry, type HistoryUser, useRecordApi } from './record-api.ts';
import { recordMessagesFor } from './record-messages.ts';

export function HistoryTab(props: { object: ObjectDefinition; entries: HistoryEntry[]; objects: readonly ObjectDefinition[] }) {
  const { object, entries, objects } = props;
  const { language } = useSession();
  const text = recordMessagesFor(language);
  const names = useLookupNames(object, entries, objects);
  const person = usePersonLabels(entries.map((entry) => entry.actorId));
  if (entries.length === 0) return <p className="muted">{text.noHistory}</p>;
  const show = (entry: HistoryEntry, value: unknown, user: HistoryUser | null | undefined): string => {
    if (user !== undefined) return user ? user.name || user.email || user.id : '';
    const field = object.fields.find((candidate) => candidate.apiName === entry.field);
    if (!field) return value === null || value === undefined ? '' : String(value);
    if (field.type === 'lookup' && typeof value === 'string') return names.get(value) ?? value;
    return formatValue(field, value, language, objects).text;
  };
  return (
    <div className="related-scroll">
      <table className="history-table" data-testid="history-table">
        <thead>
          <tr>
            <th>{text.changedAt}</th>
            <th>{text.changedBy}</th>
            <th>{text.field}</th>
            <th>{text.change}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-field={entry.field}>
              <td>{formatInstant(entry.at, language)}</td>
              <td>{person(entry.actor, entry.actorId)}</td>
              <td>{fieldLabel(object, entry.field, language, text.owner)}</td>
              <td>
                {entry.operation === 'create' || entry.operation === 'insert' ? (
                  <span>
                    {text.created}: {show(entry, entry.newValue, entry.newUser) || text.empty}
                  </span>
                ) : (
                  <span>
                    <span className="old-value">{show(entry, entry.oldValue, entry.oldUser) || text.empty}</span> →{' '}
                    <strong className="new-value">{show(entry, entry.newValue, entry.newUser) || text.empty}</strong>
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function fieldLabel(object: ObjectDefinition, name: string, language: Language, ownerLabel: string): string {
  if (name === 'owner_id') return ownerLabel;
  return pickLabel(object.fields.find((field) => field.apiName === name)?.labels, language, name);
}

/** Names of the records that lookup values in the history point at (read in parallel, once per entry list). */
function useLookupNames(object: ObjectDefinition, entries: HistoryEntry[], objects: readonly ObjectDefinition[]): Map<string, string> {
  const [names, setNames] = useState(() => new Map<string, string>());
  const api = useRecordApi();
  useEffect(() => {
    let current = true;
    const wanted = new Map<string, string>();
    for (const entry of entries) {
      const field = object.fields.find((candidate) => candidate.apiName === entry.field && candidate.type === 'lookup');
      if (!field?.target) continue;
      for (const value of [entry.oldValue, entry.newValue]) if (typeof value === 'string') wanted.set(value, field.target);
    }
    void Promise.all(
      [...wanted].map(async ([id, target]) => {
        const record = await api.record(target, id, []).catch(() => null);
        return [
          id,
          record
            ? recordName(
                objects.find((candidate) => candidate.apiName === target),
                record,
              )
            : id,
        ] as const;
      }),
    ).then((pairs) => current && setNames(new Map(pairs)));
    return () => {
      current = false;
    };
  }, [api, object, entries, objects]);
  return names;
}
