// What is being dragged on the layout board. While a section moves, fields and their lists are not
// drop targets (and while a field moves, sections are not): the keyboard sensor steps to the next
// target above or below, which must be a section for a section, never a field inside one.
import { createContext, useContext } from 'react';

export type DraggingKind = 'section' | 'field' | undefined;

export const BoardDragging = createContext<DraggingKind>(undefined);

/** True when items of `kind` should not take part in the current drag. */
export const useSittingOut = (kind: 'section' | 'field'): boolean => {
  const dragging = useContext(BoardDragging);
  return dragging !== undefined && dragging !== kind;
};
