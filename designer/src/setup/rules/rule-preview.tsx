// "Test against a record": the rule being edited, evaluated as the admin builds it with the shared
// evaluator from @tessera/metadata (the code the server runs on every write), on one of the
// object's records or on sample values the admin types (prefilled from the picked record). Only
// the fields the condition reads get a box.
import { applyRule, isTruthy, ruleContextAt, ruleData, varNames } from '@tessera/metadata';
import { useEffect, useId, useMemo, useState } from 'react';
import type { ObjectDefinition, RecordData } from '../../api/index.ts';
import { type ConditionField, conditionFieldsOf } from '../../conditions/condition-fields.ts';
import { useSession } from '../../shell/session.tsx';
import { CheckControl, TextControl } from '../form-controls.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';

const PREVIEW_RECORDS = 50;

type Sample = Record<string, string | boolean>;

const SAMPLE_INPUT_TYPE: Partial<Record<ConditionField['kind'], string>> = { number: 'number', date: 'date' };

/** A record's value as its box shows it. */
function boxValue(field: ConditionField, value: unknown): string | boolean {
  if (field.kind === 'boolean') return value === true;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  // A point reads as the record views show it: "31.2304, 121.4737".
  if (field.kind === 'geo' && typeof value === 'object') {
    const point = value as { latitude?: unknown; longitude?: unknown };
    return `${String(point.latitude)}, ${String(point.longitude)}`;
  }
  return String(value);
}

/** A box's text → the value the API would hold (a blank box is null). */
function recordValue(field: ConditionField, value: string | boolean): unknown {
  if (typeof value === 'boolean') return value;
  if (value.trim() === '') return null;
  if (field.kind === 'number') return Number.isFinite(Number(value)) ? Number(value) : value;
  if (field.kind === 'multipicklist' || field.kind === 'links') return value.split(',').map((item) => item.trim());
  if (field.kind === 'geo') {
    const [latitude, longitude] = value.split(/[,，]/).map((part) => Number(part.trim()));
    return Number.isFinite(latitude) && Number.isFinite(longitude) ? { latitude, longitude } : value;
  }
  return value;
}

export function RulePreview(props: { object: ObjectDefinition; condition: unknown; message: string }) {
  const { client, language } = useSession();
  const text = useSetupMessages();
  const selectId = useId();
  const [records, setRecords] = useState<RecordData[]>([]);
  const [picked, setPicked] = useState('');
  const [sample, setSample] = useState<Sample>({});
  const fields = useMemo(() => conditionFieldsOf(props.object.fields, language), [props.object.fields, language]);

  useEffect(() => {
    let current = true;
    client.listRecords(props.object.apiName, { limit: PREVIEW_RECORDS }).then(
      (page) => current && setRecords(page.data),
      // No records to pick (e.g. no read access): sample values still work.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, props.object.apiName]);

  const read = fields.filter((field) => varNames(props.condition).has(field.apiName));
  const record = records.find((entry) => entry.id === picked);
  const pick = (id: string) => {
    setPicked(id);
    const chosen = records.find((entry) => entry.id === id);
    setSample(Object.fromEntries(fields.map((field) => [field.apiName, boxValue(field, chosen?.[field.apiName])])));
  };

  const values = {
    ...(record ?? {}),
    ...Object.fromEntries(read.map((field) => [field.apiName, recordValue(field, sample[field.apiName] ?? boxValue(field, undefined))])),
  };
  const verdict = props.condition === undefined ? undefined : isTruthy(applyRule(props.condition, ruleData(values, ruleContextAt(new Date()))));
  const nameField = props.object.nameField ?? 'name';

  return (
    <section className="rule-preview wide" aria-labelledby={`${selectId}-title`} data-testid="rule-preview">
      <h3 id={`${selectId}-title`}>{text.testRule}</h3>
      <div className="control">
        <label htmlFor={selectId}>{text.testRecord}</label>
        <select id={selectId} value={picked} onChange={(event) => pick(event.target.value)}>
          <option value="">{text.sampleValuesOnly}</option>
          {records.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {String(entry[nameField] ?? entry.id)}
            </option>
          ))}
        </select>
      </div>
      {read.map((field) =>
        field.kind === 'boolean' ? (
          <CheckControl
            key={field.apiName}
            label={field.label}
            checked={sample[field.apiName] === true}
            onChange={(checked) => setSample({ ...sample, [field.apiName]: checked })}
          />
        ) : (
          <TextControl
            key={field.apiName}
            label={field.label}
            type={SAMPLE_INPUT_TYPE[field.kind]}
            value={String(sample[field.apiName] ?? '')}
            onChange={(value) => setSample({ ...sample, [field.apiName]: value })}
          />
        ),
      )}
      {verdict === undefined ? (
        <p className="muted">{text.noCondition}</p>
      ) : (
        <p role="status" className={verdict ? 'rule-verdict passes' : 'rule-verdict fails'} data-verdict={verdict ? 'pass' : 'fail'}>
          {verdict ? text.testPasses : `${text.testFails} “${props.message}”`}
        </p>
      )}
    </section>
  );
}
