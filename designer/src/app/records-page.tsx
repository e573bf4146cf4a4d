// App → one object's records: a saved view picked (the default one opens first), the condition
// builder's filter, a quick search on the name field, sortable headers, a column chooser, page
// sizes, totals over every page (count and currency sums), cursor paging, and a new record on the
// generated form. Lookups show by name with links (the list asks for them expanded).
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiError, ObjectDefinition, RecordPage } from '../api/index.ts';
import { pickLabel } from '../i18n/language.ts';
import { Link } from '../shell/link.tsx';
import { ProblemBanner } from '../shell/problem-banner.tsx';
import { toApiError, useSession } from '../shell/session.tsx';
import { ColumnChooser } from './list/column-chooser.tsx';
import { type ListView, listApi } from './list/list-api.ts';
import { listMessagesFor } from './list/list-messages.ts';
import { EMPTY_STATE, type ListState, PAGE_SIZES, stateOfView, viewOfState, visibleFields, withQuickSearch } from './list/list-state.ts';
import { SortSelect } from './list/sort-select.tsx';
import { TotalsBar } from './list/totals-bar.tsx';
import { ViewsPicker } from './list/views-picker.tsx';
import { ListFilter } from './list-filter.tsx';
import { ObjectPage } from './object-page.tsx';
import { lookupPathFields, pathLookupOf } from '../paths/lookup-path-fields.ts';
import { type Chosen, MassActionsBar } from './list/mass-actions-bar.tsx';
import { massMessagesFor } from './list/mass-messages.ts';
import { RecordTable, type RowSelection } from './record-table.tsx';
import { importMessagesFor } from './import/import-messages.ts';
import './list/list.css';

export function RecordsPage(props: { objectApiName: string | undefined }) {
  const { messages } = useSession();
  return (
    <ObjectPage section="app" objectApiName={props.objectApiName} empty={messages.noObjects} className="records-page">
      {/* key: a different object starts with fresh views, filter and paging state. */}
      {(object) => <ObjectRecords key={object.apiName} object={object} />}
    </ObjectPage>
  );
}

function ObjectRecords(props: { object: ObjectDefinition }) {
  const { object } = props;
  const { client, messages, language, metadata } = useSession();
  const words = listMessagesFor(language);
  // One level of lookup paths (`account.region`): columns, sort keys and filter fields like the target's own.
  const paths = useMemo(() => lookupPathFields(object, metadata.status === 'ready' ? metadata.metadata.objects : [], { formulas: true }), [object, metadata]);
  const api = useMemo(() => listApi(client, object.apiName), [client, object.apiName]);
  // Views first: the list waits for them so it opens on the default view, not on everything.
  const [views, setViews] = useState<ListView[] | null>(null);
  const [viewId, setViewId] = useState('');
  const [state, setState] = useState<ListState>(EMPTY_STATE);
  const [quick, setQuick] = useState('');
  const [search, setSearch] = useState('');
  // Cursors of the pages before the current one; the current page's cursor is the last entry.
  const [cursors, setCursors] = useState<string[]>([]);
  const [page, setPage] = useState<RecordPage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const cursor = cursors.at(-1);
  // Mass actions: the ticked ids (kept across pages), or every record the filter matches.
  const [chosen, setChosen] = useState<Chosen>({ ids: new Set() });
  const [matching, setMatching] = useState<number | null>(null);
  const [reloads, setReloads] = useState(0);

  const update = useCallback((change: Partial<ListState>) => {
    setState((previous) => ({ ...previous, ...change }));
    setCursors([]);
  }, []);

  const pickView = useCallback((id: string, from: ListView[]) => {
    const view = from.find((candidate) => candidate.id === id);
    setViewId(view ? view.id : '');
    setState(view ? stateOfView(view.definition) : EMPTY_STATE);
    setCursors([]);
  }, []);

  const loadViews = useCallback(
    (select?: string) => {
      api.views().then(
        (loaded) => {
          setViews(loaded.data);
          // My default wins over a shared one (the API lists mine first).
          const id = select ?? loaded.data.find((view) => view.default)?.id ?? '';
          if (select === undefined || !loaded.data.some((view) => view.id === select && view.id === viewId)) pickView(id, loaded.data);
        },
        (caught: unknown) => {
          setViews([]);
          setError(toApiError(caught));
        },
      );
    },
    [api, pickView, viewId],
  );
  // Views load once per object (this component is keyed by it); later loads come from the picker.
  // Not on a language switch (a new client): that must not throw away the filter being built.
  // biome-ignore lint/correctness/useExhaustiveDependencies: deliberately once, see above.
  useEffect(() => loadViews(), []);

  // The quick search narrows the list a moment after typing stops, not on every key. Only a changed
  // text goes back to the first page: a timer that fired regardless, 300 ms after the list opened,
  // threw away a "next page" clicked meanwhile.
  useEffect(() => {
    if (quick === search) return;
    const timer = window.setTimeout(() => {
      setSearch(quick);
      setCursors([]);
    }, 300);
    return () => window.clearTimeout(timer);
  }, [quick, search]);

  const fields = visibleFields(object, state.columns, paths);
  const filter = withQuickSearch(state.filter, object, search);
  const massWords = massMessagesFor(language);

  // Another filter is another set of records: what was ticked no longer applies.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a changed filter only.
  useEffect(() => {
    setChosen({ ids: new Set() });
    setMatching(null);
  }, [filter]);

  const records = page?.data ?? [];
  const tickedIds = 'ids' in chosen ? chosen.ids : null;
  const pageTicked = tickedIds !== null && records.length > 0 && records.every((record) => tickedIds.has(record.id));
  // "Select all N matching" needs N: asked once the whole page is ticked.
  useEffect(() => {
    if (!pageTicked || matching !== null) return;
    let current = true;
    api.totals(filter, []).then(
      (totals) => current && setMatching(totals.count),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, filter, pageTicked, matching]);

  const selection: RowSelection = {
    selected: tickedIds ?? new Set(records.map((record) => record.id)),
    toggle: (id, on) =>
      setChosen((previous) => {
        const next = new Set('ids' in previous ? previous.ids : records.map((record) => record.id));
        if (on) next.add(id);
        else next.delete(id);
        return { ids: next };
      }),
    togglePage: (on) =>
      setChosen((previous) => {
        const next = new Set('ids' in previous ? previous.ids : []);
        for (const record of records) {
          if (on) next.add(record.id);
          else next.delete(record.id);
        }
        return { ids: next };
      }),
    rowLabel: (name) => massWords.selectRow.replace('{name}', name),
    pageLabel: massWords.selectPage,
  };
  const columns = state.columns;
  // Own lookups, user and many-to-many fields come expanded, so the list shows names (a path column is its flat value).
  const lookups = fields
    .filter((field) => (field.type === 'lookup' || field.type === 'user' || field.type === 'manytomany') && !pathLookupOf(field.apiName))
    .map((field) => field.apiName);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `columns`/`lookups` are derived from state.
  useEffect(() => {
    if (views === null) return;
    let current = true;
    setLoading(true);
    client
      .listRecords(object.apiName, {
        limit: state.pageSize,
        sort: state.sort ? [state.sort] : undefined,
        filter: filter || undefined,
        cursor,
        fields: columns ?? undefined,
        expand: lookups.length > 0 ? lookups : undefined,
      })
      .then(
        (loaded) => {
          if (!current) return;
          setPage(loaded);
          setError(null);
        },
        (caught: unknown) => {
          if (!current) return;
          setPage(null);
          setError(toApiError(caught));
        },
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [client, object.apiName, views === null, state.pageSize, state.sort, filter, cursor, columns?.join(','), lookups.join(','), reloads]);

  function onSort(field: string) {
    update({ sort: state.sort === field ? `-${field}` : field });
  }

  const title = pickLabel(object.pluralLabels ?? object.labels, language, object.apiName);
  return (
    <>
      <div className="records-header">
        <h2>{title}</h2>
        {/* One form for every record: the generated one (layout, record type, rules), on its own page. */}
        <Link to={`/app/${encodeURIComponent(object.apiName)}/new`} className="button-link">
          {messages.newRecord}
        </Link>
        <Link to={`/import/${encodeURIComponent(object.apiName)}`} className="button-link">
          {importMessagesFor(language).link}
        </Link>
      </div>
      {views ? (
        <ViewsPicker
          api={api}
          views={views}
          selected={viewId}
          onSelect={(id) => pickView(id, views)}
          current={() => viewOfState(state)}
          onChanged={(select) => loadViews(select)}
        />
      ) : null}
      {/* key: another view opens its own filter in the builder. */}
      <ListFilter key={viewId || 'all'} object={object} paths={paths} initial={state.filter} onApply={(next) => update({ filter: next })} />
      <div className="list-toolbar">
        <input type="search" aria-label={words.quickSearch} placeholder={words.quickSearch} value={quick} onChange={(event) => setQuick(event.target.value)} />
        <SortSelect object={object} paths={paths} sort={state.sort} onChange={(next) => update({ sort: next })} />
        <ColumnChooser object={object} paths={paths} columns={state.columns} onChange={(next) => update({ columns: next })} />
        <label className="inline">
          {words.pageSize}{' '}
          <select value={state.pageSize} onChange={(event) => update({ pageSize: Number(event.target.value) })}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? <ProblemBanner error={error} /> : null}
      {views ? <TotalsBar key={reloads} api={api} object={object} filter={filter} /> : null}
      <MassActionsBar
        object={object}
        api={api}
        chosen={chosen}
        records={records}
        matching={matching}
        // An empty filter matches every record: the API takes a rule, so say "every id".
        onChooseAllMatching={() => matching !== null && setChosen({ filter: filter || JSON.stringify({ '!=': [{ var: 'id' }, null] }), count: matching })}
        onClear={() => setChosen({ ids: new Set() })}
        onDone={() => {
          setChosen({ ids: new Set() });
          setMatching(null);
          setReloads((count) => count + 1);
        }}
      />
      <div className={loading ? 'loading table-scroll' : 'table-scroll'} aria-busy={loading}>
        <RecordTable
          fields={fields}
          records={records}
          selection={selection}
          sort={state.sort}
          onSort={onSort}
          loading={loading}
          loadingText={words.loadingRecords}
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
