// The language the user picked with the 中文/English switch, remembered in this browser (a
// preference, not a secret), else the browser's. Screens read it through useLanguageChoice, so a
// switch re-renders everything at once; API calls carry it as Accept-Language (languageFetch), so
// the server's problems come back in the same language.
import { useSyncExternalStore } from 'react';
import { browserLanguage, type Language } from './language.ts';

const STORAGE_KEY = 'tessera.language';
const listeners = new Set<() => void>();

function stored(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === 'zh' || value === 'en' ? value : null;
  } catch {
    return null; // storage blocked (private mode): the browser's language
  }
}

let current: Language = stored() ?? browserLanguage();

export function chooseLanguage(language: Language): void {
  current = language;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, but still switched for this page.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLanguageChoice(): Language {
  // The third snapshot serves server rendering (renderToString in the Setup registry suite).
  return useSyncExternalStore(
    subscribe,
    () => current,
    () => current,
  );
}

/** The HTTP header value for a language: the server ranks it as browsers do. */
export const acceptLanguage = (language: Language): string => (language === 'zh' ? 'zh-CN,zh;q=0.9,en;q=0.5' : 'en,zh;q=0.5');

/** fetch with Accept-Language set to the chosen language (the client passes headers as a plain object). */
export function languageFetch(language: Language): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('accept-language', acceptLanguage(language));
    return globalThis.fetch(input, { ...init, headers });
  };
}
