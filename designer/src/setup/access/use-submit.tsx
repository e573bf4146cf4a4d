// One write to the security API from a form: busy while it runs, and when the server refuses it,
// each problem on the control whose JSON pointer it names (problems.ts); the rest above the buttons.
import { useCallback, useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError } from '../../shell/session.tsx';
import { ProblemMap, problemsOf } from '../problems.ts';

export function useSubmit(controlKeys: readonly string[]) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const problems = new ProblemMap(problemsOf(error), controlKeys);
  const submit = useCallback(async <T,>(write: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await write();
    } catch (caught) {
      setError(toApiError(caught));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, errors: (...keys: string[]) => problems.at(...keys), unclaimed: problems.unclaimed(), submit, clear: () => setError(undefined) };
}

/** The refusal's title, and every problem no control shows. */
export function SubmitProblem(props: { submit: ReturnType<typeof useSubmit> }) {
  const { error, unclaimed } = props.submit;
  if (!error) return null;
  const claimedAll = (error.problem.errors?.length ?? 0) > 0 && unclaimed.length === 0;
  if (claimedAll) {
    return (
      <p className="problem" role="alert" data-testid="submit-problem">
        <strong>{error.problem.title}</strong>
      </p>
    );
  }
  return (
    <div data-testid="submit-problem">
      <ProblemBanner error={error} />
    </div>
  );
}

/** The end of every Access drawer's form: what the server refused, then submit (busy while it runs) and cancel. */
export function SubmitFooter(props: { submit: ReturnType<typeof useSubmit>; label: string; busyLabel: string; cancelLabel: string; onCancel: () => void }) {
  return (
    <>
      <SubmitProblem submit={props.submit} />
      <div className="form-actions wide">
        <button type="submit" disabled={props.submit.busy}>
          {props.submit.busy ? props.busyLabel : props.label}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
      </div>
    </>
  );
}
