// An API token pasted at sign-in (integration or personal) lives in localStorage: a bearer token
// has no cookie to ride on. Password sign-in keeps nothing here; its session is an HttpOnly cookie.
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
