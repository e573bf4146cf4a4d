// One approval step: api name and labels, when it runs (skip criteria in the condition builder),
// its approvers, how they decide (或签 any / 会签 all / a ratio), the fields they may edit, and its
// time limit with what happens when it runs out. `errors` takes keys relative to the step.
import { APPROVAL_MODES, type ApprovalMode, ESCALATION_ACTIONS, type EscalationAction } from '@tessera/metadata';
import type { FieldDefinition } from '../../api/index.ts';
import { NumberControl, SelectControl, TextControl } from '../form-controls.tsx';
import { LabelPair } from '../label-pair.tsx';
import { CriteriaControl } from '../pipelines/criteria-control.tsx';
import { FieldChecklist } from '../pipelines/field-checklist.tsx';
import { usePipelineMessages } from '../pipelines/pipeline-messages.ts';
import { isWritable, type StepDraft } from './approval-document.ts';
import { ApproverList } from './approver-list.tsx';

export const STEP_CONTROL_KEYS = ['/apiName', '/labels', '/criteria', '/approvers', '/mode', '/ratio', '/editableFields', '/timeLimit'];

export function ApprovalStepEditor(props: {
  step: StepDraft;
  position: number;
  fields: readonly FieldDefinition[];
  roles: readonly { name: string; label: string }[];
  errors: (...keys: string[]) => string[];
  onChange: (patch: Partial<StepDraft>, path: string) => void;
  onValid: (valid: boolean) => void;
  onRemove: () => void;
}) {
  const text = usePipelineMessages();
  const { step, errors, position } = props;
  const set = <K extends keyof StepDraft>(key: K, value: StepDraft[K], path: string = `/${key}`) =>
    props.onChange({ [key]: value } as Partial<StepDraft>, path);
  return (
    <div className="step-editor" data-step={step.apiName} data-testid={`step-${position}`}>
      <div className="step-body">
        <TextControl
          label={`${text.step} ${position} · ${text.apiName}`}
          value={step.apiName}
          onChange={(value) => set('apiName', value)}
          errors={errors('/apiName')}
        />
        <SelectControl
          label={`${text.step} ${position} · ${text.mode}`}
          value={step.mode}
          options={APPROVAL_MODES.map((mode) => ({ value: mode, label: text.modes[mode] }))}
          onChange={(value) => set('mode', value as ApprovalMode)}
          errors={errors('/mode')}
        />
        <LabelPair
          captions={{ zh: text.labelZh, en: text.labelEn }}
          value={step.labels}
          onChange={(lang, value) => set('labels', { ...step.labels, [lang]: value }, `/labels/${lang}`)}
          errors={{ zh: errors('/labels/zh', '/labels$'), en: errors('/labels/en') }}
        />
        {step.mode === 'ratio' || step.ratio !== undefined ? (
          <NumberControl label={text.ratio} value={step.ratio} onChange={(value) => set('ratio', value)} errors={errors('/ratio')} />
        ) : null}
        <ApproverList
          approvers={step.approvers}
          fields={props.fields}
          roles={props.roles}
          step={position}
          onChange={(approvers, path) => set('approvers', approvers, path)}
          errors={errors}
        />
        <CriteriaControl
          label={text.skipCriteria}
          fields={props.fields}
          initial={step.criteria}
          onChange={(logic) => set('criteria', logic)}
          onValid={props.onValid}
          errors={errors('/criteria')}
          testId={`step-criteria-${position}`}
        />
        <FieldChecklist
          legend={text.editableFields}
          fields={props.fields.filter(isWritable)}
          selected={step.editableFields}
          onChange={(selected) => set('editableFields', selected)}
          errors={errors('/editableFields')}
        />
        <NumberControl
          label={text.timeLimitHours}
          value={step.timeLimitHours}
          onChange={(value) => set('timeLimitHours', value, '/timeLimit')}
          errors={errors('/timeLimit/hours', '/timeLimit$')}
        />
        <SelectControl
          label={text.escalation}
          value={step.escalation}
          empty=""
          options={ESCALATION_ACTIONS.map((action) => ({ value: action, label: text.escalations[action] }))}
          onChange={(value) => set('escalation', value as EscalationAction | '', '/timeLimit')}
          errors={errors('/timeLimit/action')}
        />
        <div className="form-actions wide">
          <button type="button" className="secondary" onClick={props.onRemove}>
            {text.removeStep} {position}
          </button>
        </div>
      </div>
    </div>
  );
}
