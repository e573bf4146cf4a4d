// App → one record on its generated form: `/app/:object/new` creates (pick a record type first
// when the object has several), `/app/:object/:id` edits with the record's own record type.
import { useEffect, useState } from 'react';
import type { ApiError, ObjectDefinition, RecordData, ServedForm } from '../api/index.ts';
import { GeneratedForm } from '../forms/generated-form.tsx';
import { pickLabel } from '../i18n/language.ts';
import { Link } from '../shell/link.tsx';
import { ProblemBanner } from '../shell/problem-banner.tsx';
import { navigate } from '../shell/router.ts';
import { toApiError, useSession } from '../shell/session.tsx';

export function RecordPage(props: { objectApiName: string; recordId: string }) {
  const { metadata, messages } = useSession();
  if (metadata.status === 'loading') return <p className="muted">{messages.loading}</p>;
  if (metadata.status === 'failed') return <ProblemBanner error={metadata.error} />;
  const object = metadata.metadata.objects.find((candidate) => candidate.apiName === props.objectApiName);
  if (!object) return <p className="muted">{messages.noObjects}</p>;
  return <RecordEditor key={`${object.apiName}/${props.recordId}`} object={object} recordId={props.recordId === 'new' ? null : props.recordId} />;
}

function RecordEditor(props: { object: ObjectDefinition; recordId: string | null }) {
  const { object, recordId } = props;
  const { client, language, messages } = useSession();
  const activeTypes = (object.recordTypes ?? []).filter((recordType) => recordType.active);
  const [recordType, setRecordType] = useState(
    () => new URLSearchParams(window.location.search).get('recordType') ?? activeTypes.find((type) => type.default)?.apiName,
  );
  const [stored, setStored] = useState<RecordData | null>(null);
  const [form, setForm] = useState<ServedForm | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(() => (new URLSearchParams(window.location.search).has('created') ? messages.created : null));
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` reloads after a save.
  useEffect(() => {
    let current = true;
    setForm(null);
    const load = async () => {
      const record = recordId ? await client.getRecord(object.apiName, recordId) : null;
      const type = record ? (typeof record.record_type === 'string' ? record.record_type : undefined) : recordType;
      const loaded = await client.getForm(object.apiName, { mode: record ? 'edit' : 'create', lang: language, ...(type ? { recordType: type } : {}) });
      if (!current) return;
      setStored(record);
      setForm(loaded);
      setError(null);
    };
    load().catch((caught: unknown) => current && setError(toApiError(caught)));
    return () => {
      current = false;
    };
  }, [client, object.apiName, recordId, recordType, language, generation]);

  const title = pickLabel(object.labels, language, object.apiName);
  return (
    <div className="record-page">
      <p>
        <Link to={`/app/${encodeURIComponent(object.apiName)}`}>← {pickLabel(object.pluralLabels ?? object.labels, language, object.apiName)}</Link>
      </p>
      <h2>{recordId ? `${title} · ${messages.editRecord}` : `${messages.newRecord} · ${title}`}</h2>
      {!recordId && activeTypes.length > 1 ? (
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
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? <ProblemBanner error={error} /> : null}
      {form ? (
        <GeneratedForm
          key={`${form.recordType}/${stored?.version ?? 'new'}`}
          form={form}
          stored={stored}
          onCancel={() => navigate(`/app/${encodeURIComponent(object.apiName)}`)}
          onSaved={(saved) => {
            setNotice(recordId ? messages.saved : messages.created);
            if (recordId) setGeneration((value) => value + 1);
            else navigate(`/app/${encodeURIComponent(object.apiName)}/${encodeURIComponent(saved.id)}?created`);
          }}
        />
      ) : error ? null : (
        <p className="muted">{messages.loading}</p>
      )}
    </div>
  );
}
