// add_hours and hours_between (metadata/src/rules/operators.ts) in SQL with json-logic-js's
// meaning: operands are instants (a datetime, a date as its midnight UTC, an ISO text literal),
// whole milliseconds; add_hours rounds its millisecond offset half away from zero and gives null
// outside years 1–9999 (checked on epoch milliseconds before any timestamp arithmetic, so no
// input can overflow PostgreSQL's range); hours_between is the exact decimal of ms / 3 600 000,
// where JS has a double (the division divergence in README.md). Null in, null out.
import { sql } from 'kysely';
import { errorExpr, invalidExpr, isError, retypeTextLiteral } from './expr.ts';
import { dateOf } from './metadata.ts';
import type { Operation } from './operation.ts';
import { requireArgs } from './require-args.ts';
import type { CompileContext, Expr, NullMeaning } from './types.ts';

export type DateTimeOperator = 'add_hours' | 'hours_between';

const FIRST_MS = sql.lit(-62135596800000);
const LAST_MS = sql.lit(253402300799999);
/** Years 1–9999 in milliseconds: no in-range result is further than this from its operand. */
const SPAN_MS = sql.lit(253402300799999 + 62135596800000);

export function compileDateTimeFunction(ctx: CompileContext, operation: Operation, op: DateTimeOperator): Expr {
  if (!requireArgs(ctx, operation, 2, 2)) return invalidExpr();
  if (op === 'add_hours') {
    const instant = instantOperand(ctx, operation, 0);
    const hours = ctx.expr(operation.args[1], operation.argPath(1));
    if (isError(instant, hours)) return invalidExpr();
    if (hours.type !== 'number' || hours.literal?.value === null) {
      return errorExpr(ctx, operation.argPath(1), 'TSR115', `'add_hours' needs a number of hours; ${hours.label} is not a number`);
    }
    const delta = sql`round(cast(${hours.sql} as numeric) * 3600000)`;
    const result = sql`(${epochMs(instant.sql)} + ${delta})`;
    return {
      // The offset is clamped to the widest in-range span as well: PostgreSQL folds constant
      // branches at plan time, so the CASE alone does not keep 1e15 hours from 'interval out of range'.
      sql: sql`(case when ${result} between ${FIRST_MS} and ${LAST_MS} then ${instant.sql} + interval '1 millisecond' * cast(least(greatest(${delta}, -${SPAN_MS}), ${SPAN_MS}) as double precision) end)`,
      type: 'datetime',
      nulls: 'null',
      label: "'add_hours' result",
    };
  }
  const from = instantOperand(ctx, operation, 0);
  const to = instantOperand(ctx, operation, 1);
  if (isError(from, to)) return invalidExpr();
  return {
    sql: sql`((${epochMs(to.sql)} - ${epochMs(from.sql)}) / 3600000)`,
    type: 'number',
    nulls: nullsOf(from, to),
    label: "'hours_between' result",
  };
}

/** Epoch milliseconds of an instant, as numeric (extract gives numeric on PostgreSQL 14+). */
export const epochMs = (instant: unknown) => sql`(extract(epoch from ${instant}) * 1000)`;

const nullsOf = (...operands: Expr[]): NullMeaning => (operands.some((operand) => operand.nulls !== 'never') ? 'null' : 'never');

/** An instant operand, whole milliseconds: a datetime, a date at midnight UTC, or a text literal naming either. */
export function instantOperand(ctx: CompileContext, operation: Operation, index: number): Expr {
  const path = operation.argPath(index);
  let expr = ctx.expr(operation.args[index], path);
  if (isError(expr)) return expr;
  if (expr.type === 'text' && typeof expr.literal?.value === 'string') {
    const text = expr.literal.value;
    if (dateOf(text) === undefined)
      return errorExpr(ctx, path, 'TSR103', `'${text.slice(0, 40)}' is not a date or instant; expected YYYY-MM-DD or an ISO instant`);
    expr = retypeTextLiteral(ctx, expr, text.includes('T') ? 'datetime' : 'date', path);
    if (isError(expr)) return expr;
  }
  if (expr.type === 'datetime') return { ...expr, sql: sql`date_trunc('milliseconds', ${expr.sql})` };
  if (expr.type === 'date') return { ...expr, sql: sql`(cast(${expr.sql} as timestamp) at time zone 'UTC')`, type: 'datetime' };
  if (expr.type === 'null') return { ...expr, sql: sql`cast(null as timestamptz)`, type: 'datetime', nulls: 'null' };
  return errorExpr(ctx, path, 'TSR115', `'${operation.op}' needs a date or datetime; ${expr.label} is not one`);
}
