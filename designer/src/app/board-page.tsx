// App → Board: one object's pipeline as a kanban. Columns are the pipeline's stages with their
// count, amount and weighted amount; cards are the first records of each stage. A card moves by
// drag and drop onto another column or with its "move to" menu (which offers only the moves the
// pipeline's transitions allow, by the metamodel's own rule); the server applies the same
// stage rules as everywhere (transitions, required fields, entry criteria, approvals) and a
// refusal is shown with each reason, the card staying where it was.
// The stage rules alone: the package index would bring ajv into the main bundle (+150 kB).
import { findStage, transitionAllowed } from '@tessera/metadata/stage-rules';
import { type DragEvent, useEffect, useState } from 'react';
import type { ApiError, BoardColumn, BoardResponse, ObjectDefinition, RecordData } from '../api/index.ts';
import { pickLabel } from '../i18n/language.ts';
import { Link } from '../shell/link.tsx';
import { ProblemBanner } from '../shell/problem-banner.tsx';
import { toApiError, useSession } from '../shell/session.tsx';
import { ListFilter } from './list-filter.tsx';
import { ObjectPage } from './object-page.tsx';

const CARDS_PER_STAGE = 20;

export function BoardPage(props: { objectApiName: string | undefined }) {
  const { messages } = useSession();
  return (
    <ObjectPage
      section="board"
      objectApiName={props.objectApiName}
      offers={(object) => (object.pipelines?.length ?? 0) > 0}
      empty={messages.noPipelines}
      className="board-page"
    >
      {(object) => <ObjectBoard key={object.apiName} object={object} />}
    </ObjectPage>
  );
}

/** A move waiting for the reason its target stage requires. */
interface PendingMove {
  card: RecordData;
  stage: string;
}

function ObjectBoard(props: { object: ObjectDefinition }) {
  const { object } = props;
  const pipelines = object.pipelines ?? [];
  const { client, messages, language } = useSession();
  const [pipelineName, setPipelineName] = useState(pipelines[0]?.apiName ?? '');
  const [board, setBoard] = useState<BoardResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [reloads, setReloads] = useState(0);
  // The board's cards and totals narrowed by the same condition builder as lists (the board API's `filter`).
  const [filter, setFilter] = useState('');
  const [pending, setPending] = useState<PendingMove | null>(null);
  const [reason, setReason] = useState('');
  const pipeline = pipelines.find((candidate) => candidate.apiName === pipelineName);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` is the refetch trigger after a move.
  useEffect(() => {
    let current = true;
    setLoading(true);
    client
      .getBoard(object.apiName, pipelineName, CARDS_PER_STAGE, filter)
      .then(
        (loaded) => current && setBoard(loaded),
        (caught: unknown) => current && setError(toApiError(caught)),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [client, object.apiName, pipelineName, reloads, filter]);

  async function move(card: RecordData, stage: string, why?: string) {
    const target = pipeline && findStage(pipeline, stage);
    if (target?.requiresReason && why === undefined) {
      setPending({ card, stage });
      setReason('');
      return;
    }
    setPending(null);
    setNotice(null);
    try {
      await client.moveStage(object.apiName, card.id, { stage, ...(why === undefined ? {} : { reason: why }) }, card.version);
      setError(null);
      setNotice(messages.moved);
    } catch (caught) {
      setError(toApiError(caught));
    }
    setReloads((count) => count + 1);
  }

  const cardsById = new Map((board?.stages ?? []).flatMap((column) => column.cards.map((card) => [card.record.id, card.record] as const)));
  // Amounts as the list and record page show them: a currency field with its currency sign.
  const amountField = object.fields.find((field) => field.apiName === board?.amountField);
  const numbers = new Intl.NumberFormat(
    language === 'zh' ? 'zh-CN' : 'en-US',
    amountField?.type === 'currency' ? { style: 'currency', currency: amountField.currencyCode ?? 'CNY' } : { maximumFractionDigits: 2 },
  );
  const stageOf = (card: RecordData) => String(card[pipeline?.stageField ?? ''] ?? '');

  function onDrop(event: DragEvent<HTMLElement>, stage: string) {
    event.preventDefault();
    const card = cardsById.get(event.dataTransfer.getData('text/plain'));
    if (card && stageOf(card) !== stage) void move(card, stage);
  }

  return (
    <>
      <div className="records-header">
        <h2>{pickLabel(object.pluralLabels ?? object.labels, language, object.apiName)}</h2>
        {pipelines.length > 1 && (
          <>
            <label htmlFor="board-pipeline">{messages.pipeline}</label>
            <select id="board-pipeline" value={pipelineName} onChange={(event) => setPipelineName(event.target.value)}>
              {pipelines.map((candidate) => (
                <option key={candidate.apiName} value={candidate.apiName}>
                  {pickLabel(candidate.labels, language, candidate.apiName)}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <ListFilter
        object={object}
        onApply={(next) => {
          // A new filter starts clean: the last refusal (a bad filter, a refused move) belongs to the old view.
          setError(null);
          setFilter(next);
        }}
      />
      {error && <ProblemBanner error={error} />}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {pending && (
        <form
          className="reason-form"
          data-testid="reason-form"
          onSubmit={(event) => {
            event.preventDefault();
            void move(pending.card, pending.stage, reason);
          }}
        >
          <label htmlFor="move-reason">{messages.reasonPrompt}</label>
          <input id="move-reason" value={reason} onChange={(event) => setReason(event.target.value)} />
          <button type="submit">{messages.save}</button>
          <button type="button" onClick={() => setPending(null)}>
            {messages.cancel}
          </button>
        </form>
      )}
      <div className="board" data-testid="board" aria-busy={loading}>
        {(board?.stages ?? []).map((column) => (
          // biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; each card's "move to" menu is the keyboard path.
          <section
            key={column.stage}
            className={`board-column ${column.category}`}
            data-stage={column.stage}
            onDragOver={(event) => event.preventDefault()}
            onDrop={(event) => onDrop(event, column.stage)}
          >
            <ColumnHeader column={column} numbers={numbers} />
            {column.cards.map(({ record, stale }) => (
              <article
                key={record.id}
                className="board-card"
                data-id={record.id}
                draggable
                onDragStart={(event) => event.dataTransfer.setData('text/plain', record.id)}
              >
                {/* A card opens its record. */}
                <Link to={`/app/${encodeURIComponent(object.apiName)}/${encodeURIComponent(record.id)}`} className="board-card-title">
                  <strong>{String(record[object.nameField ?? ''] ?? record.id)}</strong>
                </Link>
                {board?.amountField && record[board.amountField] != null && <span className="muted">{numbers.format(Number(record[board.amountField]))}</span>}
                {stale && (
                  <span className="stale" title={messages.stale}>
                    ⏰
                  </span>
                )}
                <MoveMenu
                  targets={(board?.stages ?? []).filter(
                    (other) => other.stage !== column.stage && (!pipeline || transitionAllowed(pipeline, column.stage, other.stage)),
                  )}
                  onMove={(stage) => void move(record, stage)}
                />
              </article>
            ))}
          </section>
        ))}
      </div>
    </>
  );
}

function ColumnHeader(props: { column: BoardColumn; numbers: Intl.NumberFormat }) {
  const { column, numbers } = props;
  const { messages, language } = useSession();
  return (
    <header>
      <h3>
        {pickLabel(column.labels, language, column.stage)} <span className="count">{column.count}</span>
      </h3>
      {column.amount !== null && (
        <p className="muted">
          {messages.amount} {numbers.format(column.amount)} · {messages.weighted} {numbers.format(column.weightedAmount ?? 0)}
        </p>
      )}
    </header>
  );
}

/** The stages a card may move to under the pipeline's transitions; none, no menu (e.g. a closed deal under `forward`). */
function MoveMenu(props: { targets: BoardColumn[]; onMove: (stage: string) => void }) {
  const { messages, language } = useSession();
  if (props.targets.length === 0) return null;
  return (
    <select aria-label={messages.moveTo} value="" onChange={(event) => props.onMove(event.target.value)}>
      <option value="">{messages.moveTo}</option>
      {props.targets.map((target) => (
        <option key={target.stage} value={target.stage}>
          {pickLabel(target.labels, language, target.stage)}
        </option>
      ))}
    </select>
  );
}
