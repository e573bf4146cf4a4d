// A typed fetch client for the public HTTP API (docs/api-contract.md). Same origin by default,
// so the designer needs no configuration when the runtime serves it. Throws ApiError on non-2xx.
// Without a token it authenticates with the session cookie (HttpOnly, set by POST /auth/sign-in);
// with one, it sends the bearer and no cookie.
import { ApiError } from './api-error.ts';
import { fileTransfer } from './file-transfer.ts';
import type { AppliedMetadataChange, MetadataChange, MetadataPlan, RevisionDetail, RevisionSummary } from './metadata-change-types.ts';
import type { ObjectDef } from '@tessera/metadata';
import type {
  AppliedPackage,
  AvailablePackage,
  InstalledPackage,
  PackageApplyRequest,
  PackageOperationProgress,
  PackagePlan,
  PackagePlanRequest,
} from './package-types.ts';
import type {
  ApplyResponse,
  AuthMe,
  BoardResponse,
  CreatedTenant,
  FormQuery,
  LookupOption,
  ListQuery,
  MetadataResponse,
  ObjectDefinition,
  Problem,
  RecordData,
  RecordPage,
  ServedForm,
  SignedIn,
  Tenant,
  ValidateResponse,
} from './types.ts';

export interface ClientOptions {
  /** Tenant token (`tsr_…`) or, for the admin endpoints, the admin token; none: the session cookie. */
  token?: string;
  /** Called on any 401 before the ApiError is thrown: the credential expired or was revoked. */
  onUnauthorized?: (error: ApiError) => void;
  /** Origin of the runtime; '' means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Accept-Language of file uploads (they use XMLHttpRequest, not `fetch`, for their progress). */
  acceptLanguage?: string;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export function createClient(options: ClientOptions = {}) {
  const base = `${options.baseUrl ?? ''}/api/v1`;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function call<T>(method: Method, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const requestHeaders: Record<string, string> = { accept: 'application/json, application/problem+json', ...headers };
    if (options.token) requestHeaders.authorization = `Bearer ${options.token}`;
    if (body !== undefined) requestHeaders['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: requestHeaders,
        credentials: options.token ? 'omit' : 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw new ApiError({ title: 'Network error', status: 0, detail: cause instanceof Error ? cause.message : String(cause) });
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const parsed = parseJson(text);
    if (!response.ok) {
      const error = new ApiError(asProblem(parsed, response, text));
      if (response.status === 401) options.onUnauthorized?.(error);
      throw error;
    }
    return parsed as T;
  }

  const records = (object: string) => `/objects/${encodeURIComponent(object)}/records`;
  const record = (object: string, id: string) => `${records(object)}/${encodeURIComponent(id)}`;

  return {
    /** Any route of the API, for screens whose calls live beside them (app/approvals, app/list). */
    request: <T>(method: Method, path: string, body?: unknown, headers?: Record<string, string>) => call<T>(method, path, body, headers),
    health: () => call<{ status: string }>('GET', '/health'),
    /** Uploads (with progress) and the bytes of file and image fields. */
    files: fileTransfer({ token: options.token, baseUrl: options.baseUrl, fetch: doFetch, acceptLanguage: options.acceptLanguage }),

    signIn: (credentials: { tenant: string; email: string; password: string }) => call<SignedIn>('POST', '/auth/sign-in', credentials),
    signOut: () => call<void>('POST', '/auth/sign-out'),
    me: () => call<AuthMe>('GET', '/auth/me'),

    getMetadata: () => call<MetadataResponse>('GET', '/metadata'),
    getObject: (object: string) => call<ObjectDefinition>('GET', `/metadata/objects/${encodeURIComponent(object)}`),
    applyMetadata: (document: unknown) => call<ApplyResponse>('POST', '/metadata/apply', document),
    validateMetadata: (document: unknown) => call<ValidateResponse>('POST', '/metadata/validate', document),
    // Setup's plan → review → apply: the apply quotes the reviewed plan's revision (If-Match) and hash.
    getObjectDefinition: (object: string) => call<ObjectDef>('GET', `/metadata/objects/${encodeURIComponent(object)}?as=definition`),
    planMetadataChange: (change: MetadataChange) => call<MetadataPlan>('POST', '/metadata/plan', change),
    applyMetadataChange: (change: MetadataChange, baseRevision: number) =>
      call<AppliedMetadataChange>('POST', '/metadata/apply', change, { 'if-match': `"${baseRevision}"` }),
    listRevisions: (limit = 100) => call<{ data: RevisionSummary[] }>('GET', `/metadata/revisions?limit=${limit}`),
    getRevision: (revision: number) => call<RevisionDetail>('GET', `/metadata/revisions/${revision}`),

    listRecords: (object: string, query: ListQuery = {}) => call<RecordPage>('GET', `${records(object)}${listQueryString(query)}`),
    getRecord: (object: string, id: string) => call<RecordData>('GET', record(object, id)),
    createRecord: (object: string, values: Record<string, unknown>) => call<RecordData>('POST', records(object), values),
    updateRecord: (object: string, id: string, values: Record<string, unknown>, version?: number) =>
      call<RecordData>('PATCH', record(object, id), values, version === undefined ? {} : { 'if-match': `"${version}"` }),
    deleteRecord: (object: string, id: string) => call<void>('DELETE', record(object, id)),
    restoreRecord: (object: string, id: string) => call<RecordData>('POST', `${record(object, id)}/restore`),

    getBoard: (object: string, pipeline: string, limit = 20, filter = '') =>
      call<BoardResponse>(
        'GET',
        `/objects/${encodeURIComponent(object)}/board?${new URLSearchParams({ pipeline, limit: String(limit), ...(filter ? { filter } : {}) })}`,
      ),
    moveStage: (object: string, id: string, move: { stage: string; reason?: string }, version: number) =>
      call<RecordData>('POST', `${record(object, id)}/stage`, move, { 'if-match': `"${version}"` }),

    getForm: (object: string, query: FormQuery) => call<ServedForm>('GET', `/forms/${encodeURIComponent(object)}${formQueryString(query)}`),
    lookup: (object: string, q: string, limit = 10) =>
      call<{ data: LookupOption[] }>('GET', `/objects/${encodeURIComponent(object)}/lookup?${new URLSearchParams({ q, limit: String(limit) })}`),

    listPackages: () => call<{ data: InstalledPackage[] }>('GET', '/packages'),
    listAvailablePackages: () => call<{ data: AvailablePackage[] }>('GET', '/packages/available'),
    planPackage: (request: PackagePlanRequest) => call<PackagePlan>('POST', '/packages/plan', request),
    // `operationId`: a new UUID per operation, to follow it with getPackageOperation while it runs.
    installPackage: (request: PackageApplyRequest, operationId?: string) =>
      call<AppliedPackage>('POST', '/packages/install', request, operationHeader(operationId)),
    upgradePackage: (request: PackageApplyRequest, operationId?: string) =>
      call<AppliedPackage>('POST', '/packages/upgrade', request, operationHeader(operationId)),
    uninstallPackage: (namespace: string, options: { purge?: boolean; planHash?: string; operationId?: string } = {}) =>
      call<AppliedPackage>('DELETE', `/packages/${encodeURIComponent(namespace)}${uninstallQuery(options)}`, undefined, operationHeader(options.operationId)),
    getPackageOperation: (operationId: string) => call<PackageOperationProgress>('GET', `/packages/operations/${encodeURIComponent(operationId)}`),

    openApi: () => call<Record<string, unknown>>('GET', '/openapi.json'),

    createTenant: (slug: string) => call<CreatedTenant>('POST', '/admin/tenants', { slug }),
    listTenants: () => call<{ data: Tenant[] }>('GET', '/admin/tenants'),
    createTenantToken: (slug: string, label: string) =>
      call<{ tenant: string; token: string }>('POST', `/admin/tenants/${encodeURIComponent(slug)}/tokens`, { label }),
  };
}

export type ApiClient = ReturnType<typeof createClient>;

export function listQueryString(query: ListQuery): string {
  const params = new URLSearchParams();
  if (query.filter !== undefined && query.filter !== '') {
    params.set('filter', typeof query.filter === 'string' ? query.filter : JSON.stringify(query.filter));
  }
  if (query.sort?.length) params.set('sort', query.sort.join(','));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.cursor) params.set('cursor', query.cursor);
  if (query.fields?.length) params.set('fields', query.fields.join(','));
  if (query.expand?.length) params.set('expand', query.expand.join(','));
  if (query.deleted) params.set('deleted', query.deleted);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function formQueryString(query: FormQuery): string {
  const params = new URLSearchParams({ mode: query.mode });
  if (query.recordType) params.set('recordType', query.recordType);
  if (query.lang) params.set('lang', query.lang);
  return `?${params}`;
}

const operationHeader = (operationId: string | undefined): Record<string, string> => (operationId ? { 'x-operation-id': operationId } : {});

function uninstallQuery(options: { purge?: boolean; planHash?: string }): string {
  const params = new URLSearchParams();
  if (options.purge) params.set('purge', 'true');
  if (options.planHash) params.set('planHash', options.planHash);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function asProblem(body: unknown, response: Response, text: string): Problem {
  if (body && typeof body === 'object' && 'title' in body) return body as Problem;
  return { title: response.statusText || 'Request failed', status: response.status, detail: text.slice(0, 200) || undefined };
}
