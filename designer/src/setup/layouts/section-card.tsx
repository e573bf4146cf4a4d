// One section of the layout board: its drag handle, headings in both languages, columns, its
// visibility rule (edited in the properties panel), move/remove buttons and its fields — each a
// draggable row with its own buttons. Problems at the section's or a field's pointer show here.
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { ReactNode } from 'react';
import { SelectControl } from '../form-controls.tsx';
import { LabelPair } from '../label-pair.tsx';
import type { SectionDraft } from './layout-document.ts';
import { useSittingOut } from './board-dragging.ts';
import { useLayoutMessages } from './layout-messages.ts';
import { moveSection, placeField, shiftField, UNPLACED } from './layout-moves.ts';
import type { Target } from './section-board.tsx';

export function ErrorList(props: { errors: string[] }) {
  if (props.errors.length === 0) return null;
  return (
    <ul className="control-errors">
      {props.errors.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/** A draggable row: the handle, the field's label and api name, then whatever buttons the list gives it. */
export function FieldRow(props: { id: string; field: string; label: string; errors?: string[]; selected?: boolean; badge?: string; children?: ReactNode }) {
  const text = useLayoutMessages();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: props.id,
    disabled: useSittingOut('field'),
  });
  const errors = props.errors ?? [];
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`field-row${isDragging ? ' dragging' : ''}${props.selected ? ' selected' : ''}${errors.length ? ' has-error' : ''}`}
      data-field={props.field}
    >
      <button
        type="button"
        className="drag-handle"
        ref={setActivatorNodeRef}
        {...attributes}
        {...listeners}
        tabIndex={-1}
        aria-label={`${text.dragField} ${props.label}`}
      >
        ⠿
      </button>
      <span className="field-name">
        {props.label} <code className="muted small">{props.field}</code>
        {props.badge ? <span className="rule-badge">{props.badge}</span> : null}
      </span>
      <span className="row-buttons">{props.children}</span>
      <ErrorList errors={errors} />
    </li>
  );
}

export function SectionCard(props: {
  id: string;
  containerId: string;
  fieldId: (field: string) => string;
  section: SectionDraft;
  index: number;
  count: number;
  name: string;
  labelOf: (field: string) => string;
  errors: (...keys: string[]) => string[];
  sections: SectionDraft[];
  onChange: (sections: SectionDraft[]) => void;
  selected: Target | undefined;
  onSelect: (target: Target) => void;
}) {
  const text = useLayoutMessages();
  const { section, index, sections, onChange } = props;
  const fieldsSitOut = useSittingOut('field');
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: props.id,
    disabled: useSittingOut('section'),
  });
  const drop = useDroppable({ id: props.containerId, disabled: fieldsSitOut });
  const at = `/sections/${index}`;
  const update = (change: Partial<SectionDraft>) => onChange(sections.map((entry) => (entry.key === section.key ? { ...entry, ...change } : entry)));
  const neighbour = (by: number) => sections[index + by]?.key;
  const sectionSelected = props.selected?.kind === 'section' && props.selected.key === section.key;

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`layout-section${isDragging ? ' dragging' : ''}${sectionSelected ? ' selected' : ''}`}
      data-section={index}
      aria-label={props.name}
    >
      <div className="layout-section-header">
        <button
          type="button"
          className="drag-handle"
          ref={setActivatorNodeRef}
          {...attributes}
          {...listeners}
          tabIndex={-1}
          aria-label={`${text.dragSection} ${props.name}`}
        >
          ⠿
        </button>
        <strong>{props.name}</strong>
        {section.visibleWhen ? <span className="rule-badge">{text.hasRule}</span> : null}
        <span className="row-buttons">
          <button
            type="button"
            className="secondary small-button"
            aria-pressed={sectionSelected}
            onClick={() => props.onSelect({ kind: 'section', key: section.key })}
          >
            {text.properties}
          </button>
          <button
            type="button"
            className="secondary icon"
            aria-label={`${text.moveSectionUp} ${props.name}`}
            disabled={index === 0}
            onClick={() => onChange(moveSection(sections, section.key, neighbour(-1) ?? section.key))}
          >
            ↑
          </button>
          <button
            type="button"
            className="secondary icon"
            aria-label={`${text.moveSectionDown} ${props.name}`}
            disabled={index === props.count - 1}
            onClick={() => onChange(moveSection(sections, section.key, neighbour(1) ?? section.key))}
          >
            ↓
          </button>
          <button
            type="button"
            className="secondary icon"
            aria-label={`${text.removeSection} ${props.name}`}
            onClick={() => onChange(sections.filter((entry) => entry.key !== section.key))}
          >
            ✕
          </button>
        </span>
      </div>
      {/* The whole body takes a dropped field (at the end), not only the list: an easy target. */}
      <div className={`layout-section-body${drop.isOver ? ' drop-over' : ''}`} ref={drop.setNodeRef} data-testid={`section-body-${index}`}>
        <div className="layout-section-settings">
          <LabelPair
            captions={{ zh: text.sectionLabelZh, en: text.sectionLabelEn }}
            value={section.labels}
            onChange={(language, value) => update({ labels: { ...section.labels, [language]: value } })}
            errors={{ zh: props.errors(`${at}/labels/zh`, `${at}/labels$`), en: props.errors(`${at}/labels/en`) }}
          />
          <SelectControl
            label={text.columns}
            value={String(section.columns)}
            options={[
              { value: '1', label: text.oneColumn },
              { value: '2', label: text.twoColumns },
            ]}
            onChange={(value) => update({ columns: value === '2' ? 2 : 1 })}
            errors={props.errors(`${at}/columns`)}
          />
        </div>
        <ErrorList errors={props.errors(`${at}/visibleWhen`, `${at}/fields$`, `${at}$`)} />
        <SortableContext items={section.fields.map((item) => props.fieldId(item.field))} strategy={verticalListSortingStrategy}>
          <ul className="field-rows" data-testid={`section-fields-${index}`}>
            {section.fields.length === 0 ? <li className="hint empty-drop">{text.emptySection}</li> : null}
            {section.fields.map((item, position) => {
              const label = props.labelOf(item.field);
              const selected = props.selected?.kind === 'field' && props.selected.field === item.field;
              return (
                <FieldRow
                  key={item.field}
                  id={props.fieldId(item.field)}
                  field={item.field}
                  label={label}
                  selected={selected}
                  badge={item.visibleWhen ? text.hasRule : undefined}
                  errors={props.errors(`${at}/fields/${position}`)}
                >
                  <button
                    type="button"
                    className="secondary small-button"
                    aria-pressed={selected}
                    aria-label={`${text.properties} · ${label}`}
                    onClick={() => props.onSelect({ kind: 'field', field: item.field })}
                  >
                    ⚙
                  </button>
                  <button
                    type="button"
                    className="secondary icon"
                    aria-label={`${text.moveFieldUp} ${label}`}
                    disabled={position === 0}
                    onClick={() => onChange(shiftField(sections, item.field, -1))}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="secondary icon"
                    aria-label={`${text.moveFieldDown} ${label}`}
                    disabled={position === section.fields.length - 1}
                    onClick={() => onChange(shiftField(sections, item.field, 1))}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="secondary icon"
                    aria-label={`${text.unplace} ${label}`}
                    onClick={() => onChange(placeField(sections, item.field, UNPLACED))}
                  >
                    ✕
                  </button>
                </FieldRow>
              );
            })}
          </ul>
        </SortableContext>
      </div>
    </li>
  );
}
