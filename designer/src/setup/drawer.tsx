// A side panel over Setup for one edit: labelled by its title, Escape or the close button leaves,
// focus moves into it when it opens, Tab and Shift+Tab cycle inside it (it is modal: the page
// behind is covered), and focus returns to where it was when it closes.
import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useSetupMessages } from './use-setup-messages.ts';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside the panel: from its last control to its first, and back with Shift. */
function trapTab(panel: HTMLElement, event: KeyboardEvent): void {
  const controls = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((control) => control.getClientRects().length > 0);
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  const outside = !(active instanceof Node) || !panel.contains(active);
  if (event.shiftKey && (outside || active === first)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (outside || active === last)) {
    event.preventDefault();
    first.focus();
  }
}

export function Drawer(props: { title: string; onClose: () => void; children: ReactNode; testId?: string }) {
  const text = useSetupMessages();
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const { onClose } = props;

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    panel.current?.querySelector<HTMLElement>('input:not([disabled]), select, textarea, button')?.focus();
    return () => opener?.focus();
  }, []);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
      else if (event.key === 'Tab' && panel.current) trapTab(panel.current, event);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return (
    <div className="drawer-backdrop">
      <div className="drawer" role="dialog" aria-modal="true" aria-labelledby={titleId} ref={panel} data-testid={props.testId}>
        <header className="drawer-header">
          <h2 id={titleId}>{props.title}</h2>
          <button type="button" className="link-button" aria-label={text.close} onClick={onClose}>
            ✕
          </button>
        </header>
        <div className="drawer-body">{props.children}</div>
      </div>
    </div>
  );
}
