// A flow's versions (GET /approvals/flows/:object/:flow): the runtime numbers a definition the
// first time it is used after a change and keeps every earlier one, because a request finishes on
// the version it started with. The API client has no call for it, so it goes through Access's
// request helper (same credentials as the client); refreshed whenever the metadata revision changes.
import { useEffect, useState } from 'react';
import { request } from '../access/security-api.ts';

export interface FlowVersions {
  /** The version new requests use. */
  version: number;
  versions: { version: number; revision: number; createdAt: string }[];
}

export type FlowVersionsState = { status: 'loading' } | { status: 'ready'; data: FlowVersions } | { status: 'failed' };

export function useFlowVersions(object: string, flow: string, revision: number | undefined): FlowVersionsState {
  const [state, setState] = useState<FlowVersionsState>({ status: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` is the refresh trigger.
  useEffect(() => {
    let current = true;
    request<FlowVersions>('GET', `/approvals/flows/${encodeURIComponent(object)}/${encodeURIComponent(flow)}`).then(
      (data) => current && setState({ status: 'ready', data }),
      () => current && setState({ status: 'failed' }),
    );
    return () => {
      current = false;
    };
  }, [object, flow, revision]);
  return state;
}
