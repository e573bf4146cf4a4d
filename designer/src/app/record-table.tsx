// The list's table: one column per shown field (sortable headers), values formatted by locale
// (record/format-value.ts: currency, dates, picklist labels), lookups by the target's name with a
// link (the list asks for them expanded). While a page loads it says so: "no records" only when
// the server answered with none. On a phone each row becomes a card (list/list.css), each cell
// labelled by its field (data-label).
import { FileValues } from '../files/file-value.tsx';
import type { FieldDefinition, ObjectDefinition, RecordData } from '../api/index.ts';
import { pickLabel } from '../i18n/language.ts';
import { Link } from '../shell/link.tsx';
import { useSession } from '../shell/session.tsx';
import { formatValue } from './record/format-value.ts';
import { LinkChips } from './record/link-chips.tsx';
import { PersonName } from './people/person-name.tsx';

/** Rows the user ticked for a mass action (list/mass-actions-bar.tsx). */
export interface RowSelection {
  selected: ReadonlySet<string>;
  toggle: (id: string, on: boolean) => void;
  togglePage: (on: boolean) => void;
  /** Accessible names: "Select {name}" and "Select every record on this page". */
  rowLabel: (name: string) => string;
  pageLabel: string;
}

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
  /** A checkbox column for mass actions; absent: no selection. */
  selection?: RowSelection;
}) {
  const { language, messages, metadata } = useSession();
  const { fields, records, sort } = props;
  const objects: readonly ObjectDefinition[] = metadata.status === 'ready' ? metadata.metadata.objects : [];
  const label = (field: FieldDefinition) => pickLabel(field.labels, language, field.apiName);
  const { selection } = props;
  const pageSelected = selection !== undefined && records.length > 0 && records.every((record) => selection.selected.has(record.id));
  const columnCount = fields.length + (selection ? 1 : 0);
  const first = fields[0];
  const rowName = (record: RecordData) => (first ? formatValue(first, record[first.apiName], language, objects).text : '');
  return (
    <table className="grid records" data-testid="record-table">
      <thead>
        <tr>
          {selection ? (
            <th className="select-cell">
              <input type="checkbox" aria-label={selection.pageLabel} checked={pageSelected} onChange={(event) => selection.togglePage(event.target.checked)} />
            </th>
          ) : null}
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
            <td colSpan={Math.max(1, columnCount)} className="muted" aria-busy={props.loading ? true : undefined}>
              {props.loading ? (props.loadingText ?? messages.loading) : messages.noRecords}
            </td>
          </tr>
        ) : (
          records.map((record) => (
            <tr key={record.id} data-id={record.id} className={selection?.selected.has(record.id) ? 'selected' : undefined}>
              {selection ? (
                <td className="select-cell">
                  <input
                    type="checkbox"
                    aria-label={selection.rowLabel(rowName(record) || record.id)}
                    checked={selection.selected.has(record.id)}
                    onChange={(event) => selection.toggle(record.id, event.target.checked)}
                  />
                </td>
              ) : null}
              {fields.map((field, index) => {
                const shown = formatValue(field, record[field.apiName], language, objects);
                return (
                  <td key={field.apiName} data-field={field.apiName} data-label={label(field)} className={isNumeric(field) ? 'numeric' : undefined}>
                    {index === 0 && props.recordHref ? (
                      <Link to={props.recordHref(record)}>{shown.text || '—'}</Link>
                    ) : shown.files ? (
                      <FileValues value={record[field.apiName]} />
                    ) : shown.href ? (
                      <Link to={shown.href}>{shown.text}</Link>
                    ) : shown.links ? (
                      <LinkChips links={shown.links} />
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
