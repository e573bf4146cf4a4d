// Which problems an editor shows, and where: the server's (a refused plan) always; the metamodel's
// own (run on every keystroke) on the controls the admin has changed, and on all of them once
// they asked for the review — a blank form does not open covered in red.
import { useCallback, useState } from 'react';
import { type PathProblem, ProblemMap } from './problems.ts';

export function useDraftProblems(local: readonly PathProblem[], server: readonly PathProblem[], controlKeys: readonly string[]) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const touch = useCallback((key: string) => setTouched((previous) => (previous.has(key) ? previous : new Set(previous).add(key))), []);
  const isTouched = (path: string) => [...touched].some((done) => path === done || path.startsWith(`${done}/`) || done.startsWith(`${path}/`));
  const problems = new ProblemMap([...server, ...(showAll ? local : local.filter((problem) => isTouched(problem.path)))], controlKeys);
  return {
    errors: (...keys: string[]) => problems.at(...keys),
    unclaimed: problems.unclaimed(),
    touch,
    showAll,
    /** Shows every problem and focuses the first invalid control in `container`; false when there are any. */
    readyForReview(container: HTMLElement | null, blocked = false): boolean {
      if (local.length === 0 && !blocked) return true;
      setShowAll(true);
      queueMicrotask(() => container?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return false;
    },
  };
}

/** The problems no control claims, listed above the form so none is ever hidden. */
export function UnclaimedProblems(props: { problems: readonly PathProblem[] }) {
  if (props.problems.length === 0) return null;
  return (
    <ul className="control-errors" data-testid="unclaimed-problems">
      {props.problems.map((problem) => (
        <li key={`${problem.path}|${problem.message}`}>
          {problem.path ? <code>{problem.path.replace(/^#object/, '')}</code> : null} {problem.message}
        </li>
      ))}
    </ul>
  );
}
