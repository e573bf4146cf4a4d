// The form's root object laid out by the layout's sections (uiSchema ui:options.sections): a
// fieldset per section, one or two columns. Fields in no section (owner) follow at the end.
import type { ObjectFieldTemplateProps } from '@rjsf/utils';
import type { FormSection } from '@tessera/metadata';

export function SectionedObjectTemplate(props: ObjectFieldTemplateProps) {
  const sections = (props.uiSchema?.['ui:options'] as { sections?: FormSection[] } | undefined)?.sections;
  const byName = new Map(props.properties.map((property) => [property.name, property]));
  if (!sections) return <div className="form-fields">{props.properties.map((property) => property.content)}</div>;
  const placed = new Set(sections.flatMap((section) => section.fields));
  const rest = props.properties.filter((property) => !placed.has(property.name));
  return (
    <div className="form-sections">
      {sections.map((section, index) => (
        <fieldset key={section.title ?? index} className={`form-section columns-${section.columns}`} data-section={index}>
          {section.title ? <legend>{section.title}</legend> : null}
          <div className="form-section-fields">{section.fields.map((name) => byName.get(name)?.content)}</div>
        </fieldset>
      ))}
      {rest.length > 0 ? <div className="form-section-fields">{rest.map((property) => property.content)}</div> : null}
    </div>
  );
}
