// The top bar's search box: Enter opens /search?q=… (the results page), from anywhere in the app.
import { type FormEvent, useState } from 'react';
import { navigate } from '../../shell/router.ts';
import { useSession } from '../../shell/session.tsx';
import { searchMessagesFor } from './search-messages.ts';
import './search.css';

/** Fired when the query changes while the results page is already open (the path stays /search). */
export const SEARCH_EVENT = 'tessera:search';

export function searchPath(q: string): string {
  return `/search?${new URLSearchParams({ q })}`;
}

export function SearchBox() {
  const { language } = useSession();
  const text = searchMessagesFor(language);
  const [q, setQ] = useState(() => (window.location.pathname === '/search' ? (new URLSearchParams(window.location.search).get('q') ?? '') : ''));
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const trimmed = q.trim();
    if (!trimmed) return;
    if (window.location.pathname === '/search') {
      window.history.pushState(null, '', searchPath(trimmed));
      window.dispatchEvent(new Event(SEARCH_EVENT));
    } else navigate(searchPath(trimmed));
  }
  return (
    <search className="search-box">
      <form onSubmit={onSubmit}>
        <input type="search" aria-label={text.search} placeholder={text.placeholder} value={q} onChange={(event) => setQ(event.target.value)} maxLength={200} />
      </form>
    </search>
  );
}
