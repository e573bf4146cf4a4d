// The wizard's calls. Uploads are multipart/form-data sent with fetch (the typed client sends JSON
// only): the file as the `file` part, which carries its name, and the options as one JSON `options`
// part, so a wide mapping never has to fit in a URL. The rest go through the session's
// client.request so credentials, language and a 401 are handled as everywhere else.
import { useMemo } from 'react';
import { type ApiClient, ApiError } from '../../api/index.ts';
import { acceptLanguage } from '../../i18n/language-choice.ts';
import type { Language } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { loadToken } from '../../shell/token-store.ts';

export type Mapping = Record<string, string | null>;
export interface ImportCounts {
  create: number;
  update: number;
  skip: number;
  error: number;
}
export interface ImportError {
  row: number;
  column: string;
  value: string;
  reason: string;
}
export type ImportStatus = 'queued' | 'running' | 'dry-run' | 'done' | 'failed' | 'undone';
export interface ImportState {
  id: string;
  object: string;
  fileName: string;
  status: ImportStatus;
  processed: number;
  counts: ImportCounts | null;
  errorCount: number;
  errors: ImportError[];
  /** Why the run stopped other than by its rows' errors. */
  failure: string | null;
  /** Stopped by a restart or never started: nothing was written. */
  interrupted: boolean;
  canRerun: boolean;
}
export interface ImportHistoryEntry extends Omit<ImportState, 'errors'> {
  dryRun: boolean;
  createdAt: string;
  finishedAt: string | null;
  undoneAt: string | null;
  createdBy: { id: string; name: string } | null;
  undo: { available: boolean; blockedBy: 'dry-run' | 'not-finished' | 'failed' | 'undone' | null };
}
export interface Preview {
  columns: string[];
  mapping: Mapping;
  rows: string[][];
}
export interface ImportSettings {
  mapping: Mapping;
  mode: 'all-or-nothing' | 'skip-bad-rows';
  duplicates: 'skip' | 'update' | 'create';
  matchField?: string;
  /** Save the mapping under this name (with the dry run). */
  saveMapping?: string;
}

async function upload<T>(path: string, file: File, options: Record<string, string>, language: Language): Promise<T> {
  const token = loadToken();
  // x-tessera-upload: a session-cookie write may be multipart only with it (security/session-writes.ts).
  const headers: Record<string, string> = {
    'accept-language': acceptLanguage(language),
    accept: 'application/json, application/problem+json',
    'x-tessera-upload': 'multipart',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const form = new FormData();
  form.append('options', JSON.stringify(options));
  // An .xlsx file some systems label application/octet-stream: the server also reads the name.
  form.append('file', file, file.name);
  const response = await fetch(`/api/v1/imports/${path}`, { method: 'POST', headers, body: form, credentials: token ? 'omit' : 'same-origin' });
  const text = await response.text();
  const body = text ? (JSON.parse(text) as unknown) : null;
  if (!response.ok) throw new ApiError({ title: response.statusText, status: response.status, ...(body as object) });
  return body as T;
}

function settingsQuery(settings: ImportSettings): Record<string, string> {
  return {
    mapping: JSON.stringify(settings.mapping),
    mode: settings.mode,
    duplicates: settings.duplicates,
    ...(settings.matchField ? { matchField: settings.matchField } : {}),
    ...(settings.saveMapping ? { saveMapping: settings.saveMapping } : {}),
  };
}

export function importApi(client: ApiClient, language: Language, object: string) {
  const name = encodeURIComponent(object);
  return {
    preview: (file: File) => upload<Preview>(`${name}/preview`, file, {}, language),
    dryRun: (file: File, settings: ImportSettings) => upload<ImportState>(name, file, { ...settingsQuery(settings), dryRun: 'true' }, language),
    start: (file: File, settings: ImportSettings) => upload<ImportState>(name, file, settingsQuery(settings), language),
    get: (id: string) => client.request<ImportState>('GET', `/imports/${encodeURIComponent(id)}`),
    undo: (id: string) => client.request<{ deleted: number; restored: number }>('POST', `/imports/${encodeURIComponent(id)}/undo`),
    /** "Run again": the kept file of an interrupted import, with its options; a new import (202). */
    rerun: (id: string) => client.request<ImportState>('POST', `/imports/${encodeURIComponent(id)}/rerun`),
    history: () => client.request<{ data: ImportHistoryEntry[] }>('GET', `/imports${object ? `?object=${name}` : ''}`),
    mappings: () => client.request<{ data: Array<{ name: string; mapping: Mapping }> }>('GET', `/imports/${name}/mappings`),
    errorsUrl: (id: string) => `/api/v1/imports/${encodeURIComponent(id)}/errors.csv?lang=${language}`,
  };
}

export function useImportApi(object: string) {
  const { client, language } = useSession();
  return useMemo(() => importApi(client, language, object), [client, language, object]);
}
