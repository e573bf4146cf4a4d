// The readable diff between two revisions: both snapshots read (revision 0 is the empty model),
// compared with diffModels, each difference one line in the UI language.
import { EMPTY_SNAPSHOT, type MetadataSnapshot } from '@tessera/metadata';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { fillIn } from '../setup-messages.ts';
import { type RevisionsMessages, useRevisionsMessages } from './revisions-messages.ts';
import { type DiffEntry, diffModels } from './snapshot-diff.ts';

type Loaded = { status: 'loading' } | { status: 'ready'; entries: DiffEntry[] } | { status: 'failed'; error: ApiError };

export function describeEntry(entry: DiffEntry, text: RevisionsMessages): string {
  const what = entry.part ? `${text.parts[entry.part]} ${entry.object}.${entry.name}` : `${text.object} ${entry.object}`;
  const words = entry.properties?.map((property) => text.propertyWords[property] ?? property);
  const properties = words?.length ? ` (${words.join(', ')})` : '';
  return `${text.changes[entry.change]} ${what}${properties}`;
}

export function RevisionDiff(props: { from: number; to: number }) {
  const { client } = useSession();
  const text = useRevisionsMessages();
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    const snapshot = async (revision: number): Promise<MetadataSnapshot> => (revision === 0 ? EMPTY_SNAPSHOT : (await client.getRevision(revision)).snapshot);
    setState({ status: 'loading' });
    Promise.all([snapshot(props.from), snapshot(props.to)]).then(
      ([from, to]) => current && setState({ status: 'ready', entries: diffModels(from, to) }),
      (error: unknown) => current && setState({ status: 'failed', error: toApiError(error) }),
    );
    return () => {
      current = false;
    };
  }, [client, props.from, props.to]);

  return (
    <section aria-labelledby="revision-diff-title" data-testid="revision-diff" aria-busy={state.status === 'loading'}>
      <h3 id="revision-diff-title">{fillIn(text.diffTitle, { from: props.from, to: props.to })}</h3>
      {state.status === 'loading' ? <p className="muted">{text.loading}</p> : null}
      {state.status === 'failed' ? <ProblemBanner error={state.error} /> : null}
      {state.status === 'ready' && state.entries.length === 0 ? <p className="muted">{text.noDifference}</p> : null}
      {state.status === 'ready' && state.entries.length > 0 ? (
        <ul className="revision-diff">
          {state.entries.map((entry) => (
            <li key={`${entry.change}|${entry.object}|${entry.part ?? ''}|${entry.name ?? ''}`} data-change={entry.change}>
              {describeEntry(entry, text)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
