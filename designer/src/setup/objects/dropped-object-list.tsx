import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';
import type { DroppedObject } from './dropped-objects.ts';

/** Soft-dropped objects with a Restore each: their records come back with them. */
export function DroppedObjectList(props: { dropped: DroppedObject[]; onRestore: (dropped: DroppedObject) => void }) {
  const { language } = useSession();
  const text = useSetupMessages();
  if (props.dropped.length === 0) return null;
  return (
    <section aria-labelledby="dropped-objects-title" data-testid="dropped-objects">
      <h3 id="dropped-objects-title">{text.droppedObjects}</h3>
      <ul className="dropped-objects">
        {props.dropped.map((dropped) => (
          <li key={dropped.apiName} data-object={dropped.apiName}>
            {pickLabel(dropped.labels, language, dropped.apiName)} <code>{dropped.apiName}</code>{' '}
            <span className="muted">
              {text.droppedIn} {dropped.revision}
            </span>{' '}
            <button type="button" className="secondary small-button" aria-label={`${text.restore} ${dropped.apiName}`} onClick={() => props.onRestore(dropped)}>
              {text.restore}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
