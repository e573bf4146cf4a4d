// A JsonLogic criterion in the condition builder (stage entry criteria, approval entry and skip
// criteria), with the metamodel's problems under it. `onValid` reports whether the raw JSON view
// holds text that parses: an unparsable criterion holds the review back.
import { useMemo } from 'react';
import type { FieldDefinition } from '../../api/index.ts';
import { ConditionBuilder } from '../../conditions/condition-builder.tsx';
import { conditionFieldsOf } from '../../conditions/condition-fields.ts';
import { useSession } from '../../shell/session.tsx';
import { ProblemList } from './problem-list.tsx';

export function CriteriaControl(props: {
  label: string;
  fields: readonly FieldDefinition[];
  initial: unknown;
  onChange: (logic: unknown) => void;
  onValid: (valid: boolean) => void;
  errors: string[];
  testId?: string;
}) {
  const { language } = useSession();
  const fields = useMemo(() => conditionFieldsOf(props.fields, language), [props.fields, language]);
  return (
    <div className={`wide criteria-control${props.errors.length ? ' has-error' : ''}`}>
      <ConditionBuilder
        fields={fields}
        initial={props.initial}
        label={props.label}
        testId={props.testId}
        onChange={(change) => {
          props.onValid(change.ok);
          if (change.ok) props.onChange(change.logic);
        }}
      />
      <ProblemList messages={props.errors} />
    </div>
  );
}
