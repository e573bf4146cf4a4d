// The field editor: a drawer with the common properties, the type's own (field-type-editors.tsx),
// and the metamodel's verdict on the would-be object as the admin types — the same
// validateDocument the server runs first — shown on the control each problem points at. A plan
// the server refuses shows its problems the same way; a clean draft goes to plan → review → apply.
import { FIELD_TYPES, type FieldType, fieldTypeSchema, type NormalisedObject, type ObjectDef } from '@tessera/metadata';
import { useEffect, useMemo, useRef, useState } from 'react';
import { pickLabel } from '../../i18n/language.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import type { ApiError } from '../../api/index.ts';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { EditorActions } from '../change/editor-actions.tsx';
import { useMetadataChange } from '../change/use-metadata-change.ts';
import { CheckControl, JsonControl, SelectControl, TextControl } from '../form-controls.tsx';
import { type PathProblem, problemsOf, validateDraft } from '../problems.ts';
import { UnclaimedProblems, useDraftProblems } from '../use-draft-problems.tsx';
import { LabelPair } from '../label-pair.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';
import { draftOf, type FieldDraft, fieldOf, fieldPosition, hasOwnIndex, type JsonProperty, withField, withoutField } from './field-draft.ts';
import { backfillValue, commonProperties, FIELD_TYPE_EDITORS } from './field-type-editors.tsx';

/**
 * Every pointer a control of this editor claims, relative to the field: each property of each
 * type's schema (setup-field-types.test.ts checks each has a control), and `#index`, the field's own index.
 */
const CONTROL_KEYS = [
  ...new Set(FIELD_TYPES.flatMap((type) => Object.keys((fieldTypeSchema(type).properties ?? {}) as object).map((property) => `/${property}`))),
  '#index',
];
const NOT_INDEXABLE: ReadonlySet<FieldType> = new Set(['multipicklist', 'formula']);
const hasValues = (type: FieldType) => type === 'picklist' || type === 'multipicklist';

/** A problem of the whole document → relative to the field when it is under it; the field's index → `#index`. */
function relative(problem: PathProblem, prefix: string, indexed: (path: string) => boolean): PathProblem {
  if (problem.path === prefix || problem.path.startsWith(`${prefix}/`)) return { ...problem, path: problem.path.slice(prefix.length) };
  if (indexed(problem.path)) return { ...problem, path: '#index' };
  return { ...problem, path: `#object${problem.path}` };
}

export function FieldEditor(props: { object: string; field?: string; onClose: () => void }) {
  const { client, language, metadata } = useSession();
  const text = useSetupMessages();
  const flow = useMetadataChange();
  const [base, setBase] = useState<ObjectDef | ApiError | undefined>(undefined);
  const [draft, setDraft] = useState<FieldDraft | undefined>(undefined);
  const form = useRef<HTMLDivElement>(null);
  const liveObjects = (metadata.status === 'ready' ? metadata.metadata.objects : []) as unknown as NormalisedObject[];

  useEffect(() => {
    let current = true;
    client.getObjectDefinition(props.object).then(
      (definition) => {
        if (!current) return;
        setBase(definition);
        const existing = definition.fields.find((field) => field.apiName === props.field);
        setDraft(
          existing
            ? draftOf(existing, hasOwnIndex(definition, existing.apiName))
            : { field: { type: 'text', apiName: '', labels: {} }, values: [], json: {}, indexed: false },
        );
      },
      (error: unknown) => current && setBase(toApiError(error)),
    );
    return () => {
      current = false;
    };
  }, [client, props.object, props.field]);

  const checked = useMemo(() => {
    if (!draft || !base || !('fields' in base)) return undefined;
    const field = fieldOf(draft, hasValues(draft.field.type));
    const document = withField(base, field, props.field, draft.indexed);
    const prefix = `/fields/${fieldPosition(base, props.field)}`;
    const ownIndex = (document.indexes ?? []).findIndex((index) => index.fields.length === 1 && index.fields[0] === field.apiName && !index.unique);
    const isOwnIndexPath = (path: string) => ownIndex >= 0 && (path === `/indexes/${ownIndex}` || path.startsWith(`/indexes/${ownIndex}/`));
    const local = validateDraft(document, liveObjects, language).map((problem) => relative(problem, prefix, isOwnIndexPath));
    const server = flow.state.phase === 'refused' ? problemsOf(flow.state.error).map((problem) => relative(problem, prefix, isOwnIndexPath)) : [];
    return { field, document, local, server };
  }, [draft, base, props.field, liveObjects, flow.state, language]);
  const shown = useDraftProblems(checked?.local ?? [], checked?.server ?? [], CONTROL_KEYS);

  const title = props.field
    ? `${text.editField} · ${pickLabel((draft?.field.labels ?? {}) as { en?: string; zh?: string }, language, props.field)}`
    : text.addField;
  if (base === undefined || (!(base instanceof Error) && !draft) || !checked) {
    return (
      <ChangeDrawer title={title} flow={flow} onClose={props.onClose}>
        {base instanceof Error ? <ProblemBanner error={base} /> : <p className="muted">…</p>}
      </ChangeDrawer>
    );
  }
  if (!draft) return null;

  // Problems show on controls the admin has changed (or all, once they asked for the review).
  const jsonErrors = Object.values(draft.json).some((entry) => entry?.error);
  const type = draft.field.type;
  const common = commonProperties(type);
  const editor = FIELD_TYPE_EDITORS[type];

  const { errors, touch } = shown;
  const setField = (key: string, value: unknown) => {
    // Functional: a control may set two properties in one event (a controlling field and its map).
    setDraft((current) => (current ? { ...current, field: { ...current.field, [key]: value } } : current));
    touch(`/${key}`);
  };
  const setLabel = (property: 'labels' | 'helpText', language: 'en' | 'zh', value: string) => {
    const labels = { ...((draft.field[property] as Record<string, string> | undefined) ?? {}), [language]: value };
    setDraft({ ...draft, field: { ...draft.field, [property]: labels } });
    touch(`/${property}/${language}`);
  };
  // A value row just added is blank: its problems show once it is typed in, not on arrival.
  const setValues = (values: FieldDraft['values']) => {
    setDraft({ ...draft, values });
    if (values.length <= draft.values.length) touch('/values');
  };
  const setJson = (key: JsonProperty, source: string) => {
    let error: string | undefined;
    let value = draft.field[key];
    if (source.trim() === '') value = undefined;
    else {
      try {
        value = JSON.parse(source);
      } catch (cause) {
        error = cause instanceof Error ? cause.message : String(cause);
      }
    }
    setDraft({
      ...draft,
      field: { ...draft.field, [key]: value },
      json: { ...draft.json, [key]: { text: source, ...(error ? { error: `${text.notJson}: ${error}` } : {}) } },
    });
    touch(`/${key}`);
  };
  // A live field may change type too: the plan shows the conversion (and refuses one its data does not allow).
  const setType = (next: FieldType) => {
    const { apiName, labels, description, helpText, required, unique, externalId } = draft.field as typeof draft.field & { externalId?: boolean };
    const kept = commonProperties(next);
    setDraft({
      field: {
        type: next,
        apiName,
        labels,
        description,
        helpText,
        ...(kept.required ? { required } : {}),
        ...(kept.unique ? { unique } : {}),
        ...(kept.externalId && externalId !== undefined ? { externalId } : {}),
        ...FIELD_TYPE_EDITORS[next].blank(),
      },
      values: [],
      json: {},
      indexed: draft.indexed && !NOT_INDEXABLE.has(next),
    });
    touch('/type');
  };

  const review = () => {
    if (!shown.readyForReview(form.current, jsonErrors)) return;
    const { field } = checked;
    flow.plan({
      title: `${props.object}.${field.apiName}`,
      object: props.object,
      build: (current) => withField(current ?? (base as ObjectDef), field, props.field, draft.indexed),
    });
  };

  // Soft: the column and its data stay hidden until purged; the review names what is dropped.
  const drop = (apiName: string) =>
    flow.plan({
      title: `${text.dropField} · ${props.object}.${apiName}`,
      object: props.object,
      build: (current) => withoutField(current ?? (base as ObjectDef), apiName),
    });

  return (
    <ChangeDrawer title={title} flow={flow} onClose={props.onClose} testId="field-editor">
      <div className="editor-form" ref={form} data-field-type={type}>
        {shown.showAll && (checked.local.length > 0 || jsonErrors) ? (
          <p className="problem" role="alert">
            {text.fixErrors}
          </p>
        ) : null}
        <UnclaimedProblems problems={shown.unclaimed} />
        <SelectControl
          label={text.fieldType}
          value={type}
          options={FIELD_TYPES.map((value) => ({ value, label: `${text.terms.fieldTypes[value]} (${value})` }))}
          onChange={(value) => setType(value as FieldType)}
          errors={errors('/type')}
        />
        <TextControl
          label={text.apiName}
          value={String(draft.field.apiName ?? '')}
          hint={props.field !== undefined && draft.field.apiName !== props.field ? `${text.renamedFrom} ${props.field}` : undefined}
          onChange={(value) => setField('apiName', value)}
          errors={errors('/apiName')}
        />
        <LabelPair
          captions={{ zh: text.labelZh, en: text.labelEn }}
          value={draft.field.labels as Record<string, string> | undefined}
          onChange={(language, value) => setLabel('labels', language, value)}
          errors={{ zh: errors('/labels/zh', '/labels$'), en: errors('/labels/en') }}
        />
        <TextControl
          label={text.description}
          value={String(draft.field.description ?? '')}
          onChange={(value) => setField('description', value)}
          errors={errors('/description')}
        />
        <LabelPair
          captions={{ zh: text.helpTextZh, en: text.helpTextEn }}
          value={draft.field.helpText as Record<string, string> | undefined}
          onChange={(language, value) => setLabel('helpText', language, value)}
          errors={{ zh: errors('/helpText') }}
        />
        <div className="checks">
          {common.required ? (
            <CheckControl
              label={text.required}
              checked={draft.field.required === true}
              onChange={(value) => setField('required', value)}
              errors={errors('/required')}
            />
          ) : null}
          {common.unique ? (
            <CheckControl
              label={text.unique}
              checked={draft.field.unique === true}
              onChange={(value) => setField('unique', value)}
              errors={errors('/unique')}
            />
          ) : null}
          {common.externalId ? (
            // An external id (import and upsert key) is unique among live records: the metamodel says so if both are set apart.
            <CheckControl
              label={text.externalId}
              checked={(draft.field as { externalId?: boolean }).externalId === true}
              onChange={(value) => setField('externalId', value)}
              errors={errors('/externalId')}
            />
          ) : null}
          {NOT_INDEXABLE.has(type) ? null : (
            <CheckControl
              label={text.indexed}
              checked={draft.indexed}
              onChange={(value) => {
                setDraft({ ...draft, indexed: value });
                touch('#index');
              }}
              errors={errors('#index')}
            />
          )}
        </div>
        {common.backfill && draft.field.required === true ? (
          <TextControl
            label={text.backfill}
            value={draft.field.backfill === undefined ? '' : String(draft.field.backfill)}
            onChange={(value) => setField('backfill', backfillValue(type, value))}
            errors={errors('/backfill')}
          />
        ) : null}
        <editor.Properties
          draft={draft}
          setField={setField}
          setValues={setValues}
          setJson={setJson}
          errors={errors}
          objectApiName={props.object}
          liveObjects={liveObjects}
        />
        {common.defaultExpr ? (
          <JsonControl
            label={text.defaultExpr}
            text={draft.json.defaultExpr?.text ?? ''}
            parseError={draft.json.defaultExpr?.error}
            onChange={(value) => setJson('defaultExpr', value)}
            errors={errors('/defaultExpr')}
          />
        ) : null}
        <EditorActions
          flow={flow}
          onReview={review}
          onCancel={props.onClose}
          remove={props.field !== undefined ? { label: text.dropField, onRemove: () => drop(props.field as string) } : undefined}
        />
      </div>
    </ChangeDrawer>
  );
}
