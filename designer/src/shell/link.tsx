import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './router.ts';

export function Link(props: { to: string; className?: string; children: ReactNode; onFollow?: () => void }) {
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    props.onFollow?.();
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(props.to);
  }
  return (
    <a href={props.to} className={props.className} onClick={onClick}>
      {props.children}
    </a>
  );
}
