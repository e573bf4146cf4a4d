// An ordered list whose items move by drag and drop (@dnd-kit: pointer, or the handle's keyboard
// mode: Space, arrows, Space) or by the ↑/↓ buttons. Stages and approval steps use it; each item
// keeps a stable key while its content (even its api name) changes.
import { closestCenter, DndContext, type DragEndEvent, KeyboardSensor, PointerSensor, useSensor, useSensors } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { ReactNode } from 'react';
import { usePipelineMessages } from './pipeline-messages.ts';

let nextKey = 0;
export const newItemKey = (prefix: string) => `${prefix}-${++nextKey}`;

export function SortableList<T extends { key: string }>(props: {
  items: T[];
  onChange: (items: T[]) => void;
  /** The item's name for the handle's and buttons' accessible labels ("Stage 2"). */
  itemName: (item: T, position: number) => string;
  render: (item: T, index: number) => ReactNode;
  className?: string;
  hasError?: (index: number) => boolean;
}) {
  const text = usePipelineMessages();
  const { items, onChange } = props;
  const sensors = useSensors(useSensor(PointerSensor), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const move = (from: number, to: number) => {
    if (to >= 0 && to < items.length) onChange(arrayMove(items, from, to));
  };
  const onDragEnd = (event: DragEndEvent) => {
    const from = items.findIndex((item) => item.key === event.active.id);
    const to = items.findIndex((item) => item.key === event.over?.id);
    if (from >= 0 && to >= 0 && from !== to) move(from, to);
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{ screenReaderInstructions: { draggable: text.dragInstructions } }}
    >
      <SortableContext items={items.map((item) => item.key)} strategy={verticalListSortingStrategy}>
        <ol className={`sortable-list ${props.className ?? ''}`}>
          {items.map((item, index) => (
            <SortableItem
              key={item.key}
              id={item.key}
              name={props.itemName(item, index + 1)}
              first={index === 0}
              last={index === items.length - 1}
              hasError={props.hasError?.(index) ?? false}
              onMove={(by) => move(index, index + by)}
            >
              {props.render(item, index)}
            </SortableItem>
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}

function SortableItem(props: {
  id: string;
  name: string;
  first: boolean;
  last: boolean;
  hasError: boolean;
  onMove: (by: number) => void;
  children: ReactNode;
}) {
  const text = usePipelineMessages();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: props.id });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`sortable-item${isDragging ? ' dragging' : ''}${props.hasError ? ' has-error' : ''}`}
    >
      <div className="sortable-handles">
        <button type="button" className="drag-handle" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={`${text.dragHandle} ${props.name}`}>
          ⠿
        </button>
        <button type="button" className="secondary icon" aria-label={`${text.moveUp} ${props.name}`} disabled={props.first} onClick={() => props.onMove(-1)}>
          ↑
        </button>
        <button type="button" className="secondary icon" aria-label={`${text.moveDown} ${props.name}`} disabled={props.last} onClick={() => props.onMove(1)}>
          ↓
        </button>
      </div>
      <div className="sortable-body">{props.children}</div>
    </li>
  );
}
