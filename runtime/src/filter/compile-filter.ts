// JsonLogic rule + field scope → parameterised SQL. compileFilter gives a WHERE condition that
// selects exactly the rows json-logic-js finds truthy (rows as the API returns them);
// compileValue gives a value expression and its type (formulas, the conformance suite).
// Every rule value is a bound, explicitly cast parameter; identifiers come only from the scope.
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { checkLimits } from './check-limits.ts';
import { compileCondition } from './compile-condition.ts';
import { compileExpr } from './compile-expr.ts';
import { fail, ok, type ProblemDetail, type Result } from './metadata.ts';
import type { CompileContext, CompiledValue, Condition, Expr, FilterScope } from './types.ts';

export function compileFilter(rule: unknown, scope: FilterScope): Result<RawBuilder<SqlBool>> {
  const tooBig = checkLimits(rule);
  if (tooBig) return fail([tooBig]);
  const ctx = new Compilation(scope);
  const condition = ctx.condition(rule, '', true);
  return ctx.errors.length ? fail(unique(ctx.errors)) : ok(condition);
}

export function compileValue(rule: unknown, scope: FilterScope): Result<CompiledValue> {
  const tooBig = checkLimits(rule);
  if (tooBig) return fail([tooBig]);
  const ctx = new Compilation(scope);
  const expr = ctx.expr(rule, '');
  if (ctx.errors.length) return fail(unique(ctx.errors));
  if (expr.type === 'error') return fail([{ path: '', code: 'TSR103', message: 'invalid rule' }]);
  return ok({ sql: expr.type === 'null' ? sql`cast(null as text)` : expr.sql, type: expr.type });
}

/** One rule's compilation: prototype methods, so a compile creates no closures. */
class Compilation implements CompileContext {
  readonly errors: ProblemDetail[] = [];
  constructor(readonly scope: FilterScope) {}
  expr(node: unknown, path: string): Expr {
    return compileExpr(this, node, path);
  }
  condition(node: unknown, path: string, positive: boolean): Condition {
    return compileCondition(this, node, path, positive);
  }
}

// A condition may be compiled in both polarities (if/then/else), which would repeat its errors.
function unique(errors: ProblemDetail[]): ProblemDetail[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.path}\u0000${error.code}\u0000${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
