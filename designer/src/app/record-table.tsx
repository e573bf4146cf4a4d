// The list's table: one column per shown field (sortable headers), values formatted by locale
// (record/format-value.ts: currency, dates, picklist labels), lookups by the target's name with a
// link (the list asks for them expanded). While a page loads it says so: "no records" only when
// the server answered with none. On a phone each row becomes a card (list/list.css), each cell
// labelled by its field (data-label).
import type { FieldDefinition, ObjectDefinition, RecordData } from '../api/index.ts';
import { pickLabel } from '../i18n/language.ts';
import { Link } from '../shell/link.tsx';
import { useSession } from '../shell/session.tsx';
import { formatValue } from './record/format-value.ts';
import { PersonName } from './people/person-name.tsx';

/** `sort` is one API sort key: `name` ascending, `-name` descending, null for the server's order. */
export function RecordTable(props: {
  fields: FieldDefinition[];
  records: RecordData[];
  sort: string | null;
  onSort: (field: string) => void;
  /** Where the first cell of a row links to (the record page); no link when absent. */
  recordHref?: (record: RecordData) => string;
  /** A page is on its way: show that instead of "no records". */
  loading?: boolean;
  loadingText?: string;
}) {
  const { language, messages, metadata } = useSession();
  const { fields, records, sort } = props;
  const objects: readonly ObjectDefinition[] = metadata.status === 'ready' ? metadata.metadata.objects : [];
  const label = (field: FieldDefinition) => pickLabel(field.labels, language, field.apiName);
  return (
    <table className="grid records" data-testid="record-table">
      <thead>
        <tr>
          {fields.map((field) => {
            const direction = sort === field.apiName ? 'ascending' : sort === `-${field.apiName}` ? 'descending' : 'none';
            return (
              <th key={field.apiName} aria-sort={direction} data-field={field.apiName} className={isNumeric(field) ? 'numeric' : undefined}>
                <button type="button" className="sort-button" onClick={() => props.onSort(field.apiName)}>
                  {label(field)}
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
            <td colSpan={Math.max(1, fields.length)} className="muted" aria-busy={props.loading ? true : undefined}>
              {props.loading ? (props.loadingText ?? messages.loading) : messages.noRecords}
            </td>
          </tr>
        ) : (
          records.map((record) => (
            <tr key={record.id} data-id={record.id}>
              {fields.map((field, index) => {
                const shown = formatValue(field, record[field.apiName], language, objects);
                return (
                  <td key={field.apiName} data-field={field.apiName} data-label={label(field)} className={isNumeric(field) ? 'numeric' : undefined}>
                    {index === 0 && props.recordHref ? (
                      <Link to={props.recordHref(record)}>{shown.text || '—'}</Link>
                    ) : shown.href ? (
                      <Link to={shown.href}>{shown.text}</Link>
                    ) : field.type === 'user' && typeof record[field.apiName] === 'string' ? (
                      <PersonName id={record[field.apiName] as string} />
                    ) : (
                      shown.text
                    )}
                  </td>
                );
              })}
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
