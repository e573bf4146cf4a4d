import type { FieldDefinition, RecordData } from '../api/index.ts';
import { pickLabel } from '../i18n/language.ts';
import { Link } from '../shell/link.tsx';
import { useSession } from '../shell/session.tsx';
import { formatCell } from './field-values.ts';

/** `sort` is one API sort key: `name` ascending, `-name` descending, null for the server's order. */
export function RecordTable(props: {
  fields: FieldDefinition[];
  records: RecordData[];
  sort: string | null;
  onSort: (field: string) => void;
  /** Where the first cell of a row links to (the record page); no link when absent. */
  recordHref?: (record: RecordData) => string;
}) {
  const { language, messages } = useSession();
  const { fields, records, sort } = props;
  return (
    <table className="grid records" data-testid="record-table">
      <thead>
        <tr>
          {fields.map((field) => {
            const direction = sort === field.apiName ? 'ascending' : sort === `-${field.apiName}` ? 'descending' : 'none';
            return (
              <th key={field.apiName} aria-sort={direction} data-field={field.apiName} className={isNumeric(field) ? 'numeric' : undefined}>
                <button type="button" className="sort-button" onClick={() => props.onSort(field.apiName)}>
                  {pickLabel(field.labels, language, field.apiName)}
                  <span className="sort-mark">{direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}</span>
                </button>
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {records.length === 0 ? (
          <tr>
            <td colSpan={Math.max(1, fields.length)} className="muted">
              {messages.noRecords}
            </td>
          </tr>
        ) : (
          records.map((record) => (
            <tr key={record.id} data-id={record.id}>
              {fields.map((field, index) => (
                <td key={field.apiName} data-field={field.apiName} className={isNumeric(field) ? 'numeric' : undefined}>
                  {index === 0 && props.recordHref ? <Link to={props.recordHref(record)}>{formatCell(field, record, language)}</Link> : formatCell(field, record, language)}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}

function isNumeric(field: FieldDefinition): boolean {
  return field.type === 'number' || field.type === 'currency' || field.type === 'percent';
}
