// App → one object's records: pick the object, sort by a column, filter with JsonLogic, page
// forward with the server's cursor, and create a record with the generated form.
import { type FormEvent, useEffect, useState } from 'react';
import type { ApiError, ObjectDefinition, RecordPage } from '../api/index.ts';
import { pickLabel } from '../i18n/language.ts';
import { Link } from '../shell/link.tsx';
import { ProblemBanner } from '../shell/problem-banner.tsx';
import { toApiError, useSession } from '../shell/session.tsx';
import { ObjectPage } from './object-page.tsx';
import { RecordForm } from './record-form.tsx';
import { RecordTable } from './record-table.tsx';

const PAGE_SIZE = 50;

export function RecordsPage(props: { objectApiName: string | undefined }) {
  const { messages } = useSession();
  return (
    <ObjectPage section="app" objectApiName={props.objectApiName} empty={messages.noObjects} className="records-page">
      {/* key: a different object starts with fresh sort, filter and paging state. */}
      {(object) => <ObjectRecords key={object.apiName} object={object} />}
    </ObjectPage>
  );
}

function ObjectRecords(props: { object: ObjectDefinition }) {
  const { object } = props;
  const { client, messages, language } = useSession();
  const [sort, setSort] = useState<string | null>(null);
  const [filterText, setFilterText] = useState('');
  const [filter, setFilter] = useState('');
  const [filterInvalid, setFilterInvalid] = useState(false);
  // Cursors of the pages before the current one; the current page's cursor is the last entry.
  const [cursors, setCursors] = useState<string[]>([]);
  const [page, setPage] = useState<RecordPage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [formOpen, setFormOpen] = useState(false);
  const [reloads, setReloads] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const cursor = cursors.at(-1);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `reloads` is the refetch trigger after a create.
  useEffect(() => {
    let current = true;
    setLoading(true);
    client
      .listRecords(object.apiName, { limit: PAGE_SIZE, sort: sort ? [sort] : undefined, filter: filter || undefined, cursor })
      .then(
        (loaded) => {
          if (!current) return;
          setPage(loaded);
          setError(null);
        },
        (caught: unknown) => current && setError(toApiError(caught)),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [client, object.apiName, sort, filter, cursor, reloads]);

  function onSort(field: string) {
    setSort((previous) => (previous === field ? `-${field}` : field));
    setCursors([]);
  }

  function onFilter(event: FormEvent) {
    event.preventDefault();
    const text = filterText.trim();
    if (text) {
      try {
        JSON.parse(text);
      } catch {
        setFilterInvalid(true);
        return;
      }
    }
    setFilterInvalid(false);
    setFilter(text);
    setCursors([]);
  }

  const title = pickLabel(object.pluralLabels ?? object.labels, language, object.apiName);
  return (
    <>
      <div className="records-header">
        <h2>{title}</h2>
        <button
          type="button"
          onClick={() => {
            setFormOpen(true);
            setNotice(null);
          }}
          disabled={formOpen}
        >
          {messages.newRecord}
        </button>
        <Link to={`/app/${encodeURIComponent(object.apiName)}/new`} className="button-link">
          {messages.openForm}
        </Link>
      </div>
      {formOpen ? (
        <RecordForm
          object={object}
          onCancel={() => setFormOpen(false)}
          onCreated={() => {
            setFormOpen(false);
            setNotice(messages.created);
            setReloads((value) => value + 1);
          }}
        />
      ) : null}
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <form className="filter" onSubmit={onFilter}>
        <label htmlFor="filter">{messages.filter}</label>
        <input
          id="filter"
          name="filter"
          spellCheck={false}
          value={filterText}
          aria-invalid={filterInvalid || undefined}
          placeholder='{"==": [{"var": "name"}, "Acme"]}'
          onChange={(event) => setFilterText(event.target.value)}
        />
        <button type="submit">{messages.applyFilter}</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setFilterText('');
            setFilter('');
            setFilterInvalid(false);
            setCursors([]);
          }}
        >
          {messages.clearFilter}
        </button>
      </form>
      {filterInvalid ? (
        <p className="problem" role="alert">
          {messages.invalidJson}
        </p>
      ) : null}
      {error ? <ProblemBanner error={error} /> : null}
      <div className={loading ? 'loading' : undefined} aria-busy={loading}>
        <RecordTable
          fields={object.fields}
          records={page?.data ?? []}
          sort={sort}
          onSort={onSort}
          recordHref={(record) => `/app/${encodeURIComponent(object.apiName)}/${encodeURIComponent(record.id)}`}
        />
      </div>
      <div className="pager">
        <button type="button" className="secondary" disabled={cursors.length === 0} onClick={() => setCursors([])}>
          {messages.firstPage}
        </button>
        <button
          type="button"
          disabled={!page?.nextCursor}
          onClick={() => {
            const next = page?.nextCursor;
            if (next) setCursors((previous) => [...previous, next]);
          }}
        >
          {messages.nextPage}
        </button>
      </div>
    </>
  );
}
