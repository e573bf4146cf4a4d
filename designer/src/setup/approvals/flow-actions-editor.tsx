// What happens on final approval or on rejection, in order: set a field to a value, or move the
// record to a stage of the object's pipelines. `errors` takes keys relative to the flow.
import type { FieldDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { SelectControl, TextControl } from '../form-controls.tsx';
import { usePipelineMessages } from '../pipelines/pipeline-messages.ts';
import { type ActionDraft, actionDraft } from './approval-document.ts';

const ACTION_TYPES: ActionDraft['type'][] = ['setField', 'moveStage'];

export function FlowActionsEditor(props: {
  which: 'onApprove' | 'onReject';
  actions: ActionDraft[];
  fields: readonly FieldDefinition[];
  stages: { value: string; label: string }[];
  onChange: (actions: ActionDraft[]) => void;
  errors: (...keys: string[]) => string[];
}) {
  const text = usePipelineMessages();
  const { language } = useSession();
  const { actions, which } = props;
  const set = (index: number, patch: Partial<ActionDraft>) => props.onChange(actions.map((action, at) => (at === index ? { ...action, ...patch } : action)));
  const fieldOptions = props.fields.map((field) => ({ value: field.apiName, label: `${pickLabel(field.labels, language, field.apiName)} (${field.apiName})` }));
  return (
    <fieldset className="flow-actions wide" data-testid={`actions-${which}`}>
      <legend>{text[which]}</legend>
      {actions.map((action, index) => {
        const at = (key: string) => props.errors(`/${which}/${index}/${key}`);
        return (
          <div key={action.key} className="action-row">
            <SelectControl
              label={`${text[which]} · ${text.actionType} ${index + 1}`}
              value={action.type}
              options={ACTION_TYPES.map((type) => ({ value: type, label: text.actionTypes[type] }))}
              onChange={(value) => set(index, { type: value as ActionDraft['type'] })}
              errors={[...props.errors(`/${which}/${index}$`), ...at('type')]}
            />
            {action.type === 'setField' ? (
              <div className="action-value">
                <SelectControl
                  label={text.field}
                  value={action.field}
                  empty=""
                  options={fieldOptions}
                  onChange={(value) => set(index, { field: value })}
                  errors={at('field')}
                />
                <TextControl label={text.value} value={action.value} onChange={(value) => set(index, { value })} errors={at('value')} />
              </div>
            ) : (
              <SelectControl
                label={text.stage}
                value={action.stage}
                empty=""
                options={props.stages}
                onChange={(value) => set(index, { stage: value })}
                errors={at('stage')}
              />
            )}
            <button
              type="button"
              className="secondary icon"
              aria-label={`${text[which]} · ${text.removeAction} ${index + 1}`}
              onClick={() => props.onChange(actions.filter((_, position) => position !== index))}
            >
              ✕
            </button>
          </div>
        );
      })}
      <button type="button" className="secondary" onClick={() => props.onChange([...actions, actionDraft()])}>
        + {text.addAction} · {text[which]}
      </button>
    </fieldset>
  );
}
