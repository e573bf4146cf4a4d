// <, <=, >, >= between two typed operands, following JavaScript: two strings compare by UTF-16
// code unit (COLLATE "C" is code-point order; utf16-order.ts bridges the one difference),
// anything else numerically, with null → 0 and a non-numeric string → NaN (always false).
// Whether a NULL column satisfies the comparison is decided at compile time against the literal,
// so the common `column op $1` form stays indexable.
import { type RawBuilder, sql } from 'kysely';
import { unifyStrings } from './compare-equality.ts';
import { errorExpr, isError, numberLiteral } from './expr.ts';
import { distancePrefilter } from './geo-distance.ts';
import { COMPLEMENT, jsCompare, jsNumber, MIRROR, type OrderOp } from './js-coerce.ts';
import { constant } from './truthiness.ts';
import type { CompileContext, Condition, Expr } from './types.ts';
import { codePointOrderSuffices, utf16OrderKey } from './utf16-order.ts';

const SQL_OP: Readonly<Record<OrderOp, RawBuilder<unknown>>> = {
  '<': sql.raw('<'),
  '<=': sql.raw('<='),
  '>': sql.raw('>'),
  '>=': sql.raw('>='),
};

const ORDERABLE = new Set(['number', 'text', 'date', 'datetime', 'uuid']);

export function compareOrder(ctx: CompileContext, leftIn: Expr, opIn: OrderOp, rightIn: Expr, positive: boolean, path: string): Condition {
  if (isError(leftIn, rightIn)) return constant(false);
  for (const expr of [leftIn, rightIn]) {
    if (!ORDERABLE.has(expr.type)) {
      const hint = expr.type === 'null' ? "; test for null with '==' or '!='" : '';
      errorExpr(ctx, path, 'TSR115', `'${opIn}' cannot order a ${expr.label}${hint}`);
      return constant(false);
    }
  }
  // Literal on the right: `column op $1`.
  let [a, op, b] = leftIn.literal && !rightIn.literal ? [rightIn, MIRROR[opIn], leftIn] : [leftIn, opIn, rightIn];

  if ((a.type === 'number') !== (b.type === 'number')) {
    // JS compares a number with a string numerically: Number() the string literal now.
    const text = a.type === 'number' ? b : a;
    if (typeof text.literal?.value !== 'string') {
      errorExpr(ctx, path, 'TSR115', `cannot order ${a.label} against ${b.label}: JavaScript would convert the text to a number; use a number literal`);
      return constant(false);
    }
    const value = jsNumber(text.literal.value);
    if (Number.isNaN(value)) return constant(!positive);
    const converted = numberLiteral(value, text.literal.value);
    [a, b] = a === text ? [converted, b] : [a, converted];
  } else if (a.type !== b.type) {
    const unified = unifyStrings(ctx, a, b, path);
    if (!unified || isError(...unified)) return constant(false);
    [a, b] = unified;
  } else if (a.type === 'text' && !a.literal && !b.literal && (a.nulls !== 'never' || b.nulls !== 'never')) {
    // null < "5" is 0 < 5 in JS: a NULL text against an unknown text can't be decided in SQL.
    errorExpr(ctx, path, 'TSR115', `cannot order ${a.label} against ${b.label}; compare a text field with a text literal`);
    return constant(false);
  }
  return orderSql(a, op, b, positive);
}

function orderSql(a: Expr, op: OrderOp, b: Expr, positive: boolean): Condition {
  const text = a.type === 'text';
  const collate = text ? sql` collate "C"` : sql``;
  // Keys only where code-point order could differ from JS's (see utf16-order.ts): a plain
  // `column < 'literal'` keeps its index.
  const keyed = text && !codePointOrderSuffices(a.literal?.value) && !codePointOrderSuffices(b.literal?.value);
  const key = (x: RawBuilder<unknown>) => (keyed ? utf16OrderKey(x) : x);
  const compare = (x: RawBuilder<unknown>, how: OrderOp, y: RawBuilder<unknown>) => sql<boolean>`${key(x)} ${SQL_OP[how]} ${key(y)}${collate}`;
  const wanted = positive ? op : COMPLEMENT[op];

  if (b.literal) {
    // "distance(field, point) ≤ r" also asks for the field's point in a box around the point:
    // implied by the comparison (never changes its answer), and what the GiST index can answer.
    const prefilter = wanted === '<' || wanted === '<=' ? distancePrefilter(a, literalNumber(b)) : undefined;
    if (prefilter) return sql<boolean>`(${prefilter} and ${compare(a.sql, wanted, b.sql)})`;
    if (a.literal || a.nulls === 'never') return sql<boolean>`(${compare(a.sql, wanted, b.sql)})`;
    // JS: null → 0 against the literal's number (NaN for a date or a non-numeric string); NaN → false.
    const nullSatisfies = a.nulls === 'null' && jsCompare(0, op, literalNumber(b));
    const includeNull = positive ? nullSatisfies : !nullSatisfies;
    return includeNull ? sql<boolean>`(${compare(a.sql, wanted, b.sql)} or ${a.sql} is null)` : sql<boolean>`(${compare(a.sql, wanted, b.sql)})`;
  }

  if (a.type === 'number') {
    // Field against field: null is 0; NaN (SQL NULL of arithmetic) compares false.
    const zero = (expr: Expr) => (expr.nulls === 'null' ? sql`coalesce(${expr.sql}, 0)` : expr.sql);
    const nanChecks = [a, b].filter((expr) => expr.nulls === 'nan').map((expr) => sql<boolean>`${expr.sql} is null`);
    const core = compare(zero(a), wanted, zero(b));
    return positive || nanChecks.length === 0 ? sql<boolean>`(${core})` : sql<boolean>`(${sql.join([core, ...nanChecks], sql` or `)})`;
  }

  // Two string-valued columns (date, datetime, uuid; text only when neither can be null): a
  // non-null value is NaN as a number, so null against a value is false; null against null is
  // 0 op 0, true for <= and >=.
  const core = compare(a.sql, wanted, b.sql);
  const aNull = a.nulls === 'null';
  const bNull = b.nulls === 'null';
  const inclusive = op === '<=' || op === '>=';
  if (positive) {
    return inclusive && aNull && bNull ? sql<boolean>`(${core} or (${a.sql} is null and ${b.sql} is null))` : sql<boolean>`(${core})`;
  }
  if (aNull && bNull) {
    return inclusive ? sql<boolean>`(${core} or (${a.sql} is null) <> (${b.sql} is null))` : sql<boolean>`(${core} or ${a.sql} is null or ${b.sql} is null)`;
  }
  if (aNull) return sql<boolean>`(${core} or ${a.sql} is null)`;
  if (bNull) return sql<boolean>`(${core} or ${b.sql} is null)`;
  return sql<boolean>`(${core})`;
}

const literalNumber = (expr: Expr): number => jsNumber(expr.literal?.value ?? null);
