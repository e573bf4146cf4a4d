// The Related tab: one card per lookup to this record (GET …/related), each with its count, its
// newest records (name linked, a few columns formatted by locale) and a "New" button that opens
// the child's create form with the lookup already filled in. A many-to-many field pointing here
// gives a reverse list ("Opportunities (via Contacts)"): the records linking to this one, with
// "Link …" and per-row "Unlink" for users who may edit the linking object. Through a junction object
// each row also shows the link's own fields (role, since), which open the junction record to edit;
// "Link …" opens the junction's form first when it has fields a link cannot fill on its own.
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
import { RelatedLinkPicker } from './related-link-picker.tsx';
import { fill, recordMessagesFor } from './record-messages.ts';
import { junctionFormPath, junctionNeedsForm } from './junction-link.ts';

/** The create form's URL for a child of `parentId` through `field`: the form reads `prefill`, and comes back here after. */
export function newRelatedPath(list: Pick<RelatedList, 'object' | 'field'> & { via?: RelatedList['via'] }, parentId: string): string {
  const back = window.location.pathname;
  const prefill = { [list.field]: list.via === 'manytomany' ? [parentId] : parentId };
  return `/app/${encodeURIComponent(list.object)}/new?${new URLSearchParams({ prefill: JSON.stringify(prefill), back })}`;
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
  const { objects } = props;
  const { language, me } = useSession();
  const api = useRecordApi();
  // After a link or an unlink the card reads its list again (count and first records).
  const [reloaded, setReloaded] = useState<RelatedList | null>(null);
  const list = reloaded ?? props.list;
  const [linkGeneration, setLinkGeneration] = useState(0);
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
  const fieldLabel = pickLabel(lookup?.labels, language, list.field);
  const links = list.via === 'manytomany';
  const title = props.title ?? (links ? fill(text.relatedVia, { plural, field: fieldLabel }) : several ? `${plural} · ${fieldLabel}` : plural);
  const mayCreate = me.objects[list.object]?.create !== false;
  const mayLink = links && me.objects[list.object]?.edit !== false;
  async function changeLink(method: 'POST' | 'DELETE', childId: string) {
    try {
      await api.links(method, list.object, childId, list.field, [props.parentId]);
      const fresh = await api.related(props.parentObject, props.parentId);
      setReloaded(fresh.data.find((each) => each.object === list.object && each.field === list.field) ?? { ...list, count: 0, records: [] });
      setPaged(null);
      setLinkGeneration((value) => value + 1);
      setError(null);
    } catch (caught) {
      setError(toApiError(caught));
    }
  }
  const columns = list.columns.map((name) => child?.fields.find((field) => field.apiName === name)).filter((field) => field !== undefined);
  const junction = list.junction ? objects.find((object) => object.apiName === list.junction?.object) : undefined;
  const junctionColumns = (list.junction?.columns ?? [])
    .map((name) => junction?.fields.find((field) => field.apiName === name))
    .filter((field) => field !== undefined);
  const pick = (id: string) =>
    list.junction && junctionNeedsForm(junction, list.junction) ? navigate(junctionFormPath(list.junction, id, props.parentId)) : void changeLink('POST', id);
  return (
    <section className="card related-card" data-related={`${list.object}.${list.field}`} aria-label={title}>
      <header className="related-header">
        <h3>
          {title}{' '}
          <span className="count-badge" data-testid="related-count">
            {list.count}
          </span>
        </h3>
        {mayLink ? (
          <RelatedLinkPicker key={linkGeneration} object={list.object} field={list.field} label={fill(text.linkRecord, { object: childLabel })} onPick={pick} />
        ) : null}
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
                {junctionColumns.map((field) => (
                  <th key={`$junction.${field.apiName}`}>{pickLabel(field.labels, language, field.apiName)}</th>
                ))}
                {mayLink ? <th>{text.rowActions}</th> : null}
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
                  {junctionColumns.map((field) => {
                    const link = record.$junction as RecordData | undefined;
                    const shown = link ? formatValue(field, link[field.apiName], language, objects).text : '';
                    return (
                      <td key={`$junction.${field.apiName}`} data-junction-field={field.apiName}>
                        {link ? (
                          <Link to={`/app/${encodeURIComponent(list.junction?.object ?? '')}/${encodeURIComponent(String(link.id))}`}>
                            {shown === '' ? text.editLink : shown}
                          </Link>
                        ) : null}
                      </td>
                    );
                  })}
                  {mayLink ? (
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={fill(text.unlinkNamed, { name: recordName(child, record) })}
                        onClick={() => void changeLink('DELETE', String(record.id))}
                      >
                        {text.unlink}
                      </button>
                    </td>
                  ) : null}
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
