// The record page's tabs (WAI-ARIA tabs: arrow keys, Home and End move, only the selected tab is
// in the tab order), each with an optional count badge.
import { type KeyboardEvent, type ReactNode, useId } from 'react';
import { useSession } from '../../shell/session.tsx';
import { recordMessagesFor } from './record-messages.ts';

export type TabKey = 'overview' | 'details' | 'related' | 'history' | 'approvals' | 'timeline';

export function RecordTabs(props: {
  tabs: { key: TabKey; label: string; count?: number }[];
  selected: TabKey;
  onSelect: (tab: TabKey) => void;
  children: ReactNode;
}) {
  const { language } = useSession();
  const id = useId();
  const keys = props.tabs.map((tab) => tab.key);
  const onKeyDown = (event: KeyboardEvent) => {
    const at = keys.indexOf(props.selected);
    const next = { ArrowRight: (at + 1) % keys.length, ArrowLeft: (at - 1 + keys.length) % keys.length, Home: 0, End: keys.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const key = keys[next] as TabKey;
    props.onSelect(key);
    document.getElementById(`${id}-${key}`)?.focus();
  };
  return (
    <div className="record-tabs">
      <div role="tablist" aria-label={recordMessagesFor(language).recordTabs} className="record-tab-list" onKeyDown={onKeyDown}>
        {props.tabs.map((tab) => (
          <button
            key={tab.key}
            type="button"
            role="tab"
            id={`${id}-${tab.key}`}
            aria-selected={tab.key === props.selected}
            aria-controls={`${id}-panel`}
            tabIndex={tab.key === props.selected ? 0 : -1}
            className={tab.key === props.selected ? 'record-tab selected' : 'record-tab'}
            onClick={() => props.onSelect(tab.key)}
          >
            {tab.label}
            {tab.count ? (
              <>
                {' '}
                <span className="count-badge">{tab.count}</span>
              </>
            ) : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${props.selected}`} data-tab={props.selected}>
        {props.children}
      </div>
    </div>
  );
}
