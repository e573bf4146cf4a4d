// Setup, a picklist's controlling field (issue #21): choose a picklist or boolean field of the same
// (live) object, then tick per controlling value which of this field's values it allows — a matrix
// with one row per value of this field and one column per controlling value. An empty column
// allows nothing; the metamodel checks the result when the plan is made.
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { SelectControl } from '../form-controls.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';
import type { TypeEditorProps } from './type-editor-props.ts';

type Matrix = Record<string, string[]>;

export function DependentValuesEditor(props: TypeEditorProps) {
  const text = useSetupMessages();
  const { language } = useSession();
  const { draft, setField, errors } = props;
  const object = props.liveObjects.find((candidate) => candidate.apiName === props.objectApiName);
  const own = typeof draft.field.apiName === 'string' ? draft.field.apiName : '';
  const controllers = (object?.fields ?? []).filter((field) => (field.type === 'picklist' || field.type === 'boolean') && field.apiName !== own);
  const chosen = typeof draft.field.controllingField === 'string' ? draft.field.controllingField : '';
  const controller = controllers.find((field) => field.apiName === chosen);
  const matrix: Matrix = (draft.field.dependentValues as Matrix | undefined) ?? {};
  const columns =
    controller?.type === 'picklist'
      ? controller.values.map((value) => ({ key: value.apiName, label: pickLabel(value.labels, language, value.apiName) }))
      : controller
        ? [
            { key: 'true', label: text.booleanTrue },
            { key: 'false', label: text.booleanFalse },
          ]
        : [];
  const rows = draft.values.map((row) => row.value).filter((value) => value.apiName !== '');

  const choose = (apiName: string) => {
    setField('controllingField', apiName || undefined);
    setField('dependentValues', apiName ? {} : undefined);
  };
  const toggle = (column: string, value: string, on: boolean) => {
    const current = matrix[column] ?? [];
    const next = on ? [...current, value] : current.filter((item) => item !== value);
    // Keep the order of this field's values, so the saved document reads like the matrix.
    const ordered = rows.map((row) => row.apiName).filter((name) => next.includes(name));
    setField('dependentValues', { ...matrix, [column]: ordered });
  };
  const problems = errors('/dependentValues');

  return (
    <fieldset className="dependent-values" data-testid="dependent-values">
      <legend>{text.controllingField}</legend>
      <SelectControl
        label={text.controllingField}
        value={chosen}
        empty={text.noControllingField}
        options={controllers.map((field) => ({ value: field.apiName, label: `${pickLabel(field.labels, language, field.apiName)} (${field.apiName})` }))}
        onChange={choose}
        errors={errors('/controllingField')}
      />
      {controller && columns.length > 0 ? (
        <>
          <p className="hint">{text.dependentMatrixHint}</p>
          <table className="dependent-matrix" data-testid="dependent-matrix">
            <thead>
              <tr>
                <th scope="col">{text.dependentValue}</th>
                {columns.map((column) => (
                  <th key={column.key} scope="col">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.apiName}>
                  <th scope="row">{pickLabel(row.labels, language, row.apiName)}</th>
                  {columns.map((column) => (
                    <td key={column.key}>
                      <input
                        type="checkbox"
                        data-testid={`dependent-${row.apiName}-${column.key}`}
                        aria-label={`${pickLabel(row.labels, language, row.apiName)} / ${column.label}`}
                        checked={(matrix[column.key] ?? []).includes(row.apiName)}
                        onChange={(event) => toggle(column.key, row.apiName, event.target.checked)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {problems.map((problem) => (
        <p key={problem} className="error" role="alert">
          {problem}
        </p>
      ))}
    </fieldset>
  );
}

/** An autonumber's format per record type of the (live) object; an empty box uses the field's format. */
export function FormatsByRecordTypeEditor(props: TypeEditorProps) {
  const text = useSetupMessages();
  const { language } = useSession();
  const object = props.liveObjects.find((candidate) => candidate.apiName === props.objectApiName);
  const recordTypes = object?.recordTypes ?? [];
  const problems = props.errors('/formatsByRecordType');
  if (recordTypes.length === 0 && problems.length === 0) return null;
  const formats = (props.draft.field.formatsByRecordType as Record<string, string> | undefined) ?? {};
  const change = (recordType: string, format: string) => {
    const { [recordType]: _old, ...rest } = formats;
    const next = format === '' ? rest : { ...rest, [recordType]: format };
    props.setField('formatsByRecordType', Object.keys(next).length > 0 ? next : undefined);
  };
  return (
    <fieldset className="formats-by-record-type" data-testid="formats-by-record-type">
      <legend>{text.formatsByRecordType}</legend>
      <p className="hint">{text.formatsByRecordTypeHint}</p>
      {recordTypes.map((recordType) => (
        <label key={recordType.apiName} className="control">
          <span>
            {pickLabel(recordType.labels, language, recordType.apiName)} ({recordType.apiName})
          </span>
          <input
            type="text"
            data-testid={`format-${recordType.apiName}`}
            value={formats[recordType.apiName] ?? ''}
            onChange={(event) => change(recordType.apiName, event.target.value)}
          />
        </label>
      ))}
      {problems.map((problem) => (
        <p key={problem} className="error" role="alert">
          {problem}
        </p>
      ))}
    </fieldset>
  );
}
