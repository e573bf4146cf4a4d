// /search?q=…: GET /search's groups, one card per object (labels in the reader's language), each
// hit linked to its record page, with the field that matched when it is not the name.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ApiError, ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { Link } from '../../shell/link.tsx';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { fill } from '../record/record-messages.ts';
import { type SearchGroup, useRecordApi } from '../record/record-api.ts';
import { SEARCH_EVENT } from './search-box.tsx';
import { searchMessagesFor } from './search-messages.ts';

function subscribe(listener: () => void): () => void {
  window.addEventListener(SEARCH_EVENT, listener);
  window.addEventListener('popstate', listener);
  return () => {
    window.removeEventListener(SEARCH_EVENT, listener);
    window.removeEventListener('popstate', listener);
  };
}
const currentQuery = () => new URLSearchParams(window.location.search).get('q')?.trim() ?? '';

export function SearchPage() {
  const { language, metadata } = useSession();
  const text = searchMessagesFor(language);
  const q = useSyncExternalStore(subscribe, currentQuery);
  const api = useRecordApi();
  const [groups, setGroups] = useState<SearchGroup[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let current = true;
    setGroups(null);
    setError(null);
    if (!q) return;
    api.search(q, 10).then(
      (result) => current && setGroups(result.data),
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [api, q]);
  const objects: readonly ObjectDefinition[] = metadata.status === 'ready' ? metadata.metadata.objects : [];
  if (!q) return <p className="muted">{text.typeToSearch}</p>;
  return (
    <div className="search-page" data-testid="search-results">
      <h2>{fill(text.results, { q })}</h2>
      {error ? <ProblemBanner error={error} /> : null}
      {!error && groups === null ? <p className="muted">{text.searching}</p> : null}
      {groups?.length === 0 ? <p className="muted">{fill(text.noResults, { q })}</p> : null}
      {groups?.map((group) => {
        const object = objects.find((candidate) => candidate.apiName === group.object);
        const plural = pickLabel(object?.pluralLabels ?? object?.labels, language, group.object);
        return (
          <section key={group.object} className="card search-group" aria-label={plural} data-object={group.object}>
            <h3>{plural}</h3>
            <ul>
              {group.records.map((hit) => {
                const field = object?.fields.find((candidate) => candidate.apiName === hit.matchedField);
                return (
                  <li key={hit.id}>
                    <Link to={`/app/${encodeURIComponent(group.object)}/${encodeURIComponent(hit.id)}`}>{hit.name ?? hit.id}</Link>
                    {hit.matchedField !== object?.nameField ? (
                      <span className="muted">
                        {' '}
                        · {fill(text.matchedIn, { field: pickLabel(field?.labels, language, hit.matchedField) })}: {hit.matchedValue}
                      </span>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            {group.hasMore ? <p className="muted">{fill(text.more, { object: plural })}</p> : null}
          </section>
        );
      })}
    </div>
  );
}
