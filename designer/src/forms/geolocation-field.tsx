// ui:field "geolocation": two number inputs, latitude and longitude (labels in the UI language).
// The value is the API's `{latitude, longitude}` once both are numbers, undefined when both are
// empty (the field is cleared); a half-filled pair is kept as typed, so the server's 400 names the
// missing part rather than the form silently dropping it. rjsf renders object values with fields.
import type { FieldProps } from '@rjsf/utils';
import { useState } from 'react';
import { useSession } from '../shell/session.tsx';

type Part = 'latitude' | 'longitude';
const LIMIT: Record<Part, number> = { latitude: 90, longitude: 180 };

export function GeolocationField(props: FieldProps) {
  const { messages } = useSession();
  const stored = (props.formData ?? {}) as Partial<Record<Part, unknown>>;
  const shown = (part: Part) => (typeof stored[part] === 'number' ? String(stored[part]) : '');
  const [typed, setTyped] = useState<Record<Part, string>>({ latitude: shown('latitude'), longitude: shown('longitude') });
  const disabled = Boolean(props.disabled || props.readonly);
  const title = props.schema.title ?? props.name;
  const change = (part: Part, text: string) => {
    const next = { ...typed, [part]: text };
    setTyped(next);
    if (next.latitude.trim() === '' && next.longitude.trim() === '') return props.onChange(undefined, props.fieldPathId.path);
    const number = (value: string) => (value.trim() === '' ? undefined : Number(value));
    props.onChange({ latitude: number(next.latitude), longitude: number(next.longitude) }, props.fieldPathId.path);
  };
  const schemaErrors = props.errorSchema as { __errors?: string[]; latitude?: { __errors?: string[] }; longitude?: { __errors?: string[] } } | undefined;
  const errors = [...(schemaErrors?.__errors ?? []), ...(schemaErrors?.latitude?.__errors ?? []), ...(schemaErrors?.longitude?.__errors ?? [])];
  return (
    <div className="form-group field geolocation" data-testid={`geolocation-${props.name}`}>
      <label htmlFor={`${props.fieldPathId.$id}_latitude`}>
        {title}
        {props.required ? '*' : null}
      </label>
      <div className="geolocation-parts">
        {(['latitude', 'longitude'] as const).map((part) => (
          <input
            key={part}
            id={`${props.fieldPathId.$id}_${part}`}
            type="number"
            step="any"
            min={-LIMIT[part]}
            max={LIMIT[part]}
            className="form-control"
            placeholder={messages[part]}
            aria-label={`${title}${messages.separator}${messages[part]}`}
            value={typed[part]}
            disabled={disabled}
            onChange={(event) => change(part, event.target.value)}
          />
        ))}
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
