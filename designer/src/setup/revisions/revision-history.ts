// The revision list with who made each one: a revision row records only the API's author ('api'),
// the audit log records the person (user:email) or 'integration' for each apply and revert in the
// same transaction, targeted `revision:N`. The newest 200 audit entries cover the page.
import type { ApiClient } from '../../api/index.ts';
import type { RevisionSummary } from '../../api/metadata-change-types.ts';

export interface RevisionRow extends RevisionSummary {
  /** `user:ada@example.com`, `integration`, or the revision's author when the audit log has no entry. */
  actor: string;
}

const HISTORY = 200;

export async function loadRevisionHistory(client: ApiClient): Promise<RevisionRow[]> {
  const [revisions, audit] = await Promise.all([
    client.listRevisions(HISTORY),
    client.request<{ data: { target: string | null; actor: string | null }[] }>('GET', `/audit/log?event=metadata.*&limit=${HISTORY}`),
  ]);
  const actors = new Map<string, string>();
  for (const entry of audit.data) if (entry.target && entry.actor && !actors.has(entry.target)) actors.set(entry.target, entry.actor);
  return revisions.data.map((revision) => ({ ...revision, actor: actors.get(`revision:${revision.revision}`) ?? revision.author }));
}
