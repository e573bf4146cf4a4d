// ui:field "polylookup" ("related to"): choose the object among the field's targets (labels in the
// UI language), then search its records by name with the lookup widget's picker. The value stays
// the API's `{object, id}`; an expanded `name` on a stored value is dropped (the API refuses it on
// write) but used at once as the picker's text. rjsf renders object values with fields, not widgets.
import type { FieldProps } from '@rjsf/utils';
import { useCallback, useId, useState } from 'react';
import { pickLabel } from '../i18n/language.ts';
import { useSession } from '../shell/session.tsx';
import { SearchPicker } from './search-picker.tsx';

interface Related {
  object?: string;
  id?: string;
  name?: string | null;
}

export function PolylookupField(props: FieldProps) {
  const { client, language, metadata, messages } = useSession();
  const selectId = useId();
  const targets = Array.isArray(props.uiSchema?.['ui:options']?.targets) ? (props.uiSchema['ui:options'].targets as string[]) : [];
  const value = (props.formData ?? {}) as Related;
  // The object chosen before a record is: kept here, since the value holds both or neither.
  const [chosen, setChosen] = useState<string>(value.object ?? targets[0] ?? '');
  const object = value.object ?? chosen;
  const objects = metadata.status === 'ready' ? metadata.metadata.objects : [];
  const definition = objects.find((candidate) => candidate.apiName === object);
  const disabled = Boolean(props.disabled || props.readonly);
  const change = (next: Related | undefined) => props.onChange(next, props.fieldPathId.path);

  const search = useCallback((text: string) => client.lookup(object, text).then((found) => found.data), [client, object]);
  const knownName = value.name;
  const nameOf = useCallback(
    async (id: string) => {
      if (knownName) return knownName;
      const record = await client.getRecord(object, id);
      return String((definition?.nameField ? record[definition.nameField] : undefined) ?? id);
    },
    [client, object, definition, knownName],
  );
  const title = props.schema.title ?? props.name;
  // Object values carry their errors in the error schema (the field's own and its parts').
  const schemaErrors = props.errorSchema as { __errors?: string[]; object?: { __errors?: string[] }; id?: { __errors?: string[] } } | undefined;
  const errors = [...(schemaErrors?.__errors ?? []), ...(schemaErrors?.object?.__errors ?? []), ...(schemaErrors?.id?.__errors ?? [])];
  return (
    <div className="form-group field polylookup" data-testid={`polylookup-${props.name}`}>
      <label htmlFor={props.fieldPathId.$id}>
        {title}
        {props.required ? '*' : null}
      </label>
      <div className="polylookup-parts">
        <select
          id={selectId}
          aria-label={`${title}${messages.separator}${messages.relatedObject}`}
          value={object}
          disabled={disabled}
          onChange={(event) => {
            setChosen(event.target.value);
            // A record of the other object no longer fits: the choice starts over.
            change(undefined);
          }}
        >
          {targets.map((target) => (
            <option key={target} value={target}>
              {pickLabel(objects.find((candidate) => candidate.apiName === target)?.labels, language, target)}
            </option>
          ))}
        </select>
        <SearchPicker
          key={object}
          id={props.fieldPathId.$id}
          name={props.name}
          value={value.id}
          disabled={disabled}
          search={search}
          nameOf={nameOf}
          onChange={(id) => change(id ? { object, id } : undefined)}
        />
      </div>
      {errors.length ? (
        <ul className="error-detail">
          {errors.map((error) => (
            <li key={error} className="text-danger">
              {error}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
