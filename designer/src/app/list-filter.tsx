// The list's filter: the condition builder over the object's fields (raw JsonLogic one click
// away), applied to the list request's `filter` parameter. Applying raw text that does not parse
// is refused here, before any request; the server still checks fields and operators (its problem
// shows in the list's banner).
import { type FormEvent, lazy, Suspense, useMemo, useState } from 'react';
import type { FieldDefinition, ObjectDefinition } from '../api/index.ts';
import type { ConditionChange } from '../conditions/condition-builder.tsx';
import type { JsonLogic } from '../conditions/json-logic-query.ts';
import { conditionFieldsOf } from '../conditions/condition-fields.ts';
import { useSession } from '../shell/session.tsx';

// The builder (react-querybuilder and its Redux store) is its own chunk: the list and its rows
// paint without waiting for it.
const ConditionBuilder = lazy(() => import('../conditions/condition-builder.tsx').then((module) => ({ default: module.ConditionBuilder })));

/**
 * `initial`: the filter the list opens with (a saved view's), as JSON text; the list remounts this for another view.
 * `paths`: lookup path fields (`account.region`) the filter may also name — list filters take them;
 * rules, visibility and criteria builders elsewhere do not (the server refuses paths there).
 */
export function ListFilter(props: { object: ObjectDefinition; paths?: readonly FieldDefinition[]; initial?: string; onApply: (filter: string) => void }) {
  const { messages, language } = useSession();
  const { object, paths } = props;
  const fields = useMemo(() => conditionFieldsOf([...object.fields, ...(paths ?? [])], language), [object.fields, paths, language]);
  const [change, setChange] = useState<ConditionChange>(() => ({ ok: true, logic: props.initial ? (JSON.parse(props.initial) as JsonLogic) : undefined }));
  const [invalid, setInvalid] = useState(false);
  // A new key remounts the builder empty ("Clear").
  const [generation, setGeneration] = useState(0);

  function apply(event: FormEvent) {
    event.preventDefault();
    if (!change.ok) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    props.onApply(change.logic === undefined ? '' : JSON.stringify(change.logic));
  }

  function clear() {
    setChange({ ok: true, logic: undefined });
    setInvalid(false);
    setGeneration((value) => value + 1);
    props.onApply('');
  }

  return (
    <form className="list-filter" onSubmit={apply} aria-label={messages.filter} data-testid="list-filter">
      <Suspense fallback={<p className="muted">{messages.loading}</p>}>
        <ConditionBuilder
          key={`${language}-${generation}`}
          fields={fields}
          initial={change.ok ? change.logic : undefined}
          label={messages.filter}
          onChange={(next) => {
            setChange(next);
            if (next.ok) setInvalid(false);
          }}
        />
      </Suspense>
      {invalid ? (
        <p className="problem" role="alert">
          {messages.invalidJson}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit">{messages.applyFilter}</button>
        <button type="button" className="secondary" onClick={clear}>
          {messages.clearFilter}
        </button>
      </div>
    </form>
  );
}
