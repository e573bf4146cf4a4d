// What every screen needs: the API client for the signed-in tenant (cookie or bearer, see
// use-auth.ts), who is signed in and whether they are an admin, the display language and its
// messages, and the tenant's metadata (loaded once, reloadable).
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ApiClient, ApiError, type AuthMe, createClient, type MetadataResponse } from '../api/index.ts';
import type { Language } from '../i18n/language.ts';
import { acceptLanguage, languageFetch, useLanguageChoice } from '../i18n/language-choice.ts';
import { messagesFor } from '../i18n/messages.ts';
import type { Credential } from './use-auth.ts';

export type MetadataState = { status: 'loading' } | { status: 'ready'; metadata: MetadataResponse } | { status: 'failed'; error: ApiError };

export interface Session {
  client: ApiClient;
  /** GET /auth/me at sign-in: the tenant, the user (none for an integration token), `admin`. */
  me: AuthMe;
  language: Language;
  messages: ReturnType<typeof messagesFor>;
  metadata: MetadataState;
  reloadMetadata: () => void;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider(props: { credential: Credential; me: AuthMe; onSignOut: () => void; onExpired: () => void; children: ReactNode }) {
  const { credential, me, onSignOut, onExpired } = props;
  // The 中文/English switch (i18n/language-choice.ts): every call asks for answers in that language.
  const language = useLanguageChoice();
  const client = useMemo(() => {
    const common = { onUnauthorized: onExpired, fetch: languageFetch(language), acceptLanguage: acceptLanguage(language) };
    return createClient(credential.kind === 'token' ? { ...common, token: credential.token } : common);
  }, [credential, onExpired, language]);
  const [metadata, setMetadata] = useState<MetadataState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger.
  useEffect(() => {
    let current = true;
    client.getMetadata().then(
      (loaded) => current && setMetadata({ status: 'ready', metadata: loaded }),
      (error: unknown) => current && setMetadata({ status: 'failed', error: toApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, generation]);

  const reloadMetadata = useCallback(() => setGeneration((value) => value + 1), []);
  const session = useMemo<Session>(
    () => ({ client, me, language, messages: messagesFor(language), metadata, reloadMetadata, signOut: onSignOut }),
    [client, me, language, metadata, reloadMetadata, onSignOut],
  );
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ title: 'Unexpected error', status: 0, detail: error instanceof Error ? error.message : String(error) });
}
