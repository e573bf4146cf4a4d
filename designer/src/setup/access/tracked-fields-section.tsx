// Tracked fields: pick an object, tick the fields whose changes the record history keeps, save
// (PUT /audit/tracked-fields/:object). A field the server cannot track shows its reason.
import { useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { SelectControl } from '../form-controls.tsx';
import { useAccessMessages } from './access-messages.ts';
import { useSecurityApi } from './security-api.ts';
import { SubmitProblem, useSubmit } from './use-submit.tsx';

export function TrackedFieldsSection(props: { tracked: ReadonlyMap<string, string[]>; objects: readonly ObjectDefinition[]; onChanged: () => void }) {
  const text = useAccessMessages();
  const { language } = useSession();
  const [objectName, setObjectName] = useState(props.objects[0]?.apiName ?? '');
  const object = props.objects.find((candidate) => candidate.apiName === objectName);
  return (
    <section aria-labelledby="tracked-fields-title">
      <h3 id="tracked-fields-title">{text.trackedFields}</h3>
      <p className="hint">{text.trackedFieldsHint}</p>
      <SelectControl
        label={text.object}
        value={objectName}
        onChange={setObjectName}
        options={props.objects.map((candidate) => ({ value: candidate.apiName, label: pickLabel(candidate.labels, language, candidate.apiName) }))}
      />
      {object ? (
        <TrackedFields
          key={`${object.apiName}:${(props.tracked.get(object.apiName) ?? []).join(',')}`}
          object={object}
          initial={props.tracked.get(object.apiName) ?? []}
          onChanged={props.onChanged}
        />
      ) : null}
    </section>
  );
}

function TrackedFields(props: { object: ObjectDefinition; initial: string[]; onChanged: () => void }) {
  const text = useAccessMessages();
  const securityApi = useSecurityApi();
  const { language } = useSession();
  const [fields, setFields] = useState(props.initial);
  const submit = useSubmit([]);
  const toggle = (field: string, on: boolean) => setFields(on ? [...fields, field] : fields.filter((name) => name !== field));
  const save = async () => {
    if (await submit.submit(() => securityApi.setTrackedFields(props.object.apiName, fields))) props.onChanged();
  };
  return (
    <div data-testid="tracked-fields">
      <div className="tracked-fields">
        {props.object.fields.map((field) => (
          <label key={field.apiName} className="check">
            <input type="checkbox" checked={fields.includes(field.apiName)} onChange={(event) => toggle(field.apiName, event.target.checked)} />{' '}
            {pickLabel(field.labels, language, field.apiName)}
          </label>
        ))}
      </div>
      <SubmitProblem submit={submit} />
      <div className="form-actions">
        <button type="button" disabled={submit.busy} onClick={save}>
          {submit.busy ? text.saving : text.save}
        </button>
      </div>
    </div>
  );
}
