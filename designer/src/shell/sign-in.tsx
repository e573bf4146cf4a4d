// Sign-in: paste a tenant token; it is checked against GET /metadata before it is kept.
import { type FormEvent, useState } from 'react';
import { type ApiError, createClient } from '../api/index.ts';
import { browserLanguage } from '../i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';
import { ProblemBanner } from './problem-banner.tsx';
import { toApiError } from './session.tsx';

export function SignIn(props: { onSignedIn: (token: string) => void }) {
  const messages = messagesFor(browserLanguage());
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const trimmed = token.trim();
    if (!trimmed) return;
    setBusy(true);
    setError(null);
    try {
      await createClient({ token: trimmed }).getMetadata();
      props.onSignedIn(trimmed);
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>{messages.appTitle}</h1>
      <form onSubmit={onSubmit} className="card">
        <label htmlFor="token">{messages.tokenLabel}</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          placeholder="tsr_…"
        />
        <p className="hint">{messages.tokenHint}</p>
        {error ? <ProblemBanner error={error} /> : null}
        <button type="submit" disabled={busy || !token.trim()}>
          {messages.signIn}
        </button>
      </form>
    </main>
  );
}
