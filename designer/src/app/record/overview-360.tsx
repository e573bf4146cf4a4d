// The 360° overview of a record whose children run a pipeline (an account and its opportunities):
// for each such related list, stage totals and the open records (the pipeline's board filtered by
// the lookup to this record), then the latest tracked changes and approvals, on one page.
// Generic: any object looked up by an object with a pipeline gets it.
import { useEffect, useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { Link } from '../../shell/link.tsx';
import { useSession } from '../../shell/session.tsx';
import { ApprovalsTab } from './approvals-tab.tsx';
import { formatValue, recordName } from './format-value.ts';
import { HistoryTab } from './history-tab.tsx';
import { type ApprovalRequest, type HistoryEntry, type RelatedList, type StageTotal, useRecordApi } from './record-api.ts';
import { fill, recordMessagesFor } from './record-messages.ts';
import { RelatedCard } from './related-lists.tsx';

const RECENT = 5;

export function Overview360(props: {
  object: ObjectDefinition;
  recordId: string;
  lists: RelatedList[];
  history: HistoryEntry[];
  approvals: ApprovalRequest[];
  objects: readonly ObjectDefinition[];
}) {
  const { language } = useSession();
  const text = recordMessagesFor(language);
  return (
    <div className="overview-360" data-testid="overview-360">
      {props.lists
        .filter((list) => list.pipeline)
        .map((list) => (
          <PipelineSummary
            key={`${list.object}.${list.field}`}
            list={list}
            parentObject={props.object.apiName}
            parentId={props.recordId}
            objects={props.objects}
          />
        ))}
      <section className="card">
        <h3>{text.recentChanges}</h3>
        <HistoryTab object={props.object} entries={props.history.slice(0, RECENT)} objects={props.objects} />
      </section>
      <section className="card">
        <h3>{text.recentApprovals}</h3>
        <ApprovalsTab requests={props.approvals} limit={3} />
      </section>
    </div>
  );
}

function PipelineSummary(props: { list: RelatedList; parentObject: string; parentId: string; objects: readonly ObjectDefinition[] }) {
  const { list, objects } = props;
  const { language } = useSession();
  const text = recordMessagesFor(language);
  const [stages, setStages] = useState<{ stages: StageTotal[]; amountField: string | null } | null>(null);
  const api = useRecordApi();
  useEffect(() => {
    let current = true;
    if (!list.pipeline) return;
    api.stageTotals(list.object, list.pipeline, list.field, props.parentId, list.via).then(
      (board) => current && setStages(board),
      () => current && setStages({ stages: [], amountField: null }),
    );
    return () => {
      current = false;
    };
  }, [api, list, props.parentId]);
  const child = objects.find((object) => object.apiName === list.object);
  const plural = pickLabel(child?.pluralLabels ?? child?.labels, language, list.object);
  const amountField = child?.fields.find((field) => field.apiName === stages?.amountField);
  const money = (value: number | null) => (amountField && value !== null ? formatValue(amountField, value, language, objects).text : '');
  const open = (stages?.stages ?? []).filter((stage) => stage.category === 'open');
  const openCards = open.flatMap((stage) => stage.cards.map((card) => ({ stage, record: card.record })));
  const totalCount = (stages?.stages ?? []).reduce((sum, stage) => sum + stage.count, 0);
  const totalAmount = (stages?.stages ?? []).reduce((sum, stage) => sum + (stage.amount ?? 0), 0);
  return (
    <div className="pipeline-summary" data-pipeline-object={list.object}>
      <section className="card" aria-label={fill(text.stageTotals, { object: plural })}>
        <h3>{fill(text.stageTotals, { object: plural })}</h3>
        {stages === null ? (
          <p className="muted">{text.loading}</p>
        ) : (
          <table className="stage-totals" data-testid="stage-totals">
            <tbody>
              {stages.stages.map((stage) => (
                <tr key={stage.stage} data-stage={stage.stage} className={stage.category}>
                  <th scope="row">{pickLabel(stage.labels, language, stage.stage)}</th>
                  <td className="number">{stage.count}</td>
                  <td className="number">{money(stage.amount)}</td>
                </tr>
              ))}
              <tr className="total">
                <th scope="row">{text.total}</th>
                <td className="number">{totalCount}</td>
                <td className="number">{money(totalAmount)}</td>
              </tr>
            </tbody>
          </table>
        )}
        <h3>{fill(text.openRecords, { object: plural })}</h3>
        {stages !== null && openCards.length === 0 ? <p className="muted">{text.noOpen}</p> : null}
        <ul className="open-records">
          {openCards.map(({ stage, record }) => (
            <li key={String(record.id)}>
              <Link to={`/app/${encodeURIComponent(list.object)}/${encodeURIComponent(String(record.id))}`}>{recordName(child, record)}</Link>{' '}
              <span className="muted">
                {pickLabel(stage.labels, language, stage.stage)}
                {amountField ? ` · ${money(typeof record[amountField.apiName] === 'number' ? (record[amountField.apiName] as number) : null)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <RelatedCard list={list} parentObject={props.parentObject} parentId={props.parentId} objects={objects} />
    </div>
  );
}
