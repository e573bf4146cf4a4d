// The selected section's or field's presentation rules: read-only and required on this layout (a
// field), and the visibility rule built in the shared condition builder (both). The builder is
// remounted per target so each starts from its own rule.
import { useMemo } from 'react';
import type { FieldDefinition } from '../../api/index.ts';
import { ConditionBuilder } from '../../conditions/condition-builder.tsx';
import { conditionFieldsOf } from '../../conditions/condition-fields.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { CheckControl } from '../form-controls.tsx';
import type { ItemDraft, Rule, SectionDraft } from './layout-document.ts';
import { useLayoutMessages } from './layout-messages.ts';
import type { Target } from './section-board.tsx';
import { ErrorList } from './section-card.tsx';

export function PropertiesPanel(props: {
  target: Target;
  sections: SectionDraft[];
  fields: readonly FieldDefinition[];
  onChange: (sections: SectionDraft[]) => void;
  errors: (...keys: string[]) => string[];
  /** The builder's raw JSON does not parse: the draft keeps the last rule that did. */
  onValidity: (valid: boolean) => void;
}) {
  const { language } = useSession();
  const text = useLayoutMessages();
  const conditionFields = useMemo(() => conditionFieldsOf(props.fields, language), [props.fields, language]);
  const { target, sections, onChange } = props;
  const sectionIndex = sections.findIndex((section) =>
    target.kind === 'section' ? section.key === target.key : section.fields.some((item) => item.field === target.field),
  );
  const section = sections[sectionIndex];
  if (!section) return null;
  const itemIndex = target.kind === 'field' ? section.fields.findIndex((item) => item.field === target.field) : -1;
  const item = section.fields[itemIndex];
  const path = item ? `/sections/${sectionIndex}/fields/${itemIndex}` : `/sections/${sectionIndex}`;
  const field = item ? props.fields.find((entry) => entry.apiName === item.field) : undefined;
  const name = item
    ? field
      ? pickLabel(field.labels, language, item.field)
      : item.field
    : section.labels[language] || section.labels.zh || section.labels.en || `${text.section} ${sectionIndex + 1}`;

  const setItem = (change: Partial<ItemDraft>) =>
    onChange(
      sections.map((entry, index) =>
        index === sectionIndex
          ? { ...entry, fields: entry.fields.map((candidate, at) => (at === itemIndex ? { ...candidate, ...change } : candidate)) }
          : entry,
      ),
    );
  const setRule = (rule: Rule | undefined) =>
    onChange(
      sections.map((entry, index) => {
        if (index !== sectionIndex) return entry;
        return item
          ? { ...entry, fields: entry.fields.map((candidate, at) => (at === itemIndex ? withRule(candidate, rule) : candidate)) }
          : withRule(entry, rule);
      }),
    );
  const rule = item ? item.visibleWhen : section.visibleWhen;

  return (
    <section className="properties-panel" aria-label={`${text.propertiesOf} ${name}`} data-testid="layout-properties">
      <h3>
        {text.propertiesOf} {name}
      </h3>
      {item ? (
        <div className="properties-flags">
          <CheckControl
            label={text.readOnly}
            checked={item.readOnly}
            onChange={(value) => setItem({ readOnly: value })}
            errors={props.errors(`${path}/readOnly`)}
          />
          <CheckControl
            label={text.requiredHere}
            checked={item.required}
            onChange={(value) => setItem({ required: value })}
            errors={props.errors(`${path}/required`)}
          />
        </div>
      ) : null}
      <ConditionBuilder
        key={item ? `field:${item.field}` : `section:${section.key}`}
        fields={conditionFields}
        initial={rule}
        label={text.visibleWhen}
        testId="visibility-condition"
        onChange={(change) => {
          props.onValidity(change.ok);
          if (change.ok) setRule(change.logic as Rule | undefined);
        }}
      />
      {rule === undefined ? <p className="hint">{text.noRuleHint}</p> : null}
      <ErrorList errors={props.errors(`${path}/visibleWhen`)} />
    </section>
  );
}

/** The section or field with `rule` as its visibility rule (none: the key is left out, not set to undefined). */
function withRule<T extends { visibleWhen?: Rule }>(entry: T, rule: Rule | undefined): T {
  const { visibleWhen: _dropped, ...rest } = entry;
  return (rule === undefined ? rest : { ...rest, visibleWhen: rule }) as T;
}
