// "within N km of": the point (latitude, longitude) and the radius in kilometres, as three labelled
// number inputs. The value stays as typed ({latitude, longitude, km} strings) until the builder
// formats it; a value out of range or blank writes nothing and counts as incomplete.
import type { ValueEditorProps } from 'react-querybuilder';
import { useSession } from '../shell/session.tsx';
import { conditionMessagesFor } from './condition-messages.ts';

type Within = { latitude: string; longitude: string; km: string };
const PARTS = ['latitude', 'longitude', 'km'] as const;

const asText = (part: unknown) => (typeof part === 'number' ? String(part) : typeof part === 'string' ? part : '');

export function WithinEditor(props: ValueEditorProps) {
  const { language } = useSession();
  const text = conditionMessagesFor(language);
  const stored = (typeof props.value === 'object' && props.value !== null ? props.value : {}) as Record<string, unknown>;
  const value: Within = { latitude: asText(stored.latitude), longitude: asText(stored.longitude), km: asText(stored.km) };
  const labels: Record<(typeof PARTS)[number], string> = { latitude: text.latitude, longitude: text.longitude, km: text.kilometres };
  const limits = { latitude: { min: -90, max: 90 }, longitude: { min: -180, max: 180 }, km: { min: 0 } };
  return (
    <span className="condition-within">
      {PARTS.map((part) => (
        <input
          key={part}
          type="number"
          step="any"
          {...limits[part]}
          aria-label={`${props.fieldData.label} ${labels[part]}`}
          placeholder={labels[part]}
          value={value[part]}
          disabled={Boolean(props.disabled)}
          onChange={(event) => props.handleOnChange({ ...value, [part]: event.target.value })}
        />
      ))}
    </span>
  );
}
