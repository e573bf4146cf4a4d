// Sign-in: tenant, email and password → POST /auth/sign-in sets the HttpOnly session cookie, then
// GET /auth/me says who signed in. An API token (integrations, personal tokens) is the second way.
import { type FormEvent, useState } from 'react';
import { type ApiError, type AuthMe, createClient } from '../api/index.ts';
import { browserLanguage } from '../i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';
import { initialTenant } from './last-tenant.ts';
import { ProblemBanner } from './problem-banner.tsx';
import { toApiError } from './session.tsx';
import { TokenSignIn } from './token-sign-in.tsx';
import type { Credential } from './use-auth.ts';

export function SignIn(props: { onSignedIn: (credential: Credential, me: AuthMe) => void; expired: boolean }) {
  const messages = messagesFor(browserLanguage());
  const [tenant, setTenant] = useState(initialTenant);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const client = createClient();
      await client.signIn({ tenant: tenant.trim(), email: email.trim(), password });
      props.onSignedIn({ kind: 'session' }, await client.me());
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>{messages.appTitle}</h1>
      {props.expired ? (
        <p className="notice" role="status">
          {messages.sessionExpired}
        </p>
      ) : null}
      <form onSubmit={onSubmit} className="card" aria-label={messages.signInWithPassword}>
        <label htmlFor="sign-in-tenant">{messages.tenantLabel}</label>
        <input
          id="sign-in-tenant"
          name="tenant"
          required
          autoComplete="organization"
          autoCapitalize="none"
          spellCheck={false}
          value={tenant}
          onChange={(event) => setTenant(event.target.value)}
        />
        <label htmlFor="sign-in-email">{messages.emailLabel}</label>
        <input id="sign-in-email" name="email" type="email" required autoComplete="username" value={email} onChange={(event) => setEmail(event.target.value)} />
        <label htmlFor="sign-in-password">{messages.passwordLabel}</label>
        <input
          id="sign-in-password"
          name="password"
          type="password"
          required
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error ? <ProblemBanner error={error} /> : null}
        {/* An <input>, not a <button>: the token form's button stays the page's one
            `form button[type=submit]`, which the token suites (designer-shell.test.ts) select. */}
        <input type="submit" value={messages.signIn} disabled={busy} />
      </form>
      <TokenSignIn onSignedIn={props.onSignedIn} />
    </main>
  );
}
