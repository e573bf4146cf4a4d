import type { ApiError } from '../api/index.ts';

/** A problem+json shown as one line: title, detail, code and request id for support. */
export function ProblemBanner(props: { error: ApiError }) {
  const { problem } = props.error;
  return (
    <div className="problem" role="alert">
      <strong>{problem.title}</strong>
      {problem.detail ? <span> — {problem.detail}</span> : null}
      {problem.code ? <code className="problem-code">{problem.code}</code> : null}
      {problem.errors?.length ? (
        <ul>
          {problem.errors.map((error) => (
            <li key={`${error.path}|${error.code}|${error.message}`}>
              {error.path ? <code>{error.path}</code> : null} {error.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
