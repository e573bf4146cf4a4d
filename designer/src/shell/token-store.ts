// The tenant token lives in localStorage: the designer is a static app and the API is
// token-authenticated, so there is no session cookie to lean on.
const KEY = 'tessera.token';

export function loadToken(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string | null): void {
  if (token) window.localStorage.setItem(KEY, token);
  else window.localStorage.removeItem(KEY);
}
