// ui:widget "lookup": type to search the target object's records by name (GET
// /objects/:target/lookup), pick one from the list; the field's value is the record id.
import type { WidgetProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import type { LookupOption } from '../api/index.ts';
import { useSession } from '../shell/session.tsx';

const SEARCH_DELAY_MS = 150;

export function LookupWidget(props: WidgetProps) {
  const { client, metadata, messages } = useSession();
  const target = String(props.options.target ?? '');
  const value = typeof props.value === 'string' && props.value !== '' ? props.value : undefined;
  const [text, setText] = useState('');
  const [options, setOptions] = useState<LookupOption[]>([]);
  const [open, setOpen] = useState(false);

  // The chosen record's name, when the value arrives from outside (editing a stored record).
  useEffect(() => {
    if (!value || metadata.status !== 'ready') return;
    const nameField = metadata.metadata.objects.find((object) => object.apiName === target)?.nameField;
    let current = true;
    client.getRecord(target, value).then(
      (record) => current && setText(String((nameField ? record[nameField] : undefined) ?? value)),
      () => current && setText(value),
    );
    return () => {
      current = false;
    };
  }, [client, metadata, target, value]);

  useEffect(() => {
    if (!open) return;
    let current = true;
    const timer = setTimeout(() => {
      client.lookup(target, text).then(
        (found) => current && setOptions(found.data),
        () => current && setOptions([]),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, target, text, open]);

  const listId = `${props.id}__options`;
  return (
    <div className="lookup" data-testid={`lookup-${props.name}`}>
      <input
        id={props.id}
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        placeholder={messages.searchPlaceholder}
        value={text}
        disabled={props.disabled || props.readonly}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          // Typing discards the choice until a record is picked again.
          if (value) props.onChange(undefined);
        }}
      />
      {open ? (
        <div id={listId} role="listbox" className="lookup-options">
          {options.length === 0 ? <div className="muted">{messages.noMatches}</div> : null}
          {options.map((option) => (
            <div
              key={option.id}
              role="option"
              tabIndex={-1}
              aria-selected={option.id === value}
              data-id={option.id}
              onMouseDown={(event) => {
                event.preventDefault();
                setText(option.name ?? option.id);
                setOpen(false);
                props.onChange(option.id);
              }}
            >
              {option.name ?? option.id}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
