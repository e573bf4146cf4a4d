// Sorting without the header row (hidden on a phone, and handy from the keyboard): a field and a
// direction in one select. Types the API does not sort (multi-selects, rich text) are not offered;
// lookup paths (`account.region`) sort wherever their target field sorts.
import type { FieldDefinition, ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { isSortableType } from '../../paths/lookup-path-fields.ts';
import { useSession } from '../../shell/session.tsx';
import { listMessagesFor } from './list-messages.ts';

export function SortSelect(props: {
  object: ObjectDefinition;
  paths: readonly FieldDefinition[];
  sort: string | null;
  onChange: (sort: string | null) => void;
}) {
  const { language } = useSession();
  const words = listMessagesFor(language);
  const sortable = [...props.object.fields, ...props.paths].filter((field) => isSortableType(field.type));
  return (
    <select aria-label={words.sortBy} value={props.sort ?? ''} onChange={(event) => props.onChange(event.target.value || null)}>
      <option value="">{words.defaultOrder}</option>
      {sortable.flatMap((field) => {
        const label = pickLabel(field.labels, language, field.apiName);
        return [
          <option key={field.apiName} value={field.apiName}>
            {label} ↑
          </option>,
          <option key={`-${field.apiName}`} value={`-${field.apiName}`}>
            {label} ↓
          </option>,
        ];
      })}
    </select>
  );
}
