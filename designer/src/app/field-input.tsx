// One input per field type. The input's name and id are the field api name, so the server's
// error paths (`/employees`) and the DOM line up without a mapping table.
import type { FieldDefinition } from '../api/index.ts';
import { type Language, pickLabel } from '../i18n/language.ts';
import type { DraftValue } from './field-values.ts';

const TEXT_INPUT_TYPES: Partial<Record<FieldDefinition['type'], string>> = {
  text: 'text',
  email: 'email',
  phone: 'tel',
  url: 'url',
  date: 'date',
  datetime: 'datetime-local',
  lookup: 'text',
};

export interface FieldInputProps {
  field: FieldDefinition;
  value: DraftValue;
  language: Language;
  invalid: boolean;
  describedBy: string | undefined;
  onChange: (value: DraftValue) => void;
}

export function FieldInput(props: FieldInputProps) {
  const { field, value, language, invalid, describedBy, onChange } = props;
  const common = {
    id: `field-${field.apiName}`,
    name: field.apiName,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required || undefined,
  };
  const options = (field.values ?? []).filter((option) => !option.inactive);

  switch (field.type) {
    case 'boolean':
      return <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />;
    case 'textarea':
      return <textarea {...common} rows={3} value={String(value)} onChange={(event) => onChange(event.target.value)} />;
    case 'number':
    case 'currency':
    case 'percent':
      return (
        <input
          {...common}
          type="number"
          inputMode="decimal"
          step={field.scale ? 1 / 10 ** field.scale : 1}
          value={String(value)}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case 'picklist':
      return (
        <select {...common} value={String(value)} onChange={(event) => onChange(event.target.value)}>
          <option value="">—</option>
          {options.map((option) => (
            <option key={option.apiName} value={option.apiName}>
              {pickLabel(option.labels, language, option.apiName)}
            </option>
          ))}
        </select>
      );
    case 'multipicklist':
      return (
        <select
          {...common}
          multiple
          size={Math.min(6, Math.max(2, options.length))}
          value={Array.isArray(value) ? value : []}
          onChange={(event) => onChange(Array.from(event.target.selectedOptions, (option) => option.value))}
        >
          {options.map((option) => (
            <option key={option.apiName} value={option.apiName}>
              {pickLabel(option.labels, language, option.apiName)}
            </option>
          ))}
        </select>
      );
    default:
      return (
        <input
          {...common}
          type={TEXT_INPUT_TYPES[field.type] ?? 'text'}
          placeholder={field.type === 'lookup' ? `${field.target ?? ''} id` : undefined}
          spellCheck={field.type === 'text' || undefined}
          value={String(value)}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}
