// starts_with, ends_with, icontains (Tessera operators, metadata/src/rules/operators.ts): both
// operands text, case-sensitive except icontains, a NULL on either side ⇒ false.
// A literal prefix/suffix becomes a LIKE pattern whose \ % _ are escaped inside the bound
// parameter (ESCAPE '\'), so starts_with can use a text_pattern_ops index.
import { sql } from 'kysely';
import { requireArgs } from './require-args.ts';
import { errorExpr, isError } from './expr.ts';
import type { Operation } from './operation.ts';
import { constant } from './truthiness.ts';
import type { CompileContext, Condition, Expr } from './types.ts';

export type TextMatchOp = 'starts_with' | 'ends_with' | 'icontains';

export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export function compileTextMatch(ctx: CompileContext, operation: Operation, op: TextMatchOp, positive: boolean): Condition {
  if (!requireArgs(ctx, operation, 2, 2)) return constant(false);
  const text = ctx.expr(operation.args[0], operation.argPath(0));
  const pattern = ctx.expr(operation.args[1], operation.argPath(1));
  if (isError(text, pattern)) return constant(false);
  for (const [expr, index] of [
    [text, 0],
    [pattern, 1],
  ] as const) {
    if (expr.type !== 'text') {
      errorExpr(ctx, operation.argPath(index), 'TSR115', `'${op}' compares text; ${expr.label} is not text`);
      return constant(false);
    }
  }
  const match = matchSql(op, text, pattern);
  if (positive) return sql<boolean>`(${match})`;
  const nullChecks = [text, pattern].filter((expr) => expr.nulls !== 'never').map((expr) => sql`${expr.sql} is null`);
  return sql<boolean>`(${sql.join([sql`not (${match})`, ...nullChecks], sql` or `)})`;
}

function matchSql(op: TextMatchOp, text: Expr, pattern: Expr) {
  const literal = typeof pattern.literal?.value === 'string' ? pattern.literal.value : undefined;
  switch (op) {
    case 'starts_with':
      return literal !== undefined
        ? sql<boolean>`${text.sql} like cast(${`${escapeLike(literal)}%`} as text) escape '\\'`
        : sql<boolean>`starts_with(${text.sql}, ${pattern.sql})`;
    case 'ends_with':
      return literal !== undefined
        ? sql<boolean>`${text.sql} like cast(${`%${escapeLike(literal)}`} as text) escape '\\'`
        : sql<boolean>`right(${text.sql}, length(${pattern.sql})) = ${pattern.sql}`;
    case 'icontains':
      // lower() on both sides in SQL, so the literal folds the way the column does.
      return sql<boolean>`strpos(lower(${text.sql}), lower(${pattern.sql})) > 0`;
  }
}
