// One pipeline in a drawer: api name, labels, stage field (a new pipeline starts with every value
// of the chosen picklist as a stage), record types, reason / amount / close date / probability
// fields, the stages (drag to reorder; each with its details) and the transitions. The metamodel
// checks the would-be object as the admin types; a clean draft goes to plan → review → apply and
// a refused plan's problems land on the same controls.
import type { FieldType } from '@tessera/metadata';
import { useMemo, useRef, useState } from 'react';
import type { FieldDefinition, ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { EditorActions } from '../change/editor-actions.tsx';
import { SelectControl, TextControl } from '../form-controls.tsx';
import { LabelPair } from '../label-pair.tsx';
import { useDraftProblems } from '../use-draft-problems.tsx';
import { FormProblems, ItemDrawer, type ItemFormProps, useUnparsedCriteria } from './item-drawer.tsx';
import { checkObjectDraft, useLiveObjects } from './object-draft.ts';
import {
  newPipelineDraft,
  OPTIONAL_FIELDS,
  type OptionalField,
  type PipelineDraft,
  pipelineDraft,
  pipelineOf,
  pipelinePosition,
  type StageDraft,
  stageDraft,
  withoutPipeline,
  withPipeline,
} from './pipeline-document.ts';
import { usePipelineMessages } from './pipeline-messages.ts';
import { ProblemList } from './problem-list.tsx';
import { SortableList } from './sortable-list.tsx';
import { STAGE_CONTROL_KEYS, StageEditor } from './stage-editor.tsx';
import { TransitionsEditor } from './transitions-editor.tsx';
import './pipelines.css';

/** Which field types each optional pipeline field may name (check-pipelines.ts says the same). */
const FITS: Record<OptionalField, readonly FieldType[]> = {
  reasonField: ['text', 'textarea', 'picklist'],
  amountField: ['number', 'currency', 'percent', 'formula', 'rollup'],
  probabilityField: ['number', 'currency', 'percent', 'formula', 'rollup'],
  closeDateField: ['date', 'datetime', 'formula', 'rollup'],
};

const picklistValues = (field: FieldDefinition | undefined) =>
  field && 'values' in field && Array.isArray(field.values) ? (field.values as { apiName: string; labels: { zh?: string; en?: string } }[]) : [];

export function PipelineEditor(props: { object: ObjectDefinition; pipeline?: string; onClose: () => void }) {
  const text = usePipelineMessages();
  const heading = props.pipeline ? `${text.editPipeline} · ${props.pipeline}` : text.newPipeline;
  return <ItemDrawer object={props.object} heading={heading} onClose={props.onClose} form={(form) => <PipelineForm {...form} pipeline={props.pipeline} />} />;
}

function PipelineForm(props: ItemFormProps & { pipeline?: string }) {
  const { language } = useSession();
  const text = usePipelineMessages();
  const { base, flow, object } = props;
  const form = useRef<HTMLDivElement>(null);
  const liveObjects = useLiveObjects();
  const previous = base.pipelines?.find((pipeline) => pipeline.apiName === props.pipeline);
  const stageFields = object.fields.filter((field) => field.type === 'picklist');
  const [draft, setDraft] = useState<PipelineDraft>(() => {
    if (previous) return pipelineDraft(previous);
    const field = stageFields.find((candidate) => candidate.apiName === 'stage' || candidate.apiName === 'status') ?? stageFields[0];
    const taken = new Set((base.pipelines ?? []).map((pipeline) => pipeline.apiName));
    const apiName = ['default', 'main', `${object.apiName}_pipeline`].find((name) => !taken.has(name)) ?? '';
    return newPipelineDraft(
      field?.apiName ?? '',
      picklistValues(field).map((value) => value.apiName),
      apiName,
    );
  });
  const criteria = useUnparsedCriteria();

  const checked = useMemo(() => {
    const pipeline = pipelineOf(draft, previous);
    const prefix = `/pipelines/${pipelinePosition(base, props.pipeline)}`;
    return { pipeline, ...checkObjectDraft(withPipeline(base, pipeline, props.pipeline), prefix, liveObjects, flow.state, language) };
  }, [draft, base, previous, props.pipeline, liveObjects, flow.state, language]);
  const controlKeys = [
    '/apiName',
    '/labels',
    '/description',
    '/stageField',
    '/recordTypes',
    '/stages$',
    '/transitions$',
    ...OPTIONAL_FIELDS.map((key) => `/${key}`),
    ...draft.stages.flatMap((stage, index) => [...STAGE_CONTROL_KEYS.map((key) => `/stages/${index}${key}`), `/transitions/${stage.value}`]),
  ];
  const shown = useDraftProblems(checked.local, checked.server, controlKeys);
  const { errors, touch } = shown;

  const stageField = object.fields.find((field) => field.apiName === draft.stageField);
  const values = picklistValues(stageField);
  const valueLabel = (value: string) => {
    const found = values.find((entry) => entry.apiName === value);
    return found ? pickLabel(found.labels, language, value) : value;
  };
  const stageLabel = (stage: StageDraft) => stage.labels[language] || valueLabel(stage.value);
  const update = (patch: Partial<PipelineDraft>, path: string) => {
    setDraft((current) => ({ ...current, ...patch }));
    touch(path);
  };
  const chooseStageField = (apiName: string) => {
    const field = object.fields.find((candidate) => candidate.apiName === apiName);
    // A new pipeline follows its stage field's values; an existing one keeps its stages (the metamodel flags any that do not fit).
    update(
      previous
        ? { stageField: apiName }
        : { stageField: apiName, stages: picklistValues(field).map((value) => stageDraft({ value: value.apiName })), graph: {} },
      '/stageField',
    );
  };
  const updateStage = (index: number, patch: Partial<StageDraft>, path: string) => {
    setDraft((current) => ({ ...current, stages: current.stages.map((stage, at) => (at === index ? { ...stage, ...patch } : stage)) }));
    touch(`/stages/${index}${path}`);
  };
  const addStage = () => {
    const used = new Set(draft.stages.map((stage) => stage.value));
    update({ stages: [...draft.stages, stageDraft({ value: values.find((value) => !used.has(value.apiName))?.apiName ?? '' })] }, '/stages');
  };
  const review = () => {
    if (!shown.readyForReview(form.current, criteria.any)) return;
    flow.plan({
      title: `${object.apiName} · ${checked.pipeline.apiName}`,
      object: object.apiName,
      build: (current) => withPipeline(current ?? base, checked.pipeline, props.pipeline),
    });
  };
  const remove = (apiName: string) =>
    flow.plan({ title: `${text.deletePipeline} · ${apiName}`, object: object.apiName, build: (current) => withoutPipeline(current ?? base, apiName) });
  const fieldOptions = (fields: readonly FieldDefinition[]) =>
    fields.map((field) => ({ value: field.apiName, label: `${pickLabel(field.labels, language, field.apiName)} (${field.apiName})` }));
  const flows = (base.approvalFlows ?? []).map((entry) => ({
    value: entry.apiName,
    label: `${pickLabel(entry.labels, language, entry.apiName)} (${entry.apiName})`,
  }));
  const recordTypes = object.recordTypes ?? [];

  return (
    <ChangeDrawer title={props.heading} flow={flow} onClose={props.onClose} testId="pipeline-editor">
      <div className="editor-form pipeline-editor" ref={form}>
        <FormProblems showAll={shown.showAll} blocked={checked.local.length > 0 || criteria.any} unclaimed={shown.unclaimed} />
        <TextControl label={text.apiName} value={draft.apiName} onChange={(value) => update({ apiName: value }, '/apiName')} errors={errors('/apiName')} />
        <LabelPair
          captions={{ zh: text.labelZh, en: text.labelEn }}
          value={draft.labels}
          onChange={(lang, value) => update({ labels: { ...draft.labels, [lang]: value } }, `/labels/${lang}`)}
          errors={{ zh: errors('/labels/zh', '/labels$'), en: errors('/labels/en') }}
        />
        <SelectControl
          label={text.stageField}
          value={draft.stageField}
          empty=""
          options={fieldOptions(stageFields)}
          onChange={chooseStageField}
          errors={errors('/stageField')}
        />
        {OPTIONAL_FIELDS.map((key) => (
          <SelectControl
            key={key}
            label={text[key]}
            value={draft[key]}
            empty={text.noField}
            options={fieldOptions(object.fields.filter((field) => FITS[key].includes(field.type)))}
            onChange={(value) => update({ [key]: value }, `/${key}`)}
            errors={errors(`/${key}`)}
          />
        ))}
        {recordTypes.length ? (
          <fieldset className={`wide record-type-choice${errors('/recordTypes').length ? ' has-error' : ''}`}>
            <legend>{text.recordTypes}</legend>
            <span className="hint">{text.defaultPipeline}</span>
            {recordTypes.map((recordType) => (
              <label key={recordType.apiName} className="check">
                <input
                  type="checkbox"
                  checked={draft.recordTypes.includes(recordType.apiName)}
                  onChange={(event) =>
                    update(
                      {
                        recordTypes: recordTypes
                          .map((entry) => entry.apiName)
                          .filter((name) => (name === recordType.apiName ? event.target.checked : draft.recordTypes.includes(name))),
                      },
                      '/recordTypes',
                    )
                  }
                />{' '}
                {pickLabel(recordType.labels, language, recordType.apiName)}
              </label>
            ))}
            <ProblemList messages={errors('/recordTypes')} />
          </fieldset>
        ) : null}
        <fieldset className="wide stages" data-testid="stages">
          <legend>{text.stages}</legend>
          <ProblemList messages={errors('/stages$')} />
          <SortableList
            items={draft.stages}
            onChange={(stages) => update({ stages }, '/stages')}
            itemName={(_stage, position) => `${text.stage} ${position}`}
            hasError={(index) => errors(`/stages/${index}`).length > 0}
            render={(stage, index) => (
              <StageEditor
                stage={stage}
                position={index + 1}
                values={values.map((value) => ({ value: value.apiName, label: `${pickLabel(value.labels, language, value.apiName)} (${value.apiName})` }))}
                fields={object.fields}
                flows={flows}
                errors={(...keys) => errors(...keys.map((key) => `/stages/${index}${key}`))}
                onChange={(patch, path) => updateStage(index, patch, path)}
                onValid={(valid) => criteria.report(stage.key, valid)}
                onRemove={() => update({ stages: draft.stages.filter((entry) => entry.key !== stage.key) }, '/stages')}
              />
            )}
          />
          <button type="button" className="secondary" onClick={addStage}>
            + {text.addStage}
          </button>
        </fieldset>
        <TransitionsEditor draft={draft} stageLabel={stageLabel} onChange={(patch) => update(patch, '/transitions')} errors={errors} />
        <EditorActions
          flow={flow}
          onReview={review}
          onCancel={props.onClose}
          remove={props.pipeline !== undefined ? { label: text.deletePipeline, onRemove: () => remove(props.pipeline as string) } : undefined}
        />
      </div>
    </ChangeDrawer>
  );
}
