// The object page's Record types tab: each record type with its names, status, default flag,
// layout and restricted picklists; New and Edit open the record type editor (plan → review → apply).
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { useLayoutMessages } from '../layouts/layout-messages.ts';
import { useSetupMessages } from '../use-setup-messages.ts';

export function RecordTypesSection(props: { object: ObjectDefinition; onAdd: () => void; onEdit: (recordType: string) => void }) {
  const { language, messages } = useSession();
  const text = useLayoutMessages();
  const setupText = useSetupMessages();
  const recordTypes = props.object.recordTypes ?? [];
  const layoutName = (apiName: string | null) => {
    const layout = props.object.layouts?.find((entry) => entry.apiName === apiName);
    return layout ? pickLabel(layout.labels, language, layout.apiName) : messages.none;
  };
  const fieldName = (apiName: string) => {
    const field = props.object.fields.find((entry) => entry.apiName === apiName);
    return field ? pickLabel(field.labels, language, apiName) : apiName;
  };
  return (
    <section aria-labelledby="record-types-title" data-testid="record-types">
      <div className="section-header">
        <h2 id="record-types-title">{text.recordTypes}</h2>
        <button type="button" onClick={props.onAdd}>
          + {text.newRecordType}
        </button>
      </div>
      {recordTypes.length === 0 ? (
        <p className="muted">{text.noRecordTypes}</p>
      ) : (
        <table className="grid" data-testid="record-type-table">
          <thead>
            <tr>
              <th>{setupText.apiName}</th>
              <th>{setupText.labelZh}</th>
              <th>{setupText.labelEn}</th>
              <th>{text.status}</th>
              <th>{text.layout}</th>
              <th>{text.picklistSubsets}</th>
            </tr>
          </thead>
          <tbody>
            {recordTypes.map((recordType) => (
              <tr key={recordType.apiName} data-record-type={recordType.apiName}>
                <td>
                  <button
                    type="button"
                    className="link-like"
                    aria-label={`${setupText.edit} ${recordType.apiName}`}
                    onClick={() => props.onEdit(recordType.apiName)}
                  >
                    <code>{recordType.apiName}</code>
                  </button>
                </td>
                <td lang="zh">{recordType.labels.zh ?? messages.none}</td>
                <td>{recordType.labels.en ?? messages.none}</td>
                <td>
                  {recordType.active ? text.active : text.inactive}
                  {recordType.default ? <span className="rule-badge">{text.defaultBadge}</span> : null}
                </td>
                <td>{layoutName(recordType.layout)}</td>
                <td>
                  {Object.entries(recordType.picklistValues)
                    .map(([field, values]) => `${fieldName(field)}: ${values.length}`)
                    .join('; ') || messages.none}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
