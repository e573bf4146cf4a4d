// One object's fields: type (with a lookup's target, a formula's result, a roll-up's source),
// labels, required and unique. A field's api name opens the field editor; "Add field" a blank one.
import type { FieldDefinition, ObjectDefinition } from '../api/index.ts';
import { pickLabel } from '../i18n/language.ts';
import { useSession } from '../shell/session.tsx';
import { useSetupMessages } from './use-setup-messages.ts';

type ListedField = FieldDefinition & { returns?: string; childObject?: string };

export function FieldTable(props: { object: ObjectDefinition; onAdd: () => void; onEdit: (field: string) => void }) {
  const { language, messages } = useSession();
  const text = useSetupMessages();
  const { object } = props;
  const fields = object.fields as ListedField[];
  return (
    <section aria-labelledby="field-table-title">
      <div className="section-header">
        <h2 id="field-table-title">
          {pickLabel(object.labels, language, object.apiName)} · {messages.fields}
        </h2>
        <button type="button" onClick={props.onAdd}>
          + {text.addField}
        </button>
      </div>
      <table className="grid" data-testid="field-table">
        <thead>
          <tr>
            <th>{messages.apiName}</th>
            <th>{messages.type}</th>
            <th>{messages.labelEn}</th>
            <th>{messages.labelZh}</th>
            <th>{messages.required}</th>
            <th>{messages.unique}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.apiName} data-field={field.apiName}>
              <td>
                <button type="button" className="link-like" aria-label={`${text.edit} ${field.apiName}`} onClick={() => props.onEdit(field.apiName)}>
                  <code>{field.apiName}</code>
                </button>
              </td>
              <td title={text.terms.fieldTypes[field.type]}>
                {field.type}
                {field.type === 'lookup' && field.target ? <span className="muted"> → {field.target}</span> : null}
                {field.returns ? <span className="muted"> → {field.returns}</span> : null}
                {field.childObject ? <span className="muted"> ← {field.childObject}</span> : null}
              </td>
              <td>{field.labels.en ?? messages.none}</td>
              <td lang="zh">{field.labels.zh ?? messages.none}</td>
              <td>{field.required ? '✓' : ''}</td>
              <td>{field.unique ? '✓' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
