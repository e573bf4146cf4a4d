// Saved list views (GET/POST/PATCH/DELETE /objects/:object/views) and list totals
// (GET /objects/:object/totals), as the list page calls them.
import type { ApiClient } from '../../api/index.ts';

export interface ViewDefinition {
  filter?: unknown;
  sort?: string;
  fields?: string[];
  pageSize?: number;
}

export interface ListView {
  id: string;
  object: string;
  labels: { en?: string; zh?: string };
  shared: boolean;
  definition: ViewDefinition;
  default: boolean;
  editable: boolean;
  version: number;
}

export interface ViewChange {
  labels?: { en?: string; zh?: string };
  definition?: ViewDefinition;
  default?: boolean;
}

export interface Totals {
  count: number;
  sums: Record<string, number | null>;
}

/** POST /objects/:object/records/mass (runtime/src/records/mass/mass-request.ts). */
export type MassBody =
  | ({ action: 'update'; values: Record<string, unknown> } & MassSelection)
  | ({ action: 'transfer'; owner: string; related: Array<{ object: string; field: string }> } & MassSelection)
  | ({ action: 'delete' } & MassSelection);
export type MassSelection = { ids: string[] } | { filter: string };

export interface MassProblem {
  path: string;
  code: string;
  message: string;
}

export interface MassRecordResult {
  index: number;
  id: string | null;
  status: 'updated' | 'deleted' | 'failed';
  errors: MassProblem[];
}

export interface MassOutcome {
  action: MassBody['action'];
  results: MassRecordResult[];
  counts: { updated: number; deleted: number; failed: number };
  related: Array<{ object: string; field: string; counts: { updated: number; failed: number } }>;
}

export function listApi(client: ApiClient, object: string) {
  const views = `/objects/${encodeURIComponent(object)}/views`;
  const view = (id: string) => `${views}/${encodeURIComponent(id)}`;
  return {
    views: () => client.request<{ data: ListView[] }>('GET', views),
    createView: (change: ViewChange) => client.request<ListView>('POST', views, change),
    updateView: (id: string, change: ViewChange, version: number) => client.request<ListView>('PATCH', view(id), change, { 'if-match': `"${version}"` }),
    deleteView: (id: string) => client.request<void>('DELETE', view(id)),
    // The App reports per record what failed instead of refusing the whole selection for one record.
    mass: (body: MassBody) => client.request<MassOutcome>('POST', `/objects/${encodeURIComponent(object)}/records/mass`, { ...body, mode: 'partial' }),
    totals: (filter: string, sums: string[]) => {
      const query = new URLSearchParams();
      if (filter) query.set('filter', filter);
      if (sums.length > 0) query.set('sum', sums.join(','));
      const text = query.toString();
      return client.request<Totals>('GET', `/objects/${encodeURIComponent(object)}/totals${text ? `?${text}` : ''}`);
    },
  };
}

export type ListApi = ReturnType<typeof listApi>;
