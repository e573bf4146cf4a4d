// A record type's picklist value subsets as a checkbox grid: one group per picklist field, one box
// per active value. All ticked means "not restricted" (the field is left out of picklistValues);
// the metamodel's problems for a field (none ticked, a value it no longer has) show under it.
import type { NormalisedField } from '@tessera/metadata';
import type { FieldDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { ErrorList } from '../layouts/section-card.tsx';
import { useLayoutMessages } from '../layouts/layout-messages.ts';

type Picklist = Extract<NormalisedField, { type: 'picklist' | 'multipicklist' }>;

export const picklistsOf = (fields: readonly FieldDefinition[]): Picklist[] =>
  (fields as readonly NormalisedField[]).filter((field): field is Picklist => field.type === 'picklist' || field.type === 'multipicklist');

export function PicklistSubsets(props: {
  fields: readonly FieldDefinition[];
  value: Record<string, string[]>;
  onChange: (value: Record<string, string[]>, field: string) => void;
  errors: (...keys: string[]) => string[];
}) {
  const { language } = useSession();
  const text = useLayoutMessages();
  const picklists = picklistsOf(props.fields);
  const toggle = (field: Picklist, value: string, on: boolean) => {
    const active = field.values.filter((entry) => !entry.inactive).map((entry) => entry.apiName);
    const current = new Set(props.value[field.apiName] ?? active);
    if (on) current.add(value);
    else current.delete(value);
    // In the field's order; every value ticked = no restriction.
    const offered = active.filter((entry) => current.has(entry));
    const { [field.apiName]: _previous, ...rest } = props.value;
    props.onChange(offered.length === active.length ? rest : { ...rest, [field.apiName]: offered }, field.apiName);
  };
  return (
    <fieldset className="picklist-subsets wide" data-testid="picklist-subsets">
      <legend>{text.picklistSubsets}</legend>
      <p className="hint">{picklists.length > 0 ? text.picklistSubsetsHint : text.noPicklists}</p>
      {picklists.map((field) => {
        const label = pickLabel(field.labels, language, field.apiName);
        const subset = props.value[field.apiName];
        const errors = props.errors(`/picklistValues/${field.apiName}`);
        return (
          <fieldset key={field.apiName} className={`subset-row${errors.length ? ' has-error' : ''}`} data-field={field.apiName}>
            <legend>{label}</legend>
            <span className="subset-values">
              {field.values
                .filter((value) => !value.inactive)
                .map((value) => (
                  <label key={value.apiName} className="check">
                    <input
                      type="checkbox"
                      checked={subset === undefined || subset.includes(value.apiName)}
                      onChange={(event) => toggle(field, value.apiName, event.target.checked)}
                      aria-invalid={errors.length > 0 || undefined}
                    />{' '}
                    {pickLabel(value.labels, language, value.apiName)}
                  </label>
                ))}
            </span>
            <ErrorList errors={errors} />
          </fieldset>
        );
      })}
    </fieldset>
  );
}
