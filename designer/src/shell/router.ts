// A path router small enough to read in one go: the runtime serves index.html for every
// non-API path, so plain pushState URLs (/setup/account, /app/account) survive a reload.
import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

/** `/app/account` → `['app', 'account']`. */
export function pathSegments(path: string): string[] {
  return path.split('/').filter(Boolean).map(decodeURIComponent);
}

/**
 * Setup → Packages. Its own top-level path rather than /setup/packages, which an object named
 * `packages` (a valid api name) would own.
 */
export const PACKAGES_PATH = '/packages';

/** Setup → People (users, roles), Access (permission sets, defaults, sharing) and Revisions: top-level for the same reason. */
export const PEOPLE_PATH = '/people';
export const ACCESS_PATH = '/access';
export const REVISIONS_PATH = '/revisions';
/** Setup → Business calendars (工作日历): top-level for the same reason. */
export const CALENDARS_PATH = '/calendars';
