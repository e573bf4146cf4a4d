// The tenant the sign-in form starts with: `?tenant=` in the URL (links such as the one `tessera
// serve` prints for the demo), else the last tenant signed in to in this browser. Only the slug is
// kept: the session itself is an HttpOnly cookie the page never sees.
const KEY = 'tessera.tenant';

export function initialTenant(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('tenant');
  if (fromUrl) return fromUrl;
  try {
    return window.localStorage.getItem(KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberTenant(slug: string): void {
  try {
    window.localStorage.setItem(KEY, slug);
  } catch {
    // Storage refused (private mode, quota): the form simply starts empty next time.
  }
}
