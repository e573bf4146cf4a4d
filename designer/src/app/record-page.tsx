// App → one record: `/app/:object/new` creates on the generated form (pick a record type first
// when the object has several; `?prefill={"account":"…"}` starts it with values, as a related
// list's "New" does), `/app/:object/:id` opens the record page (record/record-view.tsx).
import { useEffect, useState } from 'react';
import type { ApiError, ObjectDefinition, ServedForm } from '../api/index.ts';
import { GeneratedForm } from '../forms/generated-form.tsx';
import { pickLabel } from '../i18n/language.ts';
import { Link } from '../shell/link.tsx';
import { ProblemBanner } from '../shell/problem-banner.tsx';
import { navigate } from '../shell/router.ts';
import { toApiError, useSession } from '../shell/session.tsx';
import { RecordView } from './record/record-view.tsx';

export function RecordPage(props: { objectApiName: string; recordId: string }) {
  const { metadata, messages } = useSession();
  if (metadata.status === 'loading') return <p className="muted">{messages.loading}</p>;
  if (metadata.status === 'failed') return <ProblemBanner error={metadata.error} />;
  const object = metadata.metadata.objects.find((candidate) => candidate.apiName === props.objectApiName);
  if (!object) return <p className="muted">{messages.noObjects}</p>;
  if (props.recordId !== 'new')
    return <RecordView key={`${object.apiName}/${props.recordId}`} object={object} recordId={props.recordId} objects={metadata.metadata.objects} />;
  return <NewRecord key={object.apiName} object={object} />;
}

function NewRecord(props: { object: ObjectDefinition }) {
  const { object } = props;
  const { client, language, messages } = useSession();
  const activeTypes = (object.recordTypes ?? []).filter((recordType) => recordType.active);
  const [recordType, setRecordType] = useState(
    () => new URLSearchParams(window.location.search).get('recordType') ?? activeTypes.find((type) => type.default)?.apiName,
  );
  const [form, setForm] = useState<ServedForm | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [prefill] = useState(() => prefillOf(new URLSearchParams(window.location.search).get('prefill')));
  // A related list's "New" comes back to the parent record after saving or cancelling ("Log activity" to its timeline).
  const [back] = useState(() => new URLSearchParams(window.location.search).get('back')?.match(/^\/app\/[^/?#]+\/[^/?#]+(\?tab=timeline)?$/)?.[0]);

  useEffect(() => {
    let current = true;
    setForm(null);
    client.getForm(object.apiName, { mode: 'create', lang: language, ...(recordType ? { recordType } : {}) }).then(
      (loaded) => {
        if (!current) return;
        setForm(loaded);
        setError(null);
      },
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [client, object.apiName, recordType, language]);

  const list = `/app/${encodeURIComponent(object.apiName)}`;
  return (
    <div className="record-page">
      <p>
        <Link to={list}>← {pickLabel(object.pluralLabels ?? object.labels, language, object.apiName)}</Link>
      </p>
      <h2>{`${messages.newRecord} · ${pickLabel(object.labels, language, object.apiName)}`}</h2>
      {activeTypes.length > 1 ? (
        <div className="toolbar">
          <label htmlFor="record-type">{messages.recordType}</label>
          <select id="record-type" value={recordType} onChange={(event) => setRecordType(event.target.value)}>
            {activeTypes.map((type) => (
              <option key={type.apiName} value={type.apiName}>
                {pickLabel(type.labels, language, type.apiName)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {error ? <ProblemBanner error={error} /> : null}
      {form ? (
        <GeneratedForm
          key={form.recordType ?? 'new'}
          form={form}
          stored={null}
          prefill={prefill}
          onCancel={() => navigate(back ?? list)}
          onSaved={(saved) => navigate(back ?? `${list}/${encodeURIComponent(saved.id)}?created`)}
        />
      ) : error ? null : (
        <p className="muted">{messages.loading}</p>
      )}
    </div>
  );
}

/** `?prefill=` is a JSON object of field values; anything else starts the form empty. */
function prefillOf(raw: string | null): Record<string, unknown> | undefined {
  if (!raw) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
