// ui:widget "multilookup" (many-to-many fields): the linked records as chips with their names, each
// removable by its × button, and a combobox that searches the target's records as the user types
// (GET /objects/:target/lookup, like the lookup widget). Keyboard: ↓/↑ move through the options,
// Enter links the active one, Escape closes the list, Backspace in an empty box removes the last
// chip. The value is the list of ids; removing the last chip gives [] (which clears the set on save).
import type { WidgetProps } from '@rjsf/utils';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LookupOption } from '../api/index.ts';
import { useSession } from '../shell/session.tsx';
import { linkedNames } from './linked-names.ts';

const SEARCH_DELAY_MS = 150;

export function MultiLookupWidget(props: WidgetProps) {
  return (
    <MultiLookup
      id={props.id}
      name={props.name}
      label={props.label || props.name}
      target={String(props.options.target ?? '')}
      value={props.value}
      disabled={Boolean(props.disabled || props.readonly)}
      onChange={props.onChange}
    />
  );
}

export interface MultiLookupProps {
  id: string;
  name: string;
  /** The chips' and the box's accessible name. */
  label: string;
  /** The object whose records are linked. */
  target: string;
  /** The ids (anything else counts as none). */
  value: unknown;
  disabled: boolean;
  onChange: (ids: string[]) => void;
}

/** The picker itself: also the condition builder's value editor for "has any of" (conditions/). */
export function MultiLookup(props: MultiLookupProps) {
  const { client, metadata, messages } = useSession();
  const { target, disabled } = props;
  const ids = useMemo(() => (Array.isArray(props.value) ? props.value.filter((id): id is string => typeof id === 'string') : []), [props.value]);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const [text, setText] = useState('');
  const [options, setOptions] = useState<LookupOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  // Ids that arrive from outside (a stored record, a prefill) get their names in one request.
  const missing = ids.filter((id) => !names.has(id));
  const missingKey = missing.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `missingKey` stands for `missing`.
  useEffect(() => {
    if (missing.length === 0) return;
    const nameField = metadata.status === 'ready' ? (metadata.metadata.objects.find((object) => object.apiName === target)?.nameField ?? undefined) : undefined;
    let current = true;
    linkedNames(client, target, nameField, missing).then(
      (found) => current && setNames((known) => new Map([...known, ...missing.map((id) => [id, found.get(id) ?? id] as const)])),
      () => current && setNames((known) => new Map([...known, ...missing.map((id) => [id, id] as const)])),
    );
    return () => {
      current = false;
    };
  }, [client, metadata, target, missingKey]);

  useEffect(() => {
    if (!open) return;
    let current = true;
    const timer = setTimeout(() => {
      client.lookup(target, text).then(
        (found) => {
          if (!current) return;
          setOptions(found.data);
          setActive(0);
        },
        () => current && setOptions([]),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, target, text, open]);

  const offered = options.filter((option) => !ids.includes(option.id));
  const link = useCallback(
    (option: LookupOption) => {
      setNames((known) => new Map(known).set(option.id, option.name ?? option.id));
      setText('');
      props.onChange([...ids, option.id]);
    },
    [ids, props.onChange],
  );
  const unlink = (id: string) => props.onChange(ids.filter((each) => each !== id));

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (offered.length > 0) setActive((index) => (index + (event.key === 'ArrowDown' ? 1 : offered.length - 1)) % offered.length);
    } else if (event.key === 'Enter') {
      // Enter links the active option instead of submitting the form.
      const option = open ? offered[active] : undefined;
      if (option) {
        event.preventDefault();
        link(option);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    } else if (event.key === 'Backspace' && text === '' && ids.length > 0) {
      unlink(ids[ids.length - 1] as string);
    }
  }

  const listId = `${props.id}__options`;
  const optionId = (index: number) => `${props.id}__option_${index}`;
  const label = props.label;
  return (
    <div className="lookup multi-lookup" data-testid={`multilookup-${props.name}`}>
      <ul className="link-chips" aria-label={label}>
        {ids.map((id) => {
          const name = names.get(id) ?? id;
          return (
            <li key={id} className="link-chip" data-id={id}>
              <span>{name}</span>
              {disabled ? null : (
                <button type="button" className="link-chip-remove" aria-label={messages.removeLinked.replace('{name}', name)} onClick={() => unlink(id)}>
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {disabled ? null : (
        <input
          id={props.id}
          role="combobox"
          aria-label={label}
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={open && offered[active] ? optionId(active) : undefined}
          autoComplete="off"
          placeholder={messages.searchPlaceholder}
          value={text}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
        />
      )}
      {open && !disabled ? (
        <div id={listId} role="listbox" className="lookup-options">
          {offered.length === 0 ? <div className="muted">{messages.noMatches}</div> : null}
          {offered.map((option, index) => (
            <div
              key={option.id}
              id={optionId(index)}
              role="option"
              tabIndex={-1}
              aria-selected={index === active}
              data-id={option.id}
              onMouseDown={(event) => {
                event.preventDefault();
                link(option);
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
