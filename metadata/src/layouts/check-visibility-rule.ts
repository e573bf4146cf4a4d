// A visibility rule + the names it may read → every problem in it, as TSR232. Visibility rules run
// in three places that must agree (the browser's json-logic-js, the server's evaluator and SQL),
// so they go through the same static analysis as every other rule (rules/analyse-rule.ts): list
// filter operators only, over the object's fields and standard columns.
import { type ProblemDetail, problem } from '../error-codes.ts';
import { analyseRule, type RuleNames } from '../rules/analyse-rule.ts';

export function checkVisibilityRule(rule: unknown, path: string, names: RuleNames, owner: string): ProblemDetail[] {
  return analyseRule(rule, names, path).problems.map((detail) => problem(detail.path, 'TSR232', `${owner}: ${detail.message}`));
}
