// The live preview beside the layout editor: the draft object (the live definition with the draft
// layout) normalised and built into a form by the same code the server serves GET /forms/:object
// with (buildFormSchema), rendered by @rjsf/core with the App's validator, widgets, section
// template and rule evaluation (hiddenFields / withoutHidden with the browser's json-logic). It
// never submits: values typed here only drive the visibility rules. 中文/English switch the form's
// labels as ?lang= does.
import Form from '@rjsf/core';
import type { RJSFSchema } from '@rjsf/utils';
import { buildFormSchema, type FormDefinition, formRecord, hiddenFields, normalise, type ObjectDef, withoutHidden } from '@tessera/metadata';
import { useMemo, useState } from 'react';
import type { Language } from '../../i18n/language.ts';
import { DEFAULT_FORM_STATE } from '../../forms/default-form-state.ts';
import { localiseErrors } from '../../forms/error-messages.ts';
import { formValidator } from '../../forms/form-validator.ts';
import { jsonLogic } from '../../forms/json-logic.ts';
import { FORM_FIELDS, FORM_WIDGETS } from '../../forms/form-widgets.ts';
import { SectionedObjectTemplate } from '../../forms/sectioned-object-template.tsx';
import { useSession } from '../../shell/session.tsx';
import { useLayoutMessages } from './layout-messages.ts';

type Values = Record<string, unknown>;

const TEMPLATES = { ObjectFieldTemplate: SectionedObjectTemplate };
const LANGUAGES: Language[] = ['zh', 'en'];

/** The form the server would serve for the draft, or undefined while the draft cannot make one. */
function draftForm(object: ObjectDef, layout: string, recordType: string, language: Language): FormDefinition | undefined {
  try {
    const built = buildFormSchema(normalise(object), { mode: 'create', language, layout, ...(recordType ? { recordType } : {}) });
    return built.ok ? built.value : undefined;
  } catch {
    // A half-typed draft the metamodel has not accepted yet: its problems show on the editor's controls.
    return undefined;
  }
}

/** The fields the draft's rules hide for `record` (none when a half-built rule cannot run yet). */
function hiddenOf(form: FormDefinition | undefined, record: Values): Set<string> {
  try {
    return form ? hiddenFields(form, record, jsonLogic) : new Set();
  } catch {
    return new Set();
  }
}

export function LayoutPreview(props: { object: ObjectDef | undefined; layout: string }) {
  const { language: uiLanguage } = useSession();
  const text = useLayoutMessages();
  const [language, setLanguage] = useState<Language>(uiLanguage);
  const [recordType, setRecordType] = useState('');
  const [formData, setFormData] = useState<Values>({});
  const form = useMemo(
    () => (props.object ? draftForm(props.object, props.layout, recordType, language) : undefined),
    [props.object, props.layout, recordType, language],
  );
  const record = form ? formRecord(form, formData) : {};
  const hidden = hiddenOf(form, record);
  const hiddenKey = [...hidden].sort().join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the hidden set is keyed by its contents.
  const visible = useMemo(() => (form ? withoutHidden(form, hidden) : undefined), [form, hiddenKey]);
  const recordTypes = props.object?.recordTypes ?? [];

  return (
    <aside className="layout-preview" aria-label={text.preview} data-testid="layout-preview" data-language={language}>
      <div className="preview-header">
        <h3>{text.preview}</h3>
        <fieldset aria-label={text.previewLanguage} className="segmented">
          {LANGUAGES.map((option) => (
            <button
              key={option}
              type="button"
              aria-pressed={language === option}
              className={language === option ? 'selected' : 'secondary'}
              onClick={() => setLanguage(option)}
            >
              {text.language[option]}
            </button>
          ))}
        </fieldset>
      </div>
      {recordTypes.length > 0 ? (
        <label className="control inline">
          {text.previewRecordType}{' '}
          <select value={recordType} onChange={(event) => setRecordType(event.target.value)}>
            <option value="">{text.noRecordType}</option>
            {recordTypes.map((entry) => (
              <option key={entry.apiName} value={entry.apiName}>
                {entry.labels[language] ?? entry.apiName}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <p className="hint">{text.previewHint}</p>
      {visible ? (
        <div className="card generated-form" data-testid="preview-form" data-hidden={hiddenKey}>
          <Form
            schema={visible.schema as RJSFSchema}
            uiSchema={visible.uiSchema}
            formData={formData}
            validator={formValidator}
            experimental_defaultFormStateBehavior={DEFAULT_FORM_STATE}
            widgets={FORM_WIDGETS}
            fields={FORM_FIELDS}
            templates={TEMPLATES}
            transformErrors={localiseErrors(language)}
            showErrorList={false}
            noHtml5Validate
            onChange={(event) => setFormData((event.formData ?? {}) as Values)}
            onSubmit={() => undefined}
          >
            {/* No submit button: a preview saves nothing. */}
            <span />
          </Form>
        </div>
      ) : (
        <p className="muted">{text.previewUnavailable}</p>
      )}
    </aside>
  );
}
