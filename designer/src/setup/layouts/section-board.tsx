// The layout's sections and the unplaced fields as one drag-and-drop board (@dnd-kit): sections
// reorder by their handle; a field drags from the unplaced list into a section, between sections
// and within one. Every move has a keyboard route too: the buttons and the "place in" choice on
// each row (the handles are for the pointer and stay out of the tab order).
import {
  type CollisionDetection,
  closestCenter,
  DndContext,
  type Announcements,
  type DragEndEvent,
  PointerSensor,
  pointerWithin,
  type UniqueIdentifier,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useState } from 'react';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { FieldDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { fillIn } from '../setup-messages.ts';
import type { SectionDraft } from './layout-document.ts';
import { useLayoutMessages } from './layout-messages.ts';
import { containerOf, moveSection, placeField, reorderField, UNPLACED } from './layout-moves.ts';
import { FieldRow, SectionCard } from './section-card.tsx';
import { BoardDragging, type DraggingKind, useSittingOut } from './board-dragging.ts';

export type Target = { kind: 'section'; key: string } | { kind: 'field'; field: string };

const SECTION = 's:';
const FIELD = 'f:';
const CONTAINER = 'c:';

// A dragged section only meets sections; a dragged field meets fields first (the one under the
// pointer), then the section it is over, so an empty section still takes a field.
const collision: CollisionDetection = (args) => {
  const dragging = String(args.active.id).startsWith(SECTION) ? SECTION : FIELD;
  const candidates = args.droppableContainers.filter((candidate) => {
    const id = String(candidate.id);
    return dragging === SECTION ? id.startsWith(SECTION) : id.startsWith(FIELD) || id.startsWith(CONTAINER);
  });
  // Sections are tall and side by side with nothing else: the nearest one wins (keyboard moves too).
  if (dragging === SECTION) return closestCenter({ ...args, droppableContainers: candidates });
  const within = pointerWithin({ ...args, droppableContainers: candidates });
  const field = within.find((hit) => String(hit.id).startsWith(FIELD));
  if (field) return [field];
  if (within.length > 0) return within;
  return closestCenter({ ...args, droppableContainers: candidates });
};

export function SectionBoard(props: {
  sections: SectionDraft[];
  fields: readonly FieldDefinition[];
  onChange: (sections: SectionDraft[]) => void;
  errors: (...keys: string[]) => string[];
  selected: Target | undefined;
  onSelect: (target: Target) => void;
}) {
  const { language } = useSession();
  const text = useLayoutMessages();
  const { sections, onChange } = props;
  const [dragging, setDragging] = useState<DraggingKind>(undefined);
  // Pointer only: from the keyboard every move has its own button (↑ ↓ ✕, "place in"), which
  // reads better with a screen reader than carrying a card across a two-column board.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }));
  const placed = new Set(sections.flatMap((section) => section.fields.map((item) => item.field)));
  const unplaced = props.fields.filter((field) => !placed.has(field.apiName));
  const labelOf = (apiName: string) => {
    const field = props.fields.find((entry) => entry.apiName === apiName);
    return field ? pickLabel(field.labels, language, apiName) : apiName;
  };
  const sectionName = (section: SectionDraft, index: number) =>
    section.labels[language] || section.labels.zh || section.labels.en || `${text.section} ${index + 1}`;

  /** Where a drop over `overId` lands: a section key (or UNPLACED) and the field it goes before. */
  const landing = (overId: string): { container: string; before?: string } | undefined => {
    if (overId.startsWith(CONTAINER)) return { container: overId.slice(CONTAINER.length) };
    if (overId.startsWith(FIELD)) {
      const field = overId.slice(FIELD.length);
      return { container: containerOf(sections, field), before: field };
    }
    return undefined;
  };
  // Fields move on drop only (the target shows it is under the pointer): moving them while dragging
  // re-lays out the board under the pointer, which can bounce a field between two lists.
  // What a screen reader hears, by name (a field's label, a section's heading), not by internal id.
  const nameOf = (id: UniqueIdentifier | undefined): string => {
    const key = String(id ?? '');
    if (key.startsWith(FIELD)) return labelOf(key.slice(FIELD.length));
    const sectionKey = key.startsWith(SECTION) ? key.slice(SECTION.length) : key.slice(CONTAINER.length);
    if (sectionKey === UNPLACED) return text.unplaced;
    const index = sections.findIndex((section) => section.key === sectionKey);
    return index >= 0 ? sectionName(sections[index] as SectionDraft, index) : key;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => fillIn(text.boardPicked, { item: nameOf(active.id) }),
    onDragOver: ({ active, over }) =>
      over && over.id !== active.id ? fillIn(text.boardOver, { item: nameOf(active.id), target: nameOf(over.id) }) : undefined,
    onDragEnd: ({ active, over }) => (over ? fillIn(text.boardDropped, { item: nameOf(active.id), target: nameOf(over.id) }) : undefined),
    onDragCancel: ({ active }) => fillIn(text.boardCancelled, { item: nameOf(active.id) }),
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const id = String(active.id);
    const overId = String(over.id);
    if (id.startsWith(SECTION) && overId.startsWith(SECTION)) {
      onChange(moveSection(sections, id.slice(SECTION.length), overId.slice(SECTION.length)));
      return;
    }
    const field = id.slice(FIELD.length);
    const to = landing(overId);
    if (!to) return;
    if (to.container === containerOf(sections, field)) {
      if (to.before && to.container !== UNPLACED) onChange(reorderField(sections, field, to.before));
    } else {
      onChange(placeField(sections, field, to.container, to.before));
    }
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={({ active }) => setDragging(String(active.id).startsWith(SECTION) ? 'section' : 'field')}
      onDragEnd={(event) => {
        setDragging(undefined);
        onDragEnd(event);
      }}
      onDragCancel={() => setDragging(undefined)}
      accessibility={{ announcements, screenReaderInstructions: { draggable: text.boardInstructions } }}
    >
      <BoardDragging.Provider value={dragging}>
        <div className="section-board">
          <SortableContext items={sections.map((section) => `${SECTION}${section.key}`)} strategy={verticalListSortingStrategy}>
            <ol className="layout-sections" aria-label={text.sections}>
              {sections.map((section, index) => (
                <SectionCard
                  key={section.key}
                  id={`${SECTION}${section.key}`}
                  containerId={`${CONTAINER}${section.key}`}
                  fieldId={(field) => `${FIELD}${field}`}
                  section={section}
                  index={index}
                  count={sections.length}
                  name={sectionName(section, index)}
                  labelOf={labelOf}
                  errors={props.errors}
                  sections={sections}
                  onChange={onChange}
                  selected={props.selected}
                  onSelect={props.onSelect}
                />
              ))}
            </ol>
          </SortableContext>
          <UnplacedFields
            fields={unplaced.map((field) => field.apiName)}
            labelOf={labelOf}
            sections={sections.map((section, index) => ({ key: section.key, name: sectionName(section, index) }))}
            onPlace={(field, key) => onChange(placeField(sections, field, key))}
          />
        </div>
      </BoardDragging.Provider>
    </DndContext>
  );
}

function UnplacedFields(props: {
  fields: string[];
  labelOf: (field: string) => string;
  sections: { key: string; name: string }[];
  onPlace: (field: string, section: string) => void;
}) {
  const text = useLayoutMessages();
  const { setNodeRef, isOver } = useDroppable({ id: `${CONTAINER}${UNPLACED}`, disabled: useSittingOut('field') });
  return (
    <section className={`unplaced-fields${isOver ? ' drop-over' : ''}`} aria-labelledby="unplaced-title" data-testid="unplaced-fields" ref={setNodeRef}>
      <h3 id="unplaced-title">{text.unplaced}</h3>
      <p className="hint">{props.fields.length > 0 ? text.unplacedHint : text.allPlaced}</p>
      <SortableContext items={props.fields.map((field) => `${FIELD}${field}`)} strategy={verticalListSortingStrategy}>
        <ul className="field-rows">
          {props.fields.map((field) => (
            <FieldRow key={field} id={`${FIELD}${field}`} field={field} label={props.labelOf(field)}>
              <select
                aria-label={`${text.placeIn} · ${props.labelOf(field)}`}
                value=""
                onChange={(event) => event.target.value && props.onPlace(field, event.target.value)}
              >
                <option value="">{text.placeInChoose}</option>
                {props.sections.map((section) => (
                  <option key={section.key} value={section.key}>
                    {section.name}
                  </option>
                ))}
              </select>
            </FieldRow>
          ))}
        </ul>
      </SortableContext>
    </section>
  );
}
