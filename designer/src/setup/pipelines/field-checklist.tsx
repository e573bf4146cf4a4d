// A set of the object's fields as checkboxes (required fields of a stage, editable fields of an
// approval step): order follows the object's fields, problems show under the group.
import type { FieldDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { ProblemList } from './problem-list.tsx';

export function FieldChecklist(props: {
  legend: string;
  fields: readonly FieldDefinition[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  errors?: string[];
  testId?: string;
}) {
  const { language } = useSession();
  const errors = props.errors ?? [];
  const toggle = (apiName: string, on: boolean) =>
    props.onChange(props.fields.map((field) => field.apiName).filter((name) => (name === apiName ? on : props.selected.includes(name))));
  return (
    <fieldset className={`field-checklist wide${errors.length ? ' has-error' : ''}`} data-testid={props.testId}>
      <legend>{props.legend}</legend>
      {props.fields.map((field) => (
        <label key={field.apiName} className="check">
          <input
            type="checkbox"
            checked={props.selected.includes(field.apiName)}
            onChange={(event) => toggle(field.apiName, event.target.checked)}
            aria-invalid={errors.length > 0 || undefined}
          />{' '}
          {pickLabel(field.labels, language, field.apiName)}
        </label>
      ))}
      <ProblemList messages={errors} />
    </fieldset>
  );
}
