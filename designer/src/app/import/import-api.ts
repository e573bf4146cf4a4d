// The wizard's calls. Uploads send the file itself as the body (text/csv or the XLSX type) with
// fetch, since the typed client sends JSON only; the rest go through the session's client.request
// so credentials, language and a 401 are handled as everywhere else.
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
export interface ImportState {
  id: string;
  status: 'queued' | 'running' | 'dry-run' | 'done' | 'failed' | 'undone';
  processed: number;
  counts: ImportCounts | null;
  errorCount: number;
  errors: ImportError[];
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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function upload<T>(path: string, file: File, query: Record<string, string>, language: Language): Promise<T> {
  const token = loadToken();
  const type = file.name.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv';
  const headers: Record<string, string> = {
    'content-type': type,
    'accept-language': acceptLanguage(language),
    accept: 'application/json, application/problem+json',
  };
  if (token) headers.authorization = `Bearer ${token}`;
  const search = new URLSearchParams({ ...query, fileName: file.name });
  const response = await fetch(`/api/v1/imports/${path}?${search}`, { method: 'POST', headers, body: file, credentials: token ? 'omit' : 'same-origin' });
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
    mappings: () => client.request<{ data: Array<{ name: string; mapping: Mapping }> }>('GET', `/imports/${name}/mappings`),
    errorsUrl: (id: string) => `/api/v1/imports/${encodeURIComponent(id)}/errors.csv?lang=${language}`,
  };
}

export function useImportApi(object: string) {
  const { client, language } = useSession();
  return useMemo(() => importApi(client, language, object), [client, language, object]);
}
