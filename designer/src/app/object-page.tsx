// The frame of a page about one object (App's records, the Board): waits for the metadata, sends
// `/<section>` to its first object, and offers the objects in a picker above the page's content.
import type { ReactNode } from 'react';
import type { ObjectDefinition } from '../api/index.ts';
import { pickLabel } from '../i18n/language.ts';
import { ProblemBanner } from '../shell/problem-banner.tsx';
import { navigate } from '../shell/router.ts';
import { useSession } from '../shell/session.tsx';

export function ObjectPage(props: {
  section: 'app' | 'board' | 'analytics';
  objectApiName: string | undefined;
  /** Which objects the page offers (default: all). */
  offers?: (object: ObjectDefinition) => boolean;
  /** Shown when no object qualifies. */
  empty: string;
  className: string;
  children: (object: ObjectDefinition) => ReactNode;
}) {
  const { metadata, messages, language } = useSession();
  if (metadata.status === 'loading') return <p className="muted">{messages.loading}</p>;
  if (metadata.status === 'failed') return <ProblemBanner error={metadata.error} />;

  const objects = props.offers ? metadata.metadata.objects.filter(props.offers) : metadata.metadata.objects;
  const path = (apiName: string) => `/${props.section}/${encodeURIComponent(apiName)}`;
  const object = objects.find((candidate) => candidate.apiName === props.objectApiName);
  if (!object) {
    const first = objects[0];
    if (first) queueMicrotask(() => navigate(path(first.apiName)));
    return <p className="muted">{first ? messages.loading : props.empty}</p>;
  }
  const pickerId = `${props.section}-object-picker`;
  return (
    <div className={props.className}>
      <div className="toolbar">
        <label htmlFor={pickerId}>{messages.pickObject}</label>
        <select id={pickerId} value={object.apiName} onChange={(event) => navigate(path(event.target.value))}>
          {objects.map((candidate) => (
            <option key={candidate.apiName} value={candidate.apiName}>
              {pickLabel(candidate.pluralLabels ?? candidate.labels, language, candidate.apiName)}
            </option>
          ))}
        </select>
      </div>
      {props.children(object)}
    </div>
  );
}
