// The Related tab: one card per lookup to this record (GET …/related), each with its count, its
// newest records (name linked, a few columns formatted by locale) and a "New" button that opens
// the child's create form with the lookup already filled in.
import { useState } from 'react';
import type { ApiError, ObjectDefinition, RecordData } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { Link } from '../../shell/link.tsx';
import { navigate } from '../../shell/router.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { formatValue, recordName } from './format-value.ts';
import { PersonName } from '../people/person-name.tsx';
import { type RelatedList, useRecordApi } from './record-api.ts';
import { fill, recordMessagesFor } from './record-messages.ts';

/** The create form's URL for a child of `parentId` through `field`: the form reads `prefill`, and comes back here after. */
export function newRelatedPath(list: Pick<RelatedList, 'object' | 'field'>, parentId: string): string {
  const back = window.location.pathname;
  return `/app/${encodeURIComponent(list.object)}/new?${new URLSearchParams({ prefill: JSON.stringify({ [list.field]: parentId }), back })}`;
}

export function RelatedLists(props: { lists: RelatedList[]; parentObject: string; parentId: string; objects: readonly ObjectDefinition[] }) {
  const { language } = useSession();
  const text = recordMessagesFor(language);
  if (props.lists.length === 0) return <p className="muted">{text.noRelatedLists}</p>;
  return (
    <div className="related-lists">
      {props.lists.map((list) => (
        <RelatedCard key={`${list.object}.${list.field}`} list={list} parentObject={props.parentObject} parentId={props.parentId} objects={props.objects} />
      ))}
    </div>
  );
}

export function RelatedCard(props: { list: RelatedList; parentObject: string; parentId: string; objects: readonly ObjectDefinition[]; title?: string }) {
  const { list, objects } = props;
  const { language, me } = useSession();
  const api = useRecordApi();
  // "Show all" pages the list through GET …/related/:object/:field, 20 at a time.
  const [paged, setPaged] = useState<{ records: RecordData[]; cursor: string | null } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const records = paged?.records ?? list.records;
  const more = paged ? paged.cursor !== null : list.count > list.records.length;
  async function showMore() {
    try {
      const page = await api.relatedPage({ object: props.parentObject, id: props.parentId }, list, paged?.cursor ?? null);
      setPaged({ records: [...(paged?.records ?? []), ...page.data], cursor: page.nextCursor });
    } catch (caught) {
      setError(toApiError(caught));
    }
  }
  const text = recordMessagesFor(language);
  const child = objects.find((object) => object.apiName === list.object);
  const lookup = child?.fields.find((field) => field.apiName === list.field);
  const childLabel = pickLabel(child?.labels, language, list.object);
  const plural = pickLabel(child?.pluralLabels ?? child?.labels, language, list.object);
  // Several lookups from one object (client, referrer) are told apart by the lookup's label.
  const several = (child?.fields.filter((field) => field.type === 'lookup' && field.target === lookup?.target).length ?? 0) > 1;
  const title = props.title ?? (several ? `${plural} · ${pickLabel(lookup?.labels, language, list.field)}` : plural);
  const mayCreate = me.objects[list.object]?.create !== false;
  const columns = list.columns.map((name) => child?.fields.find((field) => field.apiName === name)).filter((field) => field !== undefined);
  return (
    <section className="card related-card" data-related={`${list.object}.${list.field}`} aria-label={title}>
      <header className="related-header">
        <h3>
          {title}{' '}
          <span className="count-badge" data-testid="related-count">
            {list.count}
          </span>
        </h3>
        {mayCreate ? (
          <button type="button" className="secondary" onClick={() => navigate(newRelatedPath(list, props.parentId))}>
            {fill(text.newRelatedNamed, { object: childLabel })}
          </button>
        ) : null}
      </header>
      {records.length === 0 ? (
        <p className="muted">{text.noRelated}</p>
      ) : (
        <div className="related-scroll">
          <table className="related-table">
            <thead>
              <tr>
                {columns.map((field) => (
                  <th key={field.apiName}>{pickLabel(field.labels, language, field.apiName)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {records.map((record: RecordData) => (
                <tr key={String(record.id)}>
                  {columns.map((field, index) => (
                    <td key={field.apiName}>
                      {index === 0 ? (
                        <Link to={`/app/${encodeURIComponent(list.object)}/${encodeURIComponent(String(record.id))}`}>{recordName(child, record)}</Link>
                      ) : field.type === 'user' && typeof record[field.apiName] === 'string' ? (
                        <PersonName id={record[field.apiName] as string} />
                      ) : (
                        formatValue(field, record[field.apiName], language, objects).text
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {error ? <ProblemBanner error={error} /> : null}
      {more ? (
        <button type="button" className="link-button" onClick={() => void showMore()}>
          {paged ? text.showMore : fill(text.showAll, { count: list.count })}
        </button>
      ) : null}
    </section>
  );
}
