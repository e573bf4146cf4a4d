// Which fields the list shows: a checkbox per field in the object's order (at least one stays on),
// and under each lookup the looked-up object's fields ("客户 › 地区"), asked for by path (`fields=account.region`).
import type { FieldDefinition, ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { pathLookupOf } from '../../paths/lookup-path-fields.ts';
import { useSession } from '../../shell/session.tsx';
import { listMessagesFor } from './list-messages.ts';
import { columnOrder } from './list-state.ts';

export function ColumnChooser(props: {
  object: ObjectDefinition;
  /** The object's one-hop path fields (lookup-path-fields.ts). */
  paths: readonly FieldDefinition[];
  columns: string[] | null;
  onChange: (columns: string[]) => void;
}) {
  const { language } = useSession();
  const words = listMessagesFor(language);
  const order = columnOrder(props.object, props.paths);
  const shown = new Set(props.columns ?? props.object.fields.map((field) => field.apiName));
  function toggle(name: string, on: boolean) {
    const next = order.map((field) => field.apiName).filter((candidate) => (candidate === name ? on : shown.has(candidate)));
    if (next.length > 0) props.onChange(next);
  }
  return (
    <details className="column-chooser">
      <summary>{words.columns}</summary>
      <fieldset aria-label={words.columns}>
        {order.map((field) => (
          <label key={field.apiName} className={pathLookupOf(field.apiName) ? 'inline path-column' : 'inline'}>
            <input type="checkbox" checked={shown.has(field.apiName)} onChange={(event) => toggle(field.apiName, event.target.checked)} />{' '}
            {pickLabel(field.labels, language, field.apiName)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
