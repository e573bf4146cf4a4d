// Step 2: one row per file column — its first value and a field picker (auto-matched by the
// server: api name, en or zh label), plus how bad rows and existing records are handled.
import { IMPORTABLE_TYPES } from '@tessera/metadata/import';
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import type { ImportSettings, Mapping, Preview } from './import-api.ts';
import { importMessagesFor } from './import-messages.ts';

export function MappingTable(props: { object: ObjectDefinition; preview: Preview; settings: ImportSettings; onChange: (settings: ImportSettings) => void }) {
  const { language } = useSession();
  const text = importMessagesFor(language);
  const { object, preview, settings, onChange } = props;
  const fields = object.fields.filter((field) => IMPORTABLE_TYPES.has(field.type));
  const keys = object.fields.filter((field) => field.externalId === true || field.unique === true);
  const setMapping = (column: string, field: string | null) => onChange({ ...settings, mapping: { ...settings.mapping, [column]: field } as Mapping });
  return (
    <section className="card import-mapping" aria-label={text.mapTitle}>
      <h3>{text.mapTitle}</h3>
      <table className="record-table">
        <thead>
          <tr>
            <th scope="col">{text.column}</th>
            <th scope="col">{text.sample}</th>
            <th scope="col">{text.field}</th>
          </tr>
        </thead>
        <tbody>
          {preview.columns.map((column, index) => (
            <tr key={column}>
              <td>{column}</td>
              <td className="muted">{preview.rows[0]?.[index] ?? ''}</td>
              <td>
                <select
                  aria-label={`${text.field}: ${column}`}
                  value={settings.mapping[column] ?? ''}
                  onChange={(event) => setMapping(column, event.target.value || null)}
                >
                  <option value="">{text.ignore}</option>
                  {fields.map((field) => (
                    <option key={field.apiName} value={field.apiName}>
                      {pickLabel(field.labels, language, field.apiName)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <fieldset>
        <legend>{text.mode}</legend>
        {(['all-or-nothing', 'skip-bad-rows'] as const).map((mode) => (
          <label key={mode}>
            <input type="radio" name="import-mode" checked={settings.mode === mode} onChange={() => onChange({ ...settings, mode })} />{' '}
            {mode === 'all-or-nothing' ? text.allOrNothing : text.skipBad}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{text.duplicates}</legend>
        {(['skip', 'update', 'create'] as const).map((duplicates) => (
          <label key={duplicates}>
            <input
              type="radio"
              name="import-duplicates"
              checked={settings.duplicates === duplicates}
              onChange={() => onChange({ ...settings, duplicates, matchField: settings.matchField ?? keys[0]?.apiName })}
            />{' '}
            {duplicates === 'skip' ? text.dupSkip : duplicates === 'update' ? text.dupUpdate : text.dupCreate}
          </label>
        ))}
        {keys.length > 0 && settings.duplicates !== 'create' ? (
          <label>
            {text.matchOn}{' '}
            <select value={settings.matchField ?? ''} onChange={(event) => onChange({ ...settings, matchField: event.target.value || undefined })}>
              <option value="">{text.none}</option>
              {keys.map((field) => (
                <option key={field.apiName} value={field.apiName}>
                  {pickLabel(field.labels, language, field.apiName)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </fieldset>
      <label>
        {text.mappingName}{' '}
        <input
          type="text"
          value={settings.saveMapping ?? ''}
          onChange={(event) => onChange({ ...settings, saveMapping: event.target.value.trim() || undefined })}
        />
      </label>
    </section>
  );
}
