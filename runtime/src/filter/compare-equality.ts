// ==, !=, ===, !== between two typed operands, following JavaScript: loose equality coerces a
// numeric-string literal against a number (Number() at compile time); null equals only null;
// values of different JS types are never strictly equal. Coercions SQL can't reproduce ⇒ TSR115.
import { sql } from 'kysely';
import { errorExpr, isError, numberLiteral, retypeTextLiteral } from './expr.ts';
import { jsNumber } from './js-coerce.ts';
import { checkPicklistLiteral } from './picklist-values.ts';
import { constant } from './truthiness.ts';
import type { CompileContext, Condition, Expr } from './types.ts';

export interface EqualityOptions {
  strict: boolean;
  /** true: TRUE where JS says equal; false: TRUE where JS says not equal. */
  positive: boolean;
  path: string;
}

type JsType = 'number' | 'string' | 'boolean' | 'object' | 'null';

const jsTypeOf = (expr: Expr): JsType => {
  switch (expr.type) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'textarray':
    case 'geolocation':
      return 'object';
    case 'null':
    case 'error':
      return 'null';
    default:
      return 'string';
  }
};

export function compareEquality(ctx: CompileContext, leftIn: Expr, rightIn: Expr, options: EqualityOptions): Condition {
  const { strict, positive, path } = options;
  if (isError(leftIn, rightIn)) return constant(false);
  // Keep a literal on the right: equality is symmetric, and `column = $1` is the indexable form.
  const [left, right] = leftIn.literal && !rightIn.literal ? [rightIn, leftIn] : [leftIn, rightIn];
  if (!checkPicklistLiteral(ctx, left, right, path)) return constant(false);

  if (right.type === 'null' || left.type === 'null') {
    const other = right.type === 'null' ? left : right;
    // NaN (arithmetic on null, division by zero) is not == null; a field's null is.
    if (other.nulls === 'nan') return constant(!positive);
    return positive ? sql<boolean>`(${other.sql} is null)` : sql<boolean>`(${other.sql} is not null)`;
  }
  if (left.type === 'geolocation' || right.type === 'geolocation') {
    errorExpr(ctx, path, 'TSR115', `a location can only be compared with null; use 'distance' to compare places (${left.label} vs ${right.label})`);
    return constant(false);
  }
  if (left.type === 'textarray' || right.type === 'textarray') {
    errorExpr(ctx, path, 'TSR115', `a multi-select value can only be compared with null; use 'in' to test membership (${left.label} vs ${right.label})`);
    return constant(false);
  }

  let [a, b] = [left, right];
  const [typeA, typeB] = [jsTypeOf(a), jsTypeOf(b)];
  if (typeA !== typeB) {
    if (strict) return strictAcrossTypes(a, b, positive);
    const numeric = coerceNumericString(a, b) ?? coerceNumericString(b, a);
    if (!numeric) {
      errorExpr(ctx, path, 'TSR115', `cannot compare ${a.label} with ${b.label}: JavaScript would coerce the types; compare with a ${a.type} value`);
      return constant(false);
    }
    if (Number.isNaN(numeric.literalValue)) return constant(!positive); // NaN equals nothing
    [a, b] = numeric.left === a ? [a, numberLiteral(numeric.literalValue, numeric.original)] : [numberLiteral(numeric.literalValue, numeric.original), b];
  } else if (a.type !== b.type) {
    const unified = unifyStrings(ctx, a, b, path);
    if (!unified) return constant(false);
    [a, b] = unified;
  }
  if (isError(a, b)) return constant(false);
  return equalitySql(a, b, positive);
}

/**
 * `===` between operands of different JS types: false, except that two field NULLs are both JS
 * null, and null === null. A NULL standing for NaN (arithmetic) is a number, never null.
 */
function strictAcrossTypes(a: Expr, b: Expr, positive: boolean): Condition {
  if (a.nulls !== 'null' || b.nulls !== 'null') return constant(!positive);
  return positive ? sql<boolean>`(${a.sql} is null and ${b.sql} is null)` : sql<boolean>`(${a.sql} is not null or ${b.sql} is not null)`;
}

function coerceNumericString(number: Expr, other: Expr): { left: Expr; literalValue: number; original: string } | undefined {
  if (number.type !== 'number' || other.type !== 'text' || typeof other.literal?.value !== 'string') return undefined;
  return { left: number, literalValue: jsNumber(other.literal.value), original: other.literal.value };
}

/** Two JS strings of different column types: only a text literal against a date/datetime/uuid. */
export function unifyStrings(ctx: CompileContext, a: Expr, b: Expr, path: string): [Expr, Expr] | undefined {
  const retypable = (expr: Expr) => expr.type === 'text' && expr.literal !== undefined;
  const typed = (expr: Expr) => expr.type === 'date' || expr.type === 'datetime' || expr.type === 'uuid';
  if (retypable(a) && typed(b)) return [retypeTextLiteral(ctx, a, b.type as 'date', path), b];
  if (retypable(b) && typed(a)) return [a, retypeTextLiteral(ctx, b, a.type as 'date', path)];
  errorExpr(ctx, path, 'TSR115', `cannot compare ${a.label} with ${b.label}; compare with a ${a.type} literal`);
  return undefined;
}

function equalitySql(a: Expr, b: Expr, positive: boolean): Condition {
  if (b.literal || b.nulls === 'never') {
    if (positive) return sql<boolean>`(${a.sql} = ${b.sql})`;
    return a.nulls === 'never' ? sql<boolean>`(${a.sql} <> ${b.sql})` : sql<boolean>`(${a.sql} <> ${b.sql} or ${a.sql} is null)`;
  }
  if (a.nulls !== 'nan' && b.nulls !== 'nan') {
    // JS null == null: two nullable fields are equal when both are null.
    return positive ? sql<boolean>`(${a.sql} is not distinct from ${b.sql})` : sql<boolean>`(${a.sql} is distinct from ${b.sql})`;
  }
  // NaN equals nothing, not even NaN.
  return positive ? sql<boolean>`(${a.sql} = ${b.sql})` : sql<boolean>`(${a.sql} <> ${b.sql} or ${a.sql} is null or ${b.sql} is null)`;
}
