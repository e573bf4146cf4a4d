// "Link opportunity" on a reverse related list (a many-to-many field pointing at this record): a
// search over the linking object's records (the lookup widget's picker); picking one links it.
import { useCallback } from 'react';
import { SearchPicker } from '../../forms/search-picker.tsx';
import { useSession } from '../../shell/session.tsx';

export function RelatedLinkPicker(props: { object: string; field: string; label: string; onPick: (id: string) => void }) {
  const { client } = useSession();
  const search = useCallback((text: string) => client.lookup(props.object, text).then((found) => found.data), [client, props.object]);
  // The picker empties itself after each pick (value stays undefined), ready for the next one.
  const nameOf = useCallback(async (id: string) => id, []);
  return (
    <div className="related-link-picker">
      <SearchPicker
        id={`link-${props.object}-${props.field}`}
        name={`link-${props.object}-${props.field}`}
        label={props.label}
        value={undefined}
        disabled={false}
        search={search}
        nameOf={nameOf}
        onChange={(id) => id && props.onPick(id)}
      />
    </div>
  );
}
