// The selected object's page as tabs (WAI-ARIA tabs pattern: arrow keys, Home and End move between
// tabs, only the selected one is in the tab order). The tab is the URL's third segment
// (/setup/<object>/layouts), so a reload or a shared link opens the same tab.
import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';
import { navigate } from '../../shell/router.ts';
import { type LayoutMessages, useLayoutMessages } from '../layouts/layout-messages.ts';
import '../layouts/layouts.css';

export const OBJECT_TABS = ['details', 'layouts', 'record-types', 'rules', 'pipeline', 'approvals'] as const;
export type ObjectTab = (typeof OBJECT_TABS)[number];

const CAPTION: Record<ObjectTab, keyof LayoutMessages> = {
  details: 'tabDetails',
  layouts: 'tabLayouts',
  'record-types': 'tabRecordTypes',
  rules: 'tabRules',
  pipeline: 'tabPipeline',
  approvals: 'tabApprovals',
};

/** The tab a path segment names; anything else (none, a typo) is the details tab. */
export const objectTabOf = (segment: string | undefined): ObjectTab => OBJECT_TABS.find((tab) => tab === segment) ?? 'details';

export const objectTabPath = (object: string, tab: ObjectTab) => `/setup/${encodeURIComponent(object)}${tab === 'details' ? '' : `/${tab}`}`;

export function ObjectTabs(props: { object: string; selected: ObjectTab; panels: Record<ObjectTab, () => ReactNode> }) {
  const text = useLayoutMessages();
  const id = useId();
  const buttons = useRef<Partial<Record<ObjectTab, HTMLButtonElement | null>>>({});
  const select = (tab: ObjectTab, focus: boolean) => {
    navigate(objectTabPath(props.object, tab));
    if (focus) buttons.current[tab]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = OBJECT_TABS.indexOf(props.selected);
    const next = {
      ArrowRight: (at + 1) % OBJECT_TABS.length,
      ArrowLeft: (at - 1 + OBJECT_TABS.length) % OBJECT_TABS.length,
      Home: 0,
      End: OBJECT_TABS.length - 1,
    }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    select(OBJECT_TABS[next] as ObjectTab, true);
  };
  return (
    <div className="object-tabs">
      <div role="tablist" aria-label={text.objectTabs} className="tab-list" onKeyDown={onKeyDown}>
        {OBJECT_TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`${id}-${tab}`}
            ref={(element) => {
              buttons.current[tab] = element;
            }}
            aria-selected={tab === props.selected}
            aria-controls={`${id}-${tab}-panel`}
            tabIndex={tab === props.selected ? 0 : -1}
            className={tab === props.selected ? 'tab selected' : 'tab'}
            onClick={() => select(tab, false)}
          >
            {text[CAPTION[tab]] as string}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-${props.selected}-panel`} aria-labelledby={`${id}-${props.selected}`} className="tab-panel" data-tab={props.selected}>
        {props.panels[props.selected]()}
      </div>
    </div>
  );
}
