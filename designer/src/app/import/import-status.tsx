// The status lines the import wizard and the import history share above their content: the last
// problem (a banner), a notice (what an action did), and what is running (the wizard's steps).
import type { ApiError } from '../../api/index.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';

export function ImportStatus(props: { error: ApiError | null; notice: string | null; busy?: string | null }) {
  return (
    <>
      {props.error ? <ProblemBanner error={props.error} /> : null}
      {props.notice ? (
        <p className="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.busy ? (
        <p className="muted" role="status">
          {props.busy}
        </p>
      ) : null}
    </>
  );
}
