// The bar above the list while records are ticked: how many are chosen, "select all N matching"
// once the whole page is ticked, and the three mass actions (edit a field, change the owner,
// delete), each in a drawer that runs POST /records/mass and then reports per record what failed.
import { useState } from 'react';
import type { ObjectDefinition, RecordData } from '../../api/index.ts';
import { useSession } from '../../shell/session.tsx';
import type { ListApi, MassOutcome, MassSelection } from './list-api.ts';
import { MassDeleteDrawer } from './mass-delete-drawer.tsx';
import { MassEditDrawer } from './mass-edit-drawer.tsx';
import { fill, massMessagesFor } from './mass-messages.ts';
import { MassResult } from './mass-result.tsx';
import { MassTransferDrawer } from './mass-transfer-drawer.tsx';

/** What is chosen: ticked ids, or every record the list's filter matches (`count` of them). */
export type Chosen = { ids: ReadonlySet<string> } | { filter: string; count: number };

type Open = 'edit' | 'transfer' | 'delete' | null;

export function MassActionsBar(props: {
  object: ObjectDefinition;
  api: ListApi;
  chosen: Chosen;
  /** The page's records, to name failures; and the list's matching count, to offer "all matching". */
  records: readonly RecordData[];
  matching: number | null;
  onChooseAllMatching: () => void;
  onClear: () => void;
  /** After an action ran: reload the list (the selection is cleared). */
  onDone: () => void;
}) {
  const { language } = useSession();
  const words = massMessagesFor(language);
  const [open, setOpen] = useState<Open>(null);
  const [outcome, setOutcome] = useState<{ outcome: MassOutcome; ids: string[] } | null>(null);
  const { chosen } = props;
  const count = 'ids' in chosen ? chosen.ids.size : chosen.count;
  const selection: MassSelection = 'ids' in chosen ? { ids: [...chosen.ids] } : { filter: chosen.filter };
  const pageFullyChosen = 'ids' in chosen && props.records.length > 0 && props.records.every((record) => chosen.ids.has(record.id));
  const finished = (result: MassOutcome) => {
    setOpen(null);
    setOutcome({ outcome: result, ids: 'ids' in selection ? selection.ids : [] });
    props.onDone();
  };

  return (
    <>
      {count > 0 ? (
        <section className="mass-bar" aria-label={fill(words.selected, { count })}>
          <strong>{'filter' in chosen ? fill(words.allMatchingSelected, { count }) : fill(words.selected, { count })}</strong>
          {pageFullyChosen && props.matching !== null && props.matching > count ? (
            <button type="button" className="link-button" onClick={props.onChooseAllMatching}>
              {fill(words.selectAllMatching, { count: props.matching })}
            </button>
          ) : null}
          <button type="button" onClick={() => setOpen('edit')}>
            {words.massEdit}
          </button>
          <button type="button" onClick={() => setOpen('transfer')}>
            {words.massTransfer}
          </button>
          <button type="button" className="danger" onClick={() => setOpen('delete')}>
            {words.massDelete}
          </button>
          <button type="button" className="link-button" onClick={props.onClear}>
            {words.clearSelection}
          </button>
        </section>
      ) : null}
      {outcome ? <MassResult outcome={outcome.outcome} records={props.records} ids={outcome.ids} onClose={() => setOutcome(null)} /> : null}
      {open === 'edit' ? (
        <MassEditDrawer object={props.object} api={props.api} selection={selection} count={count} onDone={finished} onClose={() => setOpen(null)} />
      ) : null}
      {open === 'transfer' ? (
        <MassTransferDrawer object={props.object} api={props.api} selection={selection} count={count} onDone={finished} onClose={() => setOpen(null)} />
      ) : null}
      {open === 'delete' ? <MassDeleteDrawer api={props.api} selection={selection} count={count} onDone={finished} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
