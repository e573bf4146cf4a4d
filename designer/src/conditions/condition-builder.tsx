// The condition builder: a react-querybuilder tree (and/or groups, Not, nested groups) over the
// object's fields with Tessera's operators, reading and writing JsonLogic (json-logic-query.ts),
// and a raw JSON view of the same condition. A condition the builder cannot show opens as raw JSON
// (never dropped); text that does not parse is flagged on the box and not passed on.
import { useMemo, useState } from 'react';
import { type Field, QueryBuilder, type RuleGroupType, ValueEditor, type ValueEditorProps, type ValueEditorType } from 'react-querybuilder';
import { MultiLookup } from '../forms/multi-lookup-widget.tsx';
import { WithinEditor } from './within-editor.tsx';
import 'react-querybuilder/dist/query-builder.css';
import { JsonControl } from '../setup/form-controls.tsx';
import { useSession } from '../shell/session.tsx';
import { type ConditionField, type ConditionOperator, LIST_OPERATORS, OPERATORS_OF_KIND, UNARY_OPERATORS, type ValueKind } from './condition-fields.ts';
import { conditionMessagesFor } from './condition-messages.ts';
import { formatCondition, type JsonLogic, parseCondition } from './json-logic-query.ts';
import './conditions.css';

/** What the owner gets on every edit: the condition (undefined: none) or that the raw text does not parse. */
export type ConditionChange = { ok: true; logic: JsonLogic | undefined } | { ok: false };

const INPUT_TYPE: Partial<Record<ValueKind, string>> = { number: 'number', date: 'date' };

const pretty = (logic: unknown) => (logic === undefined ? '' : JSON.stringify(logic, null, 2));

export function ConditionBuilder(props: {
  fields: readonly ConditionField[];
  /** The starting condition; the builder keeps its own state afterwards (remount with a key to reset). */
  initial: unknown;
  onChange: (change: ConditionChange) => void;
  /** Shown above the builder and used as the raw box's label. */
  label?: string;
  testId?: string;
}) {
  const { language } = useSession();
  const text = conditionMessagesFor(language);
  const { fields, onChange } = props;
  const [query, setQuery] = useState<RuleGroupType | null>(() => parseCondition(props.initial, fields));
  const [raw, setRaw] = useState<{ text: string; error?: string } | null>(() => (query ? null : { text: pretty(props.initial) }));
  const [incomplete, setIncomplete] = useState(0);
  const [unshowable, setUnshowable] = useState(false);

  const builderFields = useMemo<Field[]>(
    () =>
      fields.map((field) => ({
        name: field.apiName,
        label: field.label,
        operators: OPERATORS_OF_KIND[field.kind].map((name) => ({
          name,
          label: text.operators[name],
          ...(UNARY_OPERATORS.has(name) ? { arity: 'unary' } : {}),
        })),
        valueEditorType: (operator: string): ValueEditorType => {
          if (field.kind === 'boolean') return 'checkbox';
          if (field.kind === 'picklist' || field.kind === 'multipicklist') return LIST_OPERATORS.has(operator as ConditionOperator) ? 'multiselect' : 'select';
          return 'text';
        },
        ...(INPUT_TYPE[field.kind] ? { inputType: INPUT_TYPE[field.kind] } : {}),
        ...(field.values ? { values: field.values } : {}),
        ...(field.kind === 'boolean' ? { defaultValue: false } : {}),
        ...(field.target ? { target: field.target } : {}),
        ...(field.kind === 'links' ? { defaultValue: [] } : {}),
        ...(field.kind === 'geo' ? { defaultValue: { latitude: '', longitude: '', km: '' } } : {}),
      })),
    [fields, text],
  );

  const changeQuery = (next: RuleGroupType) => {
    setQuery(next);
    const formatted = formatCondition(next, fields);
    setIncomplete(formatted.incomplete);
    onChange({ ok: true, logic: formatted.logic });
  };

  const changeRaw = (source: string) => {
    if (source.trim() === '') {
      setRaw({ text: source });
      onChange({ ok: true, logic: undefined });
      return;
    }
    try {
      const parsed = JSON.parse(source) as JsonLogic;
      setRaw({ text: source });
      onChange({ ok: true, logic: parsed });
    } catch (cause) {
      setRaw({ text: source, error: `${text.notJson}: ${cause instanceof Error ? cause.message : String(cause)}` });
      onChange({ ok: false });
    }
  };

  const showRaw = () => {
    setUnshowable(false);
    setRaw({ text: query ? pretty(formatCondition(query, fields).logic) : '' });
  };
  const showBuilder = () => {
    if (!raw || raw.error) return;
    const parsed = parseCondition(raw.text.trim() === '' ? undefined : JSON.parse(raw.text), fields);
    if (!parsed) {
      setUnshowable(true);
      return;
    }
    setQuery(parsed);
    setRaw(null);
  };

  return (
    <div className="condition-builder" data-testid={props.testId}>
      <div className="condition-toolbar">
        {props.label ? <span className="condition-caption">{props.label}</span> : null}
        <div className="segmented">
          <button type="button" aria-pressed={raw === null} className="secondary" onClick={showBuilder} disabled={raw !== null && raw.error !== undefined}>
            {text.builder}
          </button>
          <button type="button" aria-pressed={raw !== null} className="secondary" onClick={showRaw}>
            {text.rawJson}
          </button>
        </div>
      </div>
      {raw ? (
        <div className="condition-raw">
          <JsonControl
            label={text.rawLabel}
            text={raw.text}
            onChange={changeRaw}
            parseError={raw.error}
            errors={unshowable ? [text.notRepresentable] : undefined}
          />
        </div>
      ) : (
        <>
          <QueryBuilder
            fields={builderFields}
            query={query ?? { combinator: 'and', rules: [] }}
            onQueryChange={changeQuery}
            combinators={[
              { name: 'and', label: text.and },
              { name: 'or', label: text.or },
            ]}
            showNotToggle
            resetOnFieldChange
            controlElements={{ valueEditor: TesseraValueEditor }}
            translations={{
              fields: { title: text.field },
              operators: { title: text.operator },
              value: { title: text.value },
              values: { title: text.value },
              addRule: { label: text.addRule, title: text.addRuleTitle },
              addGroup: { label: text.addGroup, title: text.addGroupTitle },
              removeRule: { label: '⨯', title: text.removeRule },
              removeGroup: { label: '⨯', title: text.removeGroup },
              combinators: { title: text.combinator },
              notToggle: { label: text.not, title: text.notTitle },
            }}
          />
          {incomplete > 0 ? (
            <p className="hint" role="status">
              {`${incomplete} ${text.incomplete}`}
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

/**
 * "has any of" / "has all of" on a many-to-many field pick records by name (the form's multi-lookup);
 * "within N km of" takes a point and a radius; every other value editor is the library's.
 */
function TesseraValueEditor(props: ValueEditorProps) {
  const target = (props.fieldData as { target?: unknown }).target;
  if (props.operator === 'within') return <WithinEditor {...props} />;
  if ((props.operator !== 'hasAny' && props.operator !== 'hasAll') || typeof target !== 'string') return <ValueEditor {...props} />;
  return (
    <MultiLookup
      id={`${props.path.join('-')}-links`}
      name={props.field}
      label={props.fieldData.label}
      target={target}
      value={props.value}
      disabled={Boolean(props.disabled)}
      onChange={(ids) => props.handleOnChange(ids)}
    />
  );
}
