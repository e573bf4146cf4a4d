// One approval flow in a drawer: api name, labels, active, who may submit (entry criteria in the
// condition builder), the steps (drag to reorder; each with approvers, 或签/会签/ratio, skip
// criteria, editable fields, time limit and escalation), what happens on approval and on
// rejection, record lock and recall. Checked by the metamodel as the admin types; a clean draft
// goes to plan → review → apply, and a refused plan's problems land on the same controls.
import { useMemo, useRef, useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { ChangeDrawer } from '../change/change-drawer.tsx';
import { EditorActions } from '../change/editor-actions.tsx';
import { CheckControl, TextControl } from '../form-controls.tsx';
import { LabelPair } from '../label-pair.tsx';
import { CriteriaControl } from '../pipelines/criteria-control.tsx';
import { FormProblems, ItemDrawer, type ItemFormProps, useUnparsedCriteria } from '../pipelines/item-drawer.tsx';
import { checkObjectDraft, useLiveObjects } from '../pipelines/object-draft.ts';
import { ProblemList } from '../pipelines/problem-list.tsx';
import { usePipelineMessages } from '../pipelines/pipeline-messages.ts';
import { SortableList } from '../pipelines/sortable-list.tsx';
import { useDraftProblems } from '../use-draft-problems.tsx';
import { type FlowDraft, flowDraft, isWritable, flowOf, flowPosition, type StepDraft, stepDraft, withFlow, withoutFlow } from './approval-document.ts';
import { ApprovalStepEditor, STEP_CONTROL_KEYS } from './approval-step-editor.tsx';
import { useRoles } from './use-roles.ts';
import { FlowActionsEditor } from './flow-actions-editor.tsx';
import '../pipelines/pipelines.css';

export function ApprovalFlowEditor(props: { object: ObjectDefinition; flow?: string; onClose: () => void }) {
  const text = usePipelineMessages();
  const heading = props.flow ? `${text.editFlow} · ${props.flow}` : text.newFlow;
  return <ItemDrawer object={props.object} heading={heading} onClose={props.onClose} form={(form) => <FlowForm {...form} flowName={props.flow} />} />;
}

function FlowForm(props: ItemFormProps & { flowName?: string }) {
  const { language } = useSession();
  const text = usePipelineMessages();
  const { base, flow: change, object } = props;
  const form = useRef<HTMLDivElement>(null);
  const liveObjects = useLiveObjects();
  const previous = base.approvalFlows?.find((flow) => flow.apiName === props.flowName);
  const [draft, setDraft] = useState<FlowDraft>(() => {
    const taken = new Set((base.approvalFlows ?? []).map((flow) => flow.apiName));
    return flowDraft(previous, ['approval', `${object.apiName}_approval`].find((name) => !taken.has(name)) ?? '');
  });
  const criteria = useUnparsedCriteria();
  const roles = useRoles();

  const checked = useMemo(() => {
    const flow = flowOf(draft, previous, (apiName) => object.fields.find((field) => field.apiName === apiName)?.type);
    const prefix = `/approvalFlows/${flowPosition(base, props.flowName)}`;
    return { flow, ...checkObjectDraft(withFlow(base, flow, props.flowName), prefix, liveObjects, change.state, language) };
  }, [draft, base, previous, props.flowName, liveObjects, change.state, object.fields, language]);
  const controlKeys = [
    '/apiName',
    '/labels',
    '/description',
    '/active',
    '/entryCriteria',
    '/steps$',
    '/onApprove',
    '/onReject',
    '/lockRecord',
    '/allowRecall',
    ...draft.steps.flatMap((_, index) => STEP_CONTROL_KEYS.map((key) => `/steps/${index}${key}`)),
  ];
  const shown = useDraftProblems(checked.local, checked.server, controlKeys);
  const { errors, touch } = shown;
  const update = (patch: Partial<FlowDraft>, path: string) => {
    setDraft((current) => ({ ...current, ...patch }));
    touch(path);
  };
  const updateStep = (index: number, patch: Partial<StepDraft>, path: string) => {
    setDraft((current) => ({ ...current, steps: current.steps.map((step, at) => (at === index ? { ...step, ...patch } : step)) }));
    touch(`/steps/${index}${path}`);
  };
  const review = () => {
    if (!shown.readyForReview(form.current, criteria.any)) return;
    change.plan({
      title: `${object.apiName} · ${checked.flow.apiName}`,
      object: object.apiName,
      build: (current) => withFlow(current ?? base, checked.flow, props.flowName),
    });
  };
  const remove = (apiName: string) =>
    change.plan({ title: `${text.deleteFlow} · ${apiName}`, object: object.apiName, build: (current) => withoutFlow(current ?? base, apiName) });
  const stages = (object.pipelines ?? []).flatMap((pipeline) =>
    pipeline.stages.map((stage) => ({ value: stage.value, label: `${pickLabel(stage.labels, language, stage.value)} (${pipeline.apiName})` })),
  );
  const addStep = () => {
    const taken = new Set(draft.steps.map((step) => step.apiName));
    let number = draft.steps.length + 1;
    while (taken.has(`step_${number}`)) number++;
    update({ steps: [...draft.steps, stepDraft(undefined, `step_${number}`)] }, '/steps');
  };

  return (
    <ChangeDrawer title={props.heading} flow={change} onClose={props.onClose} testId="approval-flow-editor">
      <div className="editor-form approval-flow-editor" ref={form}>
        <FormProblems showAll={shown.showAll} blocked={checked.local.length > 0 || criteria.any} unclaimed={shown.unclaimed} />
        <TextControl label={text.apiName} value={draft.apiName} onChange={(value) => update({ apiName: value }, '/apiName')} errors={errors('/apiName')} />
        <CheckControl label={text.active} checked={draft.active} onChange={(value) => update({ active: value }, '/active')} errors={errors('/active')} />
        <LabelPair
          captions={{ zh: text.labelZh, en: text.labelEn }}
          value={draft.labels}
          onChange={(lang, value) => update({ labels: { ...draft.labels, [lang]: value } }, `/labels/${lang}`)}
          errors={{ zh: errors('/labels/zh', '/labels$'), en: errors('/labels/en') }}
        />
        <CheckControl
          label={text.lockRecord}
          checked={draft.lockRecord}
          onChange={(value) => update({ lockRecord: value }, '/lockRecord')}
          errors={errors('/lockRecord')}
        />
        <CheckControl
          label={text.allowRecall}
          checked={draft.allowRecall}
          onChange={(value) => update({ allowRecall: value }, '/allowRecall')}
          errors={errors('/allowRecall')}
        />
        <CriteriaControl
          label={text.entryCriteria}
          fields={object.fields}
          initial={draft.entryCriteria}
          onChange={(logic) => update({ entryCriteria: logic }, '/entryCriteria')}
          onValid={(valid) => criteria.report('entry', valid)}
          errors={errors('/entryCriteria')}
          testId="flow-entry-criteria"
        />
        <fieldset className="wide stages" data-testid="steps">
          <legend>{text.steps}</legend>
          <ProblemList messages={errors('/steps$')} />
          <SortableList
            items={draft.steps}
            onChange={(steps) => update({ steps }, '/steps')}
            itemName={(_step, position) => `${text.step} ${position}`}
            hasError={(index) => errors(`/steps/${index}`).length > 0}
            render={(step, index) => (
              <ApprovalStepEditor
                step={step}
                position={index + 1}
                fields={object.fields}
                roles={roles}
                errors={(...keys) => errors(...keys.map((key) => `/steps/${index}${key}`))}
                onChange={(patch, path) => updateStep(index, patch, path)}
                onValid={(valid) => criteria.report(step.key, valid)}
                onRemove={() => update({ steps: draft.steps.filter((entry) => entry.key !== step.key) }, '/steps')}
              />
            )}
          />
          <button type="button" className="secondary" onClick={addStep}>
            + {text.addStep}
          </button>
        </fieldset>
        {(['onApprove', 'onReject'] as const).map((which) => (
          <FlowActionsEditor
            key={which}
            which={which}
            actions={draft[which]}
            fields={object.fields.filter(isWritable)}
            stages={stages}
            onChange={(actions) => update({ [which]: actions }, `/${which}`)}
            errors={errors}
          />
        ))}
        <EditorActions
          flow={change}
          onReview={review}
          onCancel={props.onClose}
          remove={props.flowName !== undefined ? { label: text.deleteFlow, onRemove: () => remove(props.flowName as string) } : undefined}
        />
      </div>
    </ChangeDrawer>
  );
}
