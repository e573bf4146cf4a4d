// A combobox that searches as the user types and stores the picked option's id: the body of the
// "lookup" widget (records of the target object) and the "user" widget (colleagues, for owners).
import type { WidgetProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { useSession } from '../shell/session.tsx';

const SEARCH_DELAY_MS = 150;

export interface PickOption {
  id: string;
  name: string | null;
}

export interface SearchPickerProps {
  id: string;
  name: string;
  /** The combobox's accessible name where no <label for> names it. */
  label?: string;
  /** The stored id, or undefined. */
  value: string | undefined;
  disabled: boolean;
  /** Options for a typed text (an empty text may list the first few). */
  search: (text: string) => Promise<PickOption[]>;
  /** The name to show for an id that arrives from outside (editing a stored record). */
  nameOf: (id: string) => Promise<string>;
  onChange: (id: string | undefined) => void;
}

/** What a picker takes from the rjsf widget it serves: its id, name, value, disabled state and onChange. */
export function widgetPickerProps(props: WidgetProps): Pick<SearchPickerProps, 'id' | 'name' | 'value' | 'disabled' | 'onChange'> {
  return {
    id: props.id,
    name: props.name,
    value: typeof props.value === 'string' && props.value !== '' ? props.value : undefined,
    disabled: Boolean(props.disabled || props.readonly),
    onChange: (id) => props.onChange(id),
  };
}

export function SearchPicker(props: SearchPickerProps) {
  const { messages } = useSession();
  const { value, search, nameOf } = props;
  const [text, setText] = useState('');
  const [options, setOptions] = useState<PickOption[]>([]);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!value) return;
    let current = true;
    nameOf(value).then(
      (name) => current && setText(name),
      () => current && setText(value),
    );
    return () => {
      current = false;
    };
  }, [nameOf, value]);

  useEffect(() => {
    if (!open) return;
    let current = true;
    const timer = setTimeout(() => {
      search(text).then(
        (found) => current && setOptions(found),
        () => current && setOptions([]),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [search, text, open]);

  const listId = `${props.id}__options`;
  return (
    <div className="lookup" data-testid={`lookup-${props.name}`}>
      <input
        id={props.id}
        role="combobox"
        aria-label={props.label}
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        autoComplete="off"
        placeholder={messages.searchPlaceholder}
        value={text}
        disabled={props.disabled}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          // Typing discards the choice until an option is picked again.
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
