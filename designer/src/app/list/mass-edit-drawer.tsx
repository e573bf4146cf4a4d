// Mass edit: pick one field the user may edit (from the object's edit form, so layout read-only
// and field security already apply), give it a value with the same widget and validation as the
// generated form, and apply it to every chosen record through POST /records/mass.
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import { useEffect, useMemo, useState } from 'react';
import type { ApiError, ObjectDefinition, ServedForm } from '../../api/index.ts';
import { DEFAULT_FORM_STATE } from '../../forms/default-form-state.ts';
import { localiseErrors } from '../../forms/error-messages.ts';
import { formValidator } from '../../forms/form-validator.ts';
import { FORM_FIELDS, FORM_WIDGETS } from '../../forms/form-widgets.ts';
import { pickLabel } from '../../i18n/language.ts';
import { Drawer } from '../../setup/drawer.tsx';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import type { ListApi, MassOutcome, MassSelection } from './list-api.ts';
import { fill, massMessagesFor } from './mass-messages.ts';

type Values = Record<string, unknown>;

export function MassEditDrawer(props: {
  object: ObjectDefinition;
  api: ListApi;
  selection: MassSelection;
  count: number;
  onDone: (outcome: MassOutcome) => void;
  onClose: () => void;
}) {
  const { client, language, messages } = useSession();
  const words = massMessagesFor(language);
  const [form, setForm] = useState<ServedForm | null>(null);
  const [field, setField] = useState('');
  const [values, setValues] = useState<Values>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    client.getForm(props.object.apiName, { mode: 'edit', lang: language }).then(
      (loaded) => current && setForm(loaded),
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [client, props.object.apiName, language]);

  const properties = (form?.schema.properties ?? {}) as Record<string, RJSFSchema>;
  // Fields this user may set on every record: the edit form's properties less what it shows read-only.
  const editable = props.object.fields.filter((each) => each.apiName in properties && !form?.readOnlyFields.includes(each.apiName));
  const schema = useMemo<RJSFSchema>(
    () => (field ? { type: 'object', properties: { [field]: properties[field] as RJSFSchema } } : { type: 'object' }),
    [field, properties],
  );
  const uiSchema = field && form ? { [field]: (form.uiSchema as Values)[field] ?? {} } : {};

  const apply = (data: Values) => {
    setBusy(true);
    setError(null);
    props.api.mass({ action: 'update', values: { [field]: data[field] ?? null }, ...props.selection }).then(props.onDone, (caught: unknown) => {
      setBusy(false);
      setError(toApiError(caught));
    });
  };

  return (
    <Drawer title={fill(words.editTitle, { count: props.count })} onClose={props.onClose} testId="mass-edit">
      {error ? <ProblemBanner error={error} /> : null}
      {form === null && !error ? <p className="muted">{messages.loading}</p> : null}
      {form ? (
        <label className="field">
          {words.field}
          <select
            value={field}
            onChange={(event) => {
              setField(event.target.value);
              setValues({});
            }}
          >
            <option value="">{words.chooseField}</option>
            {editable.map((each) => (
              <option key={each.apiName} value={each.apiName}>
                {pickLabel(each.labels, language, each.apiName)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {form && field ? (
        <Form
          key={field}
          schema={schema}
          uiSchema={uiSchema}
          formData={values}
          validator={formValidator}
          experimental_defaultFormStateBehavior={DEFAULT_FORM_STATE}
          widgets={FORM_WIDGETS}
          fields={FORM_FIELDS}
          transformErrors={localiseErrors(language)}
          showErrorList={false}
          noHtml5Validate
          onChange={(event) => setValues((event.formData ?? {}) as Values)}
          onSubmit={(event) => apply((event.formData ?? {}) as Values)}
        >
          <div className="form-actions">
            <button type="submit" disabled={busy}>
              {busy ? words.working : words.apply}
            </button>
            <button type="button" className="secondary" onClick={props.onClose}>
              {words.cancel}
            </button>
          </div>
        </Form>
      ) : null}
    </Drawer>
  );
}
