// The record page's and search's calls, kept beside them (the typed client covers records, forms
// and boards): through the session's client.request, so the credential, the chosen language and a
// 401 are handled as for every other call, and a non-2xx answer throws ApiError with the problem.
import { useMemo } from 'react';
import type { ApiClient, Labels, RecordData } from '../../api/index.ts';
import { useSession } from '../../shell/session.tsx';

export interface SearchHit {
  id: string;
  name: string | null;
  matchedField: string;
  matchedValue: string;
  rank: 0 | 1 | 2;
}
export interface SearchGroup {
  object: string;
  records: SearchHit[];
  hasMore: boolean;
}
export interface RelatedList {
  object: string;
  field: string;
  /** `manytomany`: the records link to the parent through `field` (a reverse related list). */
  via: 'lookup' | 'manytomany';
  count: number;
  columns: string[];
  records: RecordData[];
  pipeline: string | null;
  /** A many-to-many through a junction object: its fields shown beside each record, read from the record's `$junction`. */
  junction?: { object: string; source: string; target: string; columns: string[] };
}
export interface HistoryUser {
  id: string;
  name: string | null;
  email: string | null;
}
export interface HistoryEntry {
  id: string;
  at: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  oldUser?: HistoryUser | null;
  newUser?: HistoryUser | null;
  operation: string;
  actorId: string | null;
  actor: string;
}
export interface ApprovalEvent {
  id: string;
  kind: string;
  actorId: string | null;
  actor: string;
  comment: string | null;
  at: string;
}
export interface ApprovalRequest {
  id: string;
  flow: string;
  status: string;
  submittedBy: string | null;
  submitter: string;
  comment: string | null;
  submittedAt: string;
  decidedAt: string | null;
  currentStep: string | null;
  definition: { labels?: Labels };
  history: ApprovalEvent[];
}
/** One merged timeline entry (GET …/timeline), by `kind`; the detail fields are the kind's. */
export type TimelineEntry =
  | { kind: 'activity'; at: string; id: string; object: string; record: RecordData }
  | { kind: 'field'; at: string; id: string; field: string; oldValue: unknown; newValue: unknown; operation: string; actor: string }
  | {
      kind: 'stage';
      at: string;
      id: string;
      pipeline: string;
      stageField?: string;
      fromStage: string | null;
      toStage: string;
      actor: string;
      comment: string | null;
    }
  | { kind: 'approval'; at: string; id: string; flow: string; status: string; submitter: string; comment: string | null; decidedAt: string | null };
export interface StageTotal {
  stage: string;
  labels: Labels;
  category: 'open' | 'won' | 'lost';
  count: number;
  amount: number | null;
  cards: { record: RecordData }[];
}

const recordPath = (object: string, id: string) => `/objects/${encodeURIComponent(object)}/records/${encodeURIComponent(id)}`;

export type RecordApi = ReturnType<typeof recordApi>;

/** The calls over the session's client. */
export function useRecordApi(): RecordApi {
  const { client } = useSession();
  return useMemo(() => recordApi(client), [client]);
}

export function recordApi(client: ApiClient) {
  const request = client.request;
  return {
    search: (q: string, limit = 5) => request<{ q: string; data: SearchGroup[] }>('GET', `/search?${new URLSearchParams({ q, limit: String(limit) })}`),
    /** The record with its lookups expanded, so their names show. */
    record: (object: string, id: string, expand: string[]) =>
      request<RecordData>('GET', `${recordPath(object, id)}${expand.length ? `?${new URLSearchParams({ expand: expand.join(',') })}` : ''}`),
    related: (object: string, id: string, limit = 5) => request<{ data: RelatedList[] }>('GET', `${recordPath(object, id)}/related?limit=${limit}`),
    history: (object: string, id: string, limit = 100) => request<{ data: HistoryEntry[] }>('GET', `${recordPath(object, id)}/history?limit=${limit}`),
    /** One related list, page by page (`cursor` from the previous page), newest first. */
    relatedPage: (parent: { object: string; id: string }, list: { object: string; field: string; columns: string[] }, cursor: string | null) =>
      request<{ data: RecordData[]; nextCursor: string | null }>(
        'GET',
        `${recordPath(parent.object, parent.id)}/related/${encodeURIComponent(list.object)}/${encodeURIComponent(list.field)}?${new URLSearchParams({
          limit: '20',
          fields: list.columns.join(','),
          ...(cursor ? { cursor } : {}),
        })}`,
      ),
    /** The merged timeline, newest first, one page (`cursor` from the previous page). */
    timeline: (object: string, id: string, cursor: string | null, limit = 20) =>
      request<{ data: TimelineEntry[]; nextCursor: string | null }>(
        'GET',
        `${recordPath(object, id)}/timeline?${new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) })}`,
      ),
    approvals: (object: string, id: string) => request<{ data: ApprovalRequest[] }>('GET', `${recordPath(object, id)}/approvals`),
    /** Adds (POST) or removes (DELETE) links from `id`'s many-to-many `field`; answers with the record. */
    links: (method: 'POST' | 'DELETE', object: string, id: string, field: string, ids: string[]) =>
      request<RecordData>(method, `${recordPath(object, id)}/links/${encodeURIComponent(field)}`, { ids }),
    /** Stage totals and open cards of one pipeline, only the records whose `field` is (or links to) `parentId`. */
    stageTotals: (object: string, pipeline: string, field: string, parentId: string, via: RelatedList['via'] = 'lookup') =>
      request<{ stages: StageTotal[]; amountField: string | null }>(
        'GET',
        `/objects/${encodeURIComponent(object)}/board?${new URLSearchParams({
          pipeline,
          limit: '10',
          filter: JSON.stringify(via === 'manytomany' ? { has_any: [{ var: field }, [parentId]] } : { '==': [{ var: field }, parentId] }),
        })}`,
      ),
  };
}
