// The one error the client throws for a non-2xx answer: it carries the server's problem+json,
// or a synthesised one when the body was not a problem (proxy error page, network failure).
import type { Problem } from './types.ts';

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  /** Field errors keyed by field api name (`/employees` → `employees`); the rest under `''`. */
  fieldErrors(): Map<string, string[]> {
    const byField = new Map<string, string[]>();
    for (const error of this.problem.errors ?? []) {
      const field = topLevelField(error.path);
      const messages = byField.get(field) ?? [];
      messages.push(error.message);
      byField.set(field, messages);
    }
    return byField;
  }
}

/** `/name` → `name`, `/tags/0` → `tags`; anything else (``, `/`, `filter`) → ``. */
function topLevelField(path: string): string {
  if (!path.startsWith('/')) return '';
  const first = path.slice(1).split('/')[0] ?? '';
  return first.replaceAll('~1', '/').replaceAll('~0', '~');
}
