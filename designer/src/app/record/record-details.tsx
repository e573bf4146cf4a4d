// The read view of one record: each field the reader may see (the API leaves hidden ones out),
// labelled in their language, values formatted by locale, lookups by name with links; then who
// owns it and when it was created and last changed.
import { FileValues } from '../../files/file-value.tsx';
import type { ObjectDefinition, RecordData } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { Link } from '../../shell/link.tsx';
import { useSession } from '../../shell/session.tsx';
import { usePersonName } from '../people/use-people.ts';
import { RichTextView } from '../../richtext/rich-text-view.tsx';
import { formatInstant, formatValue, type Shown } from './format-value.ts';
import { LinkChips } from './link-chips.tsx';
import { recordMessagesFor } from './record-messages.ts';

export function RecordDetails(props: { object: ObjectDefinition; record: RecordData; objects: readonly ObjectDefinition[] }) {
  const { object, record, objects } = props;
  const { language, me } = useSession();
  const text = recordMessagesFor(language);
  const fields = object.fields.filter((field) => field.apiName in record);
  const owner = typeof record.owner_id === 'string' ? record.owner_id : null;
  const ownerName = usePersonName(owner);
  const system: [string, Shown][] = [
    [text.owner, { text: owner && owner === me.user?.id ? `${ownerName} (${text.you})` : ownerName }],
    [text.createdAt, { text: typeof record.created_at === 'string' ? formatInstant(record.created_at, language) : '' }],
    [text.updatedAt, { text: typeof record.updated_at === 'string' ? formatInstant(record.updated_at, language) : '' }],
  ];
  return (
    <dl className="record-details" data-testid="record-details">
      {fields.map((field) => (
        <Pair
          key={field.apiName}
          name={field.apiName}
          label={pickLabel(field.labels, language, field.apiName)}
          shown={formatValue(field, record[field.apiName], language, objects)}
          value={record[field.apiName]}
          empty={text.empty}
        />
      ))}
      {system.map(([label, shown]) => (
        <Pair key={label} name={label} label={label} shown={shown} empty={text.empty} />
      ))}
    </dl>
  );
}

function Pair(props: { name: string; label: string; shown: Shown; empty: string; value?: unknown }) {
  const { shown } = props;
  return (
    <div className="record-pair" data-field={props.name}>
      <dt>{props.label}</dt>
      <dd>
        {shown.files && shown.text ? (
          <FileValues value={props.value} size="large" />
        ) : shown.html && shown.text ? (
          <RichTextView html={shown.html} />
        ) : shown.href ? (
          <Link to={shown.href}>{shown.text}</Link>
        ) : shown.links ? (
          <LinkChips links={shown.links} />
        ) : (
          shown.text || <span className="muted">{props.empty}</span>
        )}
      </dd>
    </div>
  );
}
