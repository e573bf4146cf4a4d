// Bounds a rule's size before compiling it, so a hostile filter stays cheap: at most
// MAX_RULE_DEPTH nested operations and MAX_RULE_NODES JSON values in all.
import { problem, type ProblemDetail } from './metadata.ts';

export const MAX_RULE_DEPTH = 32;
export const MAX_RULE_NODES = 500;

export function checkLimits(rule: unknown): ProblemDetail | undefined {
  let nodes = 0;
  // Iterative walk: a deeply nested rule must not exhaust the stack before we refuse it.
  const stack: Array<{ value: unknown; depth: number }> = [{ value: rule, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    nodes += 1;
    if (nodes > MAX_RULE_NODES) return problem('', 'TSR103', `filter is too large: more than ${MAX_RULE_NODES} values`);
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth });
    } else if (typeof value === 'object' && value !== null) {
      if (depth + 1 > MAX_RULE_DEPTH) return problem('', 'TSR103', `filter is nested too deeply: more than ${MAX_RULE_DEPTH} levels`);
      for (const item of Object.values(value)) stack.push({ value: item, depth: depth + 1 });
    }
  }
  return undefined;
}
