// Who is signed in and how: with a password (the session cookie, which the browser sends by itself)
// or with an API token (kept in localStorage, sent as a bearer). At start GET /auth/me says whether
// the stored token or the cookie still works; after that a 401 anywhere ends the session.
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, type AuthMe, createClient } from '../api/index.ts';
import { rememberTenant } from './last-tenant.ts';
import { loadToken, saveToken } from './token-store.ts';

export type Credential = { kind: 'session' } | { kind: 'token'; token: string };

export type AuthState = { status: 'checking' } | { status: 'signed-out'; expired: boolean } | { status: 'signed-in'; credential: Credential; me: AuthMe };

export function useAuth() {
  const [state, setState] = useState<AuthState>({ status: 'checking' });

  useEffect(() => {
    let current = true;
    const token = loadToken();
    const credential: Credential = token ? { kind: 'token', token } : { kind: 'session' };
    createClient(token ? { token } : {})
      .me()
      .then(
        (me) => current && setState({ status: 'signed-in', credential, me }),
        (error: ApiError) => {
          if (!current) return;
          if (token && error.status === 401) saveToken(null);
          setState({ status: 'signed-out', expired: false });
        },
      );
    return () => {
      current = false;
    };
  }, []);

  const signedIn = useCallback((credential: Credential, me: AuthMe) => {
    if (credential.kind === 'token') saveToken(credential.token);
    rememberTenant(me.tenant);
    setState({ status: 'signed-in', credential, me });
  }, []);

  const signOut = useCallback(async (credential: Credential) => {
    // The cookie is HttpOnly: only the server can end the session and clear it. Waiting for the
    // answer keeps its cookie deletion from landing after a quick next sign-in's new cookie; a
    // failed call (offline) still shows sign-in, as there is nothing in the page to clean up.
    if (credential.kind === 'session')
      await createClient()
        .signOut()
        .catch(() => undefined);
    else saveToken(null);
    setState({ status: 'signed-out', expired: false });
  }, []);

  const expired = useCallback((credential: Credential) => {
    if (credential.kind === 'token') saveToken(null);
    setState({ status: 'signed-out', expired: true });
  }, []);

  return { state, signedIn, signOut, expired };
}
