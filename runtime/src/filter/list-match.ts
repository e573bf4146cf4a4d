// has_any / has_all: a list value (a many-to-many field's ids, a multi-select) against a literal
// list of items. JS (metadata/src/rules/operators.ts): false unless the value is a list; any item /
// every item found by strict equality. A many-to-many field compiles to EXISTS / a count on its
// junction table (the field's `links`), a multi-select to jsonb `?|` / `?&`. Items the value can
// never hold (not a string, not the API's spelling of an id) are dropped at compile time: for
// has_any they match nothing, for has_all they make the condition false.
import { sql } from 'kysely';
import { errorExpr, isError } from './expr.ts';
import { canonicalUuid } from './js-coerce.ts';
import type { Operation } from './operation.ts';
import { requireArgs } from './require-args.ts';
import { constant } from './truthiness.ts';
import type { CompileContext, Condition, Expr } from './types.ts';

export type ListMatchOp = 'has_any' | 'has_all';

const isCanonicalId = (item: string): boolean => canonicalUuid(item) === item && item === item.toLowerCase();

export function compileListMatch(ctx: CompileContext, operation: Operation, op: ListMatchOp, positive: boolean): Condition {
  if (!requireArgs(ctx, operation, 2, 2)) return constant(false);
  const value = ctx.expr(operation.args[0], operation.argPath(0));
  const items = operation.args[1];
  if (isError(value)) return constant(false);
  if (value.type !== 'textarray') {
    errorExpr(ctx, operation.argPath(0), 'TSR115', `'${op}' needs a many-to-many or multi-select field, not a ${value.label}`);
    return constant(false);
  }
  if (!Array.isArray(items) || items.some((item) => item !== null && typeof item === 'object')) {
    errorExpr(ctx, operation.argPath(1), 'TSR103', `the second argument of '${op}' must be a list of literals`);
    return constant(false);
  }
  const holdable = (item: unknown): item is string => typeof item === 'string' && (!value.links || isCanonicalId(item));
  const usable = [...new Set(items.filter(holdable))];
  const condition = op === 'has_any' ? anyOf(value, usable) : allOf(value, usable, items.every(holdable));
  return positive ? condition : negate(value, condition);
}

function anyOf(value: Expr, items: string[]): Condition {
  if (items.length === 0) return constant(false);
  if (value.links) return value.links.any(items);
  return sql<boolean>`(${value.sql} ?| cast(${items} as text[]))`;
}

/** `complete`: every item of the rule is one the value could hold (else has_all is false). */
function allOf(value: Expr, items: string[], complete: boolean): Condition {
  if (!complete) return constant(false);
  // [].every(…) is true: any list value qualifies, a null (no links) does not.
  if (items.length === 0) return value.links ? value.links.some() : sql<boolean>`(${value.sql} is not null)`;
  if (value.links) return value.links.all(items);
  return sql<boolean>`(${value.sql} ?& cast(${items} as text[]))`;
}

/** The falsy side: a NULL list (or NULL from `?|` on one) is a JS false, so it counts as not matching. */
function negate(value: Expr, condition: Condition): Condition {
  if (value.links) return sql<boolean>`(not ${condition})`;
  return sql<boolean>`(not coalesce(${condition}, false))`;
}
