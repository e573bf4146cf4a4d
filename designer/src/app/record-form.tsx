// "New record": a form generated from the object's fields. It POSTs what was entered and puts
// each problem+json error next to the field its path names; errors without a field go on top.
import { type FormEvent, useState } from 'react';
import type { ApiError, ObjectDefinition, RecordData } from '../api/index.ts';
import { pickLabel } from '../i18n/language.ts';
import { toApiError, useSession } from '../shell/session.tsx';
import { FieldInput } from './field-input.tsx';
import { type Draft, emptyDraft, isWritable, toRequestBody } from './field-values.ts';

export function RecordForm(props: { object: ObjectDefinition; onCreated: (record: RecordData) => void; onCancel: () => void }) {
  const { object } = props;
  const { client, language, messages } = useSession();
  const fields = object.fields.filter(isWritable);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(object.fields));
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldErrors = error?.fieldErrors() ?? new Map<string, string[]>();
  const formFields = new Set(fields.map((field) => field.apiName));
  const unplaced = [...fieldErrors].filter(([field]) => !formFields.has(field)).flatMap(([, texts]) => texts);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const created = await client.createRecord(object.apiName, toRequestBody(object.fields, draft));
      setError(null);
      setDraft(emptyDraft(object.fields));
      props.onCreated(created);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    // noValidate: the server decides what is valid, and its errors are the ones we show.
    <form className="card record-form" onSubmit={onSubmit} noValidate data-testid="record-form">
      <h3>
        {messages.newRecord} · {pickLabel(object.labels, language, object.apiName)}
      </h3>
      {error ? (
        <div className="problem" role="alert" data-testid="form-problem">
          <strong>{error.problem.title}</strong>
          {error.problem.detail ? <span> — {error.problem.detail}</span> : null}
          {error.problem.code ? <code className="problem-code">{error.problem.code}</code> : null}
          {unplaced.length ? (
            <ul>
              {unplaced.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {fields.map((field) => {
        const messagesForField = fieldErrors.get(field.apiName);
        const errorId = messagesForField ? `error-${field.apiName}` : undefined;
        return (
          <div key={field.apiName} className={`form-row${messagesForField ? ' has-error' : ''}`} data-field={field.apiName}>
            <label htmlFor={`field-${field.apiName}`}>
              {pickLabel(field.labels, language, field.apiName)}
              {field.required ? <span className="required-mark"> *</span> : null}
            </label>
            <FieldInput
              field={field}
              value={draft[field.apiName] ?? ''}
              language={language}
              invalid={Boolean(messagesForField)}
              describedBy={errorId}
              onChange={(value) => setDraft((current) => ({ ...current, [field.apiName]: value }))}
            />
            {messagesForField ? (
              <div className="field-error" id={errorId} data-testid={`error-${field.apiName}`}>
                {messagesForField.join(' ')}
              </div>
            ) : null}
          </div>
        );
      })}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? messages.saving : messages.save}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {messages.cancel}
        </button>
      </div>
    </form>
  );
}
