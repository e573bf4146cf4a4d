// The second way in: paste an API token (an integration's tenant token or a user's personal one);
// GET /auth/me checks it before it is kept (in localStorage: a bearer has no cookie to ride on).
import { type FormEvent, useState } from 'react';
import { type ApiError, type AuthMe, createClient } from '../api/index.ts';
import { browserLanguage } from '../i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';
import { ProblemBanner } from './problem-banner.tsx';
import { toApiError } from './session.tsx';
import type { Credential } from './use-auth.ts';

export function TokenSignIn(props: { onSignedIn: (credential: Credential, me: AuthMe) => void }) {
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
      const me = await createClient({ token: trimmed }).me();
      props.onSignedIn({ kind: 'token', token: trimmed }, me);
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  }

  return (
    <section className="card token-sign-in" aria-labelledby="token-sign-in-title">
      <h2 id="token-sign-in-title">{messages.useApiToken}</h2>
      <form onSubmit={onSubmit}>
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
        <button type="submit" className="secondary" disabled={busy || !token.trim()}>
          {messages.signInWithToken}
        </button>
      </form>
    </section>
  );
}
