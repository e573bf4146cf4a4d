// today, now, add_days, days_between, year, month (Tessera operators, metadata/src/rules/operators.ts)
// in SQL with json-logic-js's meaning: operands are calendar dates (a datetime's UTC date), any
// non-date or null operand gives null, add_days truncates its day count toward zero and gives
// null outside years 1–9999 (computed as a day offset, so no input can overflow PostgreSQL's dates).
import { sql } from 'kysely';
import { requireArgs } from './require-args.ts';
import { errorExpr, invalidExpr, isError, retypeTextLiteral } from './expr.ts';
import { dateOf } from './metadata.ts';
import type { Operation } from './operation.ts';
import type { CompileContext, Expr, NullMeaning } from './types.ts';

export type DateOperator = 'today' | 'now' | 'add_days' | 'days_between' | 'year' | 'month';

/** Days from 0001-01-01 to 9999-12-31: the dates the API can print. */
const LAST_DAY_OFFSET = 3652058;

export function compileDateFunction(ctx: CompileContext, operation: Operation, op: DateOperator): Expr {
  switch (op) {
    case 'today':
    case 'now':
      return contextValue(ctx, operation, op);
    case 'add_days': {
      if (!requireArgs(ctx, operation, 2, 2)) return invalidExpr();
      const date = dateOperand(ctx, operation, 0);
      const days = ctx.expr(operation.args[1], operation.argPath(1));
      if (isError(date, days)) return invalidExpr();
      if (days.type !== 'number' || days.literal?.value === null) {
        return errorExpr(ctx, operation.argPath(1), 'TSR115', `'add_days' needs a number of days; ${days.label} is not a number`);
      }
      const offset = sql`((${date.sql} - date '0001-01-01') + trunc(${days.sql}))`;
      return {
        // The cast is clamped too: PostgreSQL folds constant branches at plan time, so a CASE alone
        // does not keep a literal day count past int4 from failing the statement.
        sql: sql`(case when ${offset} between 0 and ${sql.lit(LAST_DAY_OFFSET)} then date '0001-01-01' + cast(least(greatest(${offset}, 0), ${sql.lit(LAST_DAY_OFFSET)}) as integer) end)`,
        type: 'date',
        nulls: 'null',
        label: "'add_days' result",
      };
    }
    case 'days_between': {
      if (!requireArgs(ctx, operation, 2, 2)) return invalidExpr();
      const from = dateOperand(ctx, operation, 0);
      const to = dateOperand(ctx, operation, 1);
      if (isError(from, to)) return invalidExpr();
      return { sql: sql`cast(${to.sql} - ${from.sql} as numeric)`, type: 'number', nulls: nullsOf(from, to), label: "'days_between' result" };
    }
    case 'year':
    case 'month': {
      if (!requireArgs(ctx, operation, 1, 1)) return invalidExpr();
      const date = dateOperand(ctx, operation, 0);
      if (isError(date)) return invalidExpr();
      const part = op === 'year' ? sql`year` : sql`month`;
      return { sql: sql`cast(extract(${part} from ${date.sql}) as numeric)`, type: 'number', nulls: nullsOf(date), label: `'${op}' result` };
    }
  }
}

// json-logic-js returns null (not NaN) for a missing date, so a NULL result stands for JS null.
const nullsOf = (...operands: Expr[]): NullMeaning => (operands.some((operand) => operand.nulls !== 'never') ? 'null' : 'never');

/** `$today` / `$now` from the scope: the request's clock (or the database's when none is bound). */
function contextValue(ctx: CompileContext, operation: Operation, op: 'today' | 'now'): Expr {
  if (operation.args.length > 0 && !(operation.args.length === 1 && operation.args[0] === null && operation.argPath(0) === operation.path)) {
    return errorExpr(ctx, operation.path, 'TSR103', `'${op}' takes no arguments; write {"${op}": []}`);
  }
  const name = op === 'today' ? '$today' : '$now';
  const field = ctx.scope.resolve(name);
  if (!field) return errorExpr(ctx, operation.path, 'TSR103', `'${op}' is not available in this rule`);
  return { sql: field.ref, type: field.type, nulls: 'never', label: `'${op}'` };
}

/** A date operand: a date as is, a datetime as its UTC date, a text literal as the date it names. */
function dateOperand(ctx: CompileContext, operation: Operation, index: number): Expr {
  const path = operation.argPath(index);
  const expr = ctx.expr(operation.args[index], path);
  if (isError(expr)) return expr;
  if (expr.type === 'date') return expr;
  if (expr.type === 'datetime') return { ...expr, sql: sql`cast(${expr.sql} at time zone 'UTC' as date)`, type: 'date' };
  if (expr.type === 'null') return { ...expr, sql: sql`cast(null as date)`, type: 'date', nulls: 'null' };
  if (expr.type === 'text' && typeof expr.literal?.value === 'string') {
    // json-logic-js takes the calendar date of a date or an instant string (dateOf); so does SQL.
    const day = dateOf(expr.literal.value);
    if (day === undefined) return errorExpr(ctx, path, 'TSR103', `'${expr.literal.value.slice(0, 40)}' is not a date; expected YYYY-MM-DD or an ISO instant`);
    return retypeTextLiteral(ctx, { ...expr, literal: { value: day } }, 'date', path);
  }
  return errorExpr(ctx, path, 'TSR115', `'${operation.op}' needs a date; ${expr.label} is not a date`);
}
