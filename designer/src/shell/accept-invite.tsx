// /accept-invite?tenant=…&token=…: the link an administrator sends with an invitation. The invitee
// chooses a password (POST /auth/accept-invite; the server's password policy answers on the box),
// and is then signed in with it, as the sign-in form would, landing in the App.
import { type FormEvent, useState } from 'react';
import { type ApiError, type AuthMe, createClient } from '../api/index.ts';
import { browserLanguage } from '../i18n/language.ts';
import { messagesFor } from '../i18n/messages.ts';
import { acceptInviteMessagesFor } from './accept-invite-messages.ts';
import { rememberTenant } from './last-tenant.ts';
import { ProblemBanner } from './problem-banner.tsx';
import { navigate } from './router.ts';
import { toApiError } from './session.tsx';
import type { Credential } from './use-auth.ts';

export const ACCEPT_INVITE_PATH = '/accept-invite';

/** The link for an invitation token, on this origin. */
export function invitationLink(tenant: string, token: string): string {
  return `${window.location.origin}${ACCEPT_INVITE_PATH}?${new URLSearchParams({ tenant, token })}`;
}

export function AcceptInvite(props: { onSignedIn: (credential: Credential, me: AuthMe) => void }) {
  const language = browserLanguage();
  const messages = messagesFor(language);
  const text = acceptInviteMessagesFor(language);
  const params = new URLSearchParams(window.location.search);
  const tenant = params.get('tenant') ?? '';
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMismatch(password !== confirm);
    if (password !== confirm) return;
    setBusy(true);
    setError(null);
    try {
      const client = createClient();
      const accepted = await client.request<{ user: { email: string }; tenant: string }>('POST', '/auth/accept-invite', { tenant, token, password });
      await client.signIn({ tenant: accepted.tenant, email: accepted.user.email, password });
      rememberTenant(accepted.tenant);
      navigate('/app');
      props.onSignedIn({ kind: 'session' }, await client.me());
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
    }
  }

  const passwordProblem = error?.problem?.errors?.find((detail) => detail.path === '/password' || detail.path === 'password');
  return (
    <main className="sign-in">
      <h1>{messages.appTitle}</h1>
      <form onSubmit={onSubmit} className="card" aria-label={text.title} noValidate>
        <h2>{text.title}</h2>
        {tenant && token ? <p>{text.intro.replace('{tenant}', tenant)}</p> : <p className="notice">{text.missing}</p>}
        <label htmlFor="invite-password">{text.password}</label>
        <input
          id="invite-password"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={passwordProblem ? true : undefined}
          aria-describedby={passwordProblem ? 'invite-password-error' : undefined}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {passwordProblem ? (
          <p id="invite-password-error" className="field-error">
            {passwordProblem.message}
          </p>
        ) : null}
        <label htmlFor="invite-confirm">{text.confirm}</label>
        <input
          id="invite-confirm"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={mismatch ? true : undefined}
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
        />
        {mismatch ? <p className="field-error">{text.mismatch}</p> : null}
        {error && !passwordProblem ? <ProblemBanner error={error} /> : null}
        <button type="submit" disabled={busy || !tenant || !token}>
          {text.accept}
        </button>
      </form>
    </main>
  );
}
