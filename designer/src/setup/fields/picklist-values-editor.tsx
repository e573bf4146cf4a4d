// Picklist values: add, relabel, rename the api value (kept as `renamedFrom`, so records are
// remapped), reorder by drag and drop or from the keyboard (the handle: Space, arrows, Space; or
// the move buttons), mark the default, deactivate. Only values not yet applied can be removed:
// removing a live value is refused while records hold it, so the editor offers "inactive" instead.
import {
  type Announcements,
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  type UniqueIdentifier,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { PicklistValue } from '@tessera/metadata';
import { fillIn } from '../setup-messages.ts';
import { useSetupMessages } from '../use-setup-messages.ts';
import { newRowKey, type ValueRow } from './field-draft.ts';

interface Props {
  rows: ValueRow[];
  onChange: (rows: ValueRow[]) => void;
  errors: (...keys: string[]) => string[];
}

export function PicklistValuesEditor(props: Props) {
  const text = useSetupMessages();
  const { rows, onChange } = props;
  const sensors = useSensors(useSensor(PointerSensor), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const move = (from: number, to: number) => {
    if (to < 0 || to >= rows.length) return;
    onChange(arrayMove(rows, from, to));
  };
  const onDragEnd = (event: DragEndEvent) => {
    const from = rows.findIndex((row) => row.key === event.active.id);
    const to = rows.findIndex((row) => row.key === event.over?.id);
    if (from >= 0 && to >= 0 && from !== to) move(from, to);
  };
  const update = (index: number, value: Partial<PicklistValue>) =>
    onChange(
      rows.map((row, at) => {
        if (at === index) return { ...row, value: { ...row.value, ...value } };
        // One default: ticking one unticks the others.
        return value.default ? { ...row, value: { ...row.value, default: false } } : row;
      }),
    );
  const listErrors = props.errors('/values$');
  // What a screen reader hears while a value moves, in the UI language and by position (1-based).
  const position = (id: UniqueIdentifier | undefined) => rows.findIndex((row) => row.key === id) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => fillIn(text.dragPicked, { from: position(active.id) }),
    // Over its own place (right after the pick-up): nothing new to say.
    onDragOver: ({ active, over }) => (over && over.id !== active.id ? fillIn(text.dragOver, { from: position(active.id), to: position(over.id) }) : undefined),
    onDragEnd: ({ active, over }) => (over ? fillIn(text.dragDropped, { from: position(active.id), to: position(over.id) }) : undefined),
    onDragCancel: ({ active }) => fillIn(text.dragCancelled, { from: position(active.id) }),
  };

  return (
    <fieldset className="picklist-values wide" data-testid="picklist-values">
      <legend>{text.picklistValues}</legend>
      {listErrors.length ? (
        <ul className="control-errors">
          {listErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements, screenReaderInstructions: { draggable: text.dragInstructions } }}
      >
        <SortableContext items={rows.map((row) => row.key)} strategy={verticalListSortingStrategy}>
          <ol className="value-rows">
            {rows.map((row, index) => (
              <ValueRowEditor
                key={row.key}
                row={row}
                position={index + 1}
                last={index === rows.length - 1}
                errors={props.errors(`/values/${index}`)}
                onChange={(value) => update(index, value)}
                onMove={(by) => move(index, index + by)}
                onRemove={row.original === undefined ? () => onChange(rows.filter((_, at) => at !== index)) : undefined}
              />
            ))}
          </ol>
        </SortableContext>
      </DndContext>
      <button type="button" className="secondary" onClick={() => onChange([...rows, { key: newRowKey(), value: { apiName: '', labels: {} } }])}>
        + {text.addValue}
      </button>
    </fieldset>
  );
}

function ValueRowEditor(props: {
  row: ValueRow;
  position: number;
  last: boolean;
  errors: string[];
  onChange: (value: Partial<PicklistValue>) => void;
  onMove: (by: number) => void;
  onRemove?: () => void;
}) {
  const text = useSetupMessages();
  const { row, position } = props;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: row.key });
  const renamed = row.original !== undefined && row.original !== row.value.apiName;
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`value-row${isDragging ? ' dragging' : ''}${props.errors.length ? ' has-error' : ''}`}
      data-value={row.value.apiName}
    >
      <button type="button" className="drag-handle" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={`${text.dragHandle} ${position}`}>
        ⠿
      </button>
      <input
        aria-label={`${text.valueApiName} ${position}`}
        value={row.value.apiName}
        onChange={(event) => props.onChange({ apiName: event.target.value })}
        aria-invalid={props.errors.length > 0 || undefined}
      />
      <input
        aria-label={`${text.labelZh} ${position}`}
        lang="zh"
        value={row.value.labels.zh ?? ''}
        onChange={(event) => props.onChange({ labels: { ...row.value.labels, zh: event.target.value } })}
      />
      <input
        aria-label={`${text.labelEn} ${position}`}
        value={row.value.labels.en ?? ''}
        onChange={(event) => props.onChange({ labels: { ...row.value.labels, en: event.target.value } })}
      />
      <label className="check">
        <input type="checkbox" checked={row.value.default === true} onChange={(event) => props.onChange({ default: event.target.checked })} />{' '}
        {text.defaultFlag}
      </label>
      <label className="check">
        <input type="checkbox" checked={row.value.inactive === true} onChange={(event) => props.onChange({ inactive: event.target.checked })} /> {text.inactive}
      </label>
      <span className="row-buttons">
        <button type="button" className="secondary icon" aria-label={`${text.moveUp} ${position}`} disabled={position === 1} onClick={() => props.onMove(-1)}>
          ↑
        </button>
        <button type="button" className="secondary icon" aria-label={`${text.moveDown} ${position}`} disabled={props.last} onClick={() => props.onMove(1)}>
          ↓
        </button>
        {props.onRemove ? (
          <button type="button" className="secondary icon" aria-label={`${text.removeValue} ${position}`} onClick={props.onRemove}>
            ✕
          </button>
        ) : null}
      </span>
      {renamed ? (
        <span className="hint">
          {text.renamedFrom} <code>{row.original}</code>
        </span>
      ) : null}
      {props.errors.length ? (
        <ul className="control-errors">
          {props.errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
