// What a mass action did: counts, related records that followed a transfer, and each failed record
// by name with the server's reason (in the user's language: the client sends Accept-Language).
import type { RecordData } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import type { MassOutcome } from './list-api.ts';
import { fill, massMessagesFor } from './mass-messages.ts';

export function MassResult(props: { outcome: MassOutcome; records: readonly RecordData[]; ids: readonly string[]; onClose: () => void }) {
  const { language, metadata } = useSession();
  const words = massMessagesFor(language);
  const { outcome } = props;
  const objects = metadata.status === 'ready' ? metadata.metadata.objects : [];
  const nameOf = (index: number) => {
    const id = props.ids[index];
    const record = props.records.find((each) => each.id === id);
    return String(record?.name ?? id ?? `#${index + 1}`);
  };
  const failures = outcome.results.filter((result) => result.status === 'failed');
  const done =
    outcome.action === 'delete' ? fill(words.resultDeleted, { count: outcome.counts.deleted }) : fill(words.resultUpdated, { count: outcome.counts.updated });
  return (
    <div className={failures.length > 0 ? 'mass-result problem' : 'mass-result notice'} role="status" data-testid="mass-result">
      <span>{done}</span>
      {outcome.related.map((related) => {
        const object = objects.find((each) => each.apiName === related.object);
        const name = object ? pickLabel(object.labels, language, object.apiName) : related.object;
        return <span key={`${related.object}.${related.field}`}> · {fill(words.resultRelated, { count: related.counts.updated, object: name })}</span>;
      })}
      {failures.length > 0 ? <span> · {fill(words.resultFailed, { count: failures.length })}</span> : null}
      {failures.length > 0 ? (
        <ul>
          {failures.slice(0, 20).map((failure) => (
            <li key={failure.index}>
              {fill(words.failedRecord, { name: nameOf(failure.index), reason: failure.errors.map((error) => error.message).join('; ') })}
            </li>
          ))}
        </ul>
      ) : null}
      <button type="button" className="link-button" onClick={props.onClose}>
        {words.close}
      </button>
    </div>
  );
}
