// if / ?: / and / or used as values: a CASE over the operands, which must share one type.
// and returns the first falsy operand (else the last); or the first truthy one (else the last).
import { sql } from 'kysely';
import { requireArgs } from './require-args.ts';
import { errorExpr, invalidExpr, isError, retypeTextLiteral, SQL_TYPE } from './expr.ts';
import type { Operation } from './operation.ts';
import { truthiness } from './truthiness.ts';
import type { CompileContext, Condition, Expr, NullMeaning } from './types.ts';

export function compileValueBranches(ctx: CompileContext, operation: Operation): Expr {
  return operation.op === 'and' || operation.op === 'or' ? compileAndOrValue(ctx, operation) : compileIfValue(ctx, operation);
}

function compileIfValue(ctx: CompileContext, operation: Operation): Expr {
  const { args } = operation;
  if (args.length === 0) return ctx.expr(null, operation.path);
  if (args.length === 1) return ctx.expr(args[0], operation.argPath(0));
  const tests: Condition[] = [];
  const values: Expr[] = [];
  let index = 0;
  for (; index + 1 < args.length; index += 2) {
    tests.push(ctx.condition(args[index], operation.argPath(index), true));
    values.push(ctx.expr(args[index + 1], operation.argPath(index + 1)));
  }
  const elseValue = index < args.length ? ctx.expr(args[index], operation.argPath(index)) : ctx.expr(null, operation.path);
  const unified = unify(ctx, [...values, elseValue], operation);
  if (!unified) return invalidExpr();
  const whens = tests.map((test, i) => sql`when ${test} then ${unified.values[i]?.sql}`);
  const elseSql = unified.values[unified.values.length - 1]?.sql;
  return { ...unified.shape, sql: sql`(case ${sql.join(whens, sql` `)} else ${elseSql} end)` };
}

function compileAndOrValue(ctx: CompileContext, operation: Operation): Expr {
  if (!requireArgs(ctx, operation, 1, Number.POSITIVE_INFINITY)) return invalidExpr();
  const operands = operation.args.map((arg, index) => ctx.expr(arg, operation.argPath(index)));
  const unified = unify(ctx, operands, operation);
  if (!unified) return invalidExpr();
  if (unified.values.length === 1) return unified.values[0] as Expr;
  // "and" stops at the first falsy operand, "or" at the first truthy one.
  const stopWhen = operation.op === 'or';
  const last = unified.values[unified.values.length - 1] as Expr;
  const whens = unified.values.slice(0, -1).map((value) => sql`when ${truthiness(value, stopWhen)} then ${value.sql}`);
  return { ...unified.shape, sql: sql`(case ${sql.join(whens, sql` `)} else ${last.sql} end)` };
}

interface Unified {
  values: Expr[];
  shape: Omit<Expr, 'sql'>;
}

/** One type for all branches: null literals take it; text literals may become date/datetime/uuid. */
function unify(ctx: CompileContext, exprs: Expr[], operation: Operation): Unified | undefined {
  if (isError(...exprs)) return undefined;
  const typed = exprs.filter((expr) => expr.type !== 'null');
  const target = typed.find((expr) => !expr.literal) ?? typed[0];
  if (!target) return { values: exprs, shape: { type: 'null', nulls: 'null', label: `'${operation.op}' result` } };
  const type = target.type as Exclude<Expr['type'], 'null' | 'error'>;
  const values: Expr[] = [];
  for (const expr of exprs) {
    if (expr.type === type) values.push(expr);
    else if (expr.type === 'null')
      values.push({
        ...expr,
        sql: type === 'textarray' ? sql`cast(null as jsonb)` : type === 'geolocation' ? sql`cast(null as point)` : sql`cast(null as ${SQL_TYPE[type]})`,
      });
    else if (expr.type === 'text' && expr.literal && (type === 'date' || type === 'datetime' || type === 'uuid'))
      values.push(retypeTextLiteral(ctx, expr, type, operation.path));
    else {
      errorExpr(ctx, operation.path, 'TSR115', `the values of '${operation.op}' must share one type; got ${target.label} and ${expr.label}`);
      return undefined;
    }
  }
  if (isError(...values)) return undefined;
  const meanings = new Set<NullMeaning>(values.map((value) => (value.type === 'null' ? 'null' : value.nulls)));
  if (meanings.has('nan') && meanings.has('null')) {
    errorExpr(ctx, operation.path, 'TSR115', `'${operation.op}' mixes a possibly-NaN arithmetic result with a possibly-null value`);
    return undefined;
  }
  const nulls: NullMeaning = meanings.has('nan') ? 'nan' : meanings.has('null') ? 'null' : 'never';
  return { values, shape: { type, nulls, label: `'${operation.op}' result` } };
}
