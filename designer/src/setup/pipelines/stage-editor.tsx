// One stage of a pipeline: its value (a value of the stage field), labels, probability and
// category in a row; required fields, entry criteria, time limit, reason and approval gate under
// "Details" (opened by itself when one of them has a problem). `errors` takes keys relative to the stage.
import { STAGE_CATEGORIES } from '@tessera/metadata';
import { useState } from 'react';
import type { FieldDefinition } from '../../api/index.ts';
import { CheckControl, NumberControl, SelectControl, TextControl } from '../form-controls.tsx';
import { LabelPair } from '../label-pair.tsx';
import { CriteriaControl } from './criteria-control.tsx';
import { FieldChecklist } from './field-checklist.tsx';
import type { StageDraft } from './pipeline-document.ts';
import { usePipelineMessages } from './pipeline-messages.ts';

export const STAGE_CONTROL_KEYS = [
  '/value',
  '/labels',
  '/probability',
  '/category',
  '/requiredFields',
  '/entryCriteria',
  '/guidance',
  '/timeLimit/hours',
  '/timeLimit$',
  '/timeLimit/reassign/afterHours',
  '/timeLimit/reassign$',
  '/timeLimit/reassign/toUser',
  '/requiresReason',
  '/approvalFlow',
];
const DETAIL_KEYS = STAGE_CONTROL_KEYS.slice(4);

export function StageEditor(props: {
  stage: StageDraft;
  position: number;
  values: { value: string; label: string }[];
  fields: readonly FieldDefinition[];
  flows: { value: string; label: string }[];
  errors: (...keys: string[]) => string[];
  onChange: (patch: Partial<StageDraft>, key: string) => void;
  onValid: (valid: boolean) => void;
  onRemove: () => void;
}) {
  const text = usePipelineMessages();
  const { stage, errors } = props;
  const [open, setOpen] = useState(false);
  const detailProblems = errors(...DETAIL_KEYS).length > 0;
  const set = <K extends keyof StageDraft>(key: K, value: StageDraft[K], path: string = `/${key}`) =>
    props.onChange({ [key]: value } as Partial<StageDraft>, path);
  return (
    <div className="stage-editor" data-stage={stage.value} data-testid={`stage-${props.position}`}>
      <div className="stage-row">
        <SelectControl
          label={`${text.stageValue} ${props.position}`}
          value={stage.value}
          options={props.values}
          empty=""
          onChange={(value) => set('value', value)}
          errors={errors('/value')}
        />
        <LabelPair
          captions={{ zh: text.labelZh, en: text.labelEn }}
          value={stage.labels}
          onChange={(lang, value) => set('labels', { ...stage.labels, [lang]: value }, `/labels/${lang}`)}
          errors={{ zh: errors('/labels/zh', '/labels$'), en: errors('/labels/en') }}
        />
        <NumberControl label={text.probability} value={stage.probability} onChange={(value) => set('probability', value)} errors={errors('/probability')} />
        <SelectControl
          label={text.category}
          value={stage.category}
          options={STAGE_CATEGORIES.map((category) => ({ value: category, label: text.categories[category] }))}
          onChange={(value) => set('category', value as StageDraft['category'])}
          errors={errors('/category')}
        />
        <button type="button" className="secondary icon" aria-label={`${text.removeStage} ${props.position}`} onClick={props.onRemove}>
          ✕
        </button>
      </div>
      <details open={open || detailProblems} onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
        <summary>{text.details}</summary>
        <div className="stage-details">
          <FieldChecklist
            legend={text.requiredFields}
            fields={props.fields}
            selected={stage.requiredFields}
            onChange={(selected) => set('requiredFields', selected)}
            errors={errors('/requiredFields')}
            testId={`required-fields-${props.position}`}
          />
          <CriteriaControl
            label={text.entryCriteria}
            fields={props.fields}
            initial={stage.entryCriteria}
            onChange={(logic) => set('entryCriteria', logic)}
            onValid={props.onValid}
            errors={errors('/entryCriteria')}
            testId={`entry-criteria-${props.position}`}
          />
          <NumberControl
            label={text.timeLimitHours}
            value={stage.timeLimitHours}
            onChange={(value) => set('timeLimitHours', value, '/timeLimit')}
            errors={errors('/timeLimit/hours', '/timeLimit$')}
          />
          <NumberControl
            label={text.reassignAfter}
            value={stage.reassignAfter}
            onChange={(value) => set('reassignAfter', value, '/timeLimit')}
            errors={errors('/timeLimit/reassign/afterHours', '/timeLimit/reassign$')}
          />
          <TextControl
            label={text.reassignTo}
            type="email"
            value={stage.reassignTo}
            onChange={(value) => set('reassignTo', value, '/timeLimit')}
            errors={errors('/timeLimit/reassign/toUser')}
          />
          <CheckControl
            label={text.requiresReason}
            checked={stage.requiresReason}
            onChange={(value) => set('requiresReason', value)}
            errors={errors('/requiresReason')}
          />
          <SelectControl
            label={text.approvalGate}
            value={stage.approvalFlow}
            empty={text.noApproval}
            options={props.flows}
            onChange={(value) => set('approvalFlow', value)}
            errors={errors('/approvalFlow')}
          />
          <LabelPair
            captions={{ zh: text.guidanceZh, en: text.guidanceEn }}
            value={stage.guidance}
            onChange={(lang, value) => set('guidance', { ...stage.guidance, [lang]: value }, `/guidance/${lang}`)}
            errors={{ zh: errors('/guidance/zh', '/guidance$'), en: errors('/guidance/en') }}
          />
        </div>
      </details>
    </div>
  );
}
