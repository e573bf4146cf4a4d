// The counts of a dry run or a run, its first errors (row, column, value, reason) and the link
// to all of them as CSV.
import { fill } from '../record/record-messages.ts';
import { useSession } from '../../shell/session.tsx';
import type { ImportState } from './import-api.ts';
import { importMessagesFor } from './import-messages.ts';

export function ImportReport(props: { state: ImportState; title: string; errorsUrl: string; done?: boolean }) {
  const { language } = useSession();
  const text = importMessagesFor(language);
  const { state, title, errorsUrl, done } = props;
  const counts = state.counts ?? { create: 0, update: 0, skip: 0, error: 0 };
  const labels = done ? [text.created, text.updated, text.skipped, text.failed] : [text.create, text.update, text.skip, text.error];
  return (
    <section className="card import-report" aria-label={title}>
      <h3>{title}</h3>
      <dl className="import-counts">
        {[counts.create, counts.update, counts.skip, counts.error].map((count, index) => (
          <div key={labels[index]} data-count={['create', 'update', 'skip', 'error'][index]}>
            <dt>{labels[index]}</dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>
      {state.errors.length > 0 ? (
        <>
          <table className="record-table" aria-label={fill(text.errorsTitle, { n: String(state.errors.length) })}>
            <caption>{fill(text.errorsTitle, { n: String(state.errors.length) })}</caption>
            <thead>
              <tr>
                <th scope="col">{text.row}</th>
                <th scope="col">{text.column}</th>
                <th scope="col">{text.value}</th>
                <th scope="col">{text.reason}</th>
              </tr>
            </thead>
            <tbody>
              {state.errors.map((error) => (
                <tr key={`${error.row}|${error.column}|${error.reason}`}>
                  <td>{error.row}</td>
                  <td>{error.column}</td>
                  <td>{error.value}</td>
                  <td>{error.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <a href={errorsUrl} download className="button-link">
            {text.downloadErrors}
          </a>
        </>
      ) : null}
    </section>
  );
}
