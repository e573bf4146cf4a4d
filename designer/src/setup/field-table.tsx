import type { ObjectDefinition } from '../api/index.ts';
import { pickLabel } from '../i18n/language.ts';
import { useSession } from '../shell/session.tsx';

export function FieldTable(props: { object: ObjectDefinition }) {
  const { language, messages } = useSession();
  const { object } = props;
  return (
    <>
      <h2>
        {pickLabel(object.labels, language, object.apiName)} · {messages.fields}
      </h2>
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
          {object.fields.map((field) => (
            <tr key={field.apiName} data-field={field.apiName}>
              <td>
                <code>{field.apiName}</code>
              </td>
              <td>
                {field.type}
                {field.type === 'lookup' && field.target ? <span className="muted"> → {field.target}</span> : null}
              </td>
              <td>{field.labels.en ?? messages.none}</td>
              <td lang="zh">{field.labels.zh ?? messages.none}</td>
              <td>{field.required ? '✓' : ''}</td>
              <td>{field.unique ? '✓' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
