// + - * / % min max on numbers, in numeric. json-logic-js converts operands differently per
// operator: + and * use parseFloat (null → NaN), - / % min max use Number() (null → 0). String
// literals are converted here the same way; text, boolean and date operands are refused (TSR115).
// Division and remainder by zero give NULL standing for NaN (x/0 is ±Infinity in JS: see README).
import { type RawBuilder, sql } from 'kysely';
import { requireArgs } from './require-args.ts';
import { errorExpr, invalidExpr, isError, numberLiteral } from './expr.ts';
import { jsNumber, jsParseFloat } from './js-coerce.ts';
import type { Operation } from './operation.ts';
import type { CompileContext, Expr, NullMeaning } from './types.ts';

type Conversion = 'parseFloat' | 'Number';

const CONVERSION: Record<string, Conversion> = {
  '+': 'parseFloat',
  '*': 'parseFloat',
  '-': 'Number',
  '/': 'Number',
  '%': 'Number',
  min: 'Number',
  max: 'Number',
};

export function compileArithmetic(ctx: CompileContext, operation: Operation): Expr {
  const { op } = operation;
  const [min, max] = op === '-' ? [1, 2] : op === '/' || op === '%' ? [2, 2] : [1, Number.POSITIVE_INFINITY];
  if (!requireArgs(ctx, operation, min, max)) return invalidExpr();
  // {"*": [x]} is x itself: reduce() without an initial value never calls the multiplier.
  if (op === '*' && operation.args.length === 1) return ctx.expr(operation.args[0], operation.argPath(0));
  const conversion = CONVERSION[op] as Conversion;
  const operands = operation.args.map((arg, index) => toNumber(ctx, ctx.expr(arg, operation.argPath(index)), conversion, operation.argPath(index), op));
  if (isError(...operands)) return invalidExpr();
  const nulls: NullMeaning = operands.some((operand) => operand.nulls !== 'never') ? 'nan' : 'never';
  const values = operands.map((operand) => operand.sql);
  const [first, second] = values as [RawBuilder<unknown>, RawBuilder<unknown>];
  const label = `'${op}' result`;
  switch (op) {
    case '+':
      return { sql: sql`(${sql.join(values, sql` + `)})`, type: 'number', nulls, label };
    case '*':
      return { sql: sql`(${sql.join(values, sql` * `)})`, type: 'number', nulls, label };
    case '-':
      return { sql: values.length === 1 ? sql`(- ${first})` : sql`(${first} - ${second})`, type: 'number', nulls, label };
    case '/':
      return { sql: sql`(${first} / nullif(${second}, 0))`, type: 'number', nulls: 'nan', label };
    case '%':
      return { sql: sql`mod(${first}, nullif(${second}, 0))`, type: 'number', nulls: 'nan', label };
    default: {
      // least/greatest skip NULLs, but Math.min(NaN, 1) is NaN.
      const fn = op === 'min' ? sql`least` : sql`greatest`;
      const nanChecks = operands.filter((operand) => operand.nulls === 'nan').map((operand) => sql`${operand.sql} is null`);
      const call = sql`${fn}(${sql.join(values)})`;
      return nanChecks.length
        ? { sql: sql`(case when ${sql.join(nanChecks, sql` or `)} then null else ${call} end)`, type: 'number', nulls: 'nan', label }
        : { sql: call, type: 'number', nulls: 'never', label };
    }
  }
}

/** An operand as JS would convert it; nulls afterwards are 'never' (converted) or 'nan'. */
function toNumber(ctx: CompileContext, expr: Expr, conversion: Conversion, path: string, op: string): Expr {
  if (isError(expr)) return expr;
  const literal = expr.literal?.value;
  if (expr.type === 'text' && typeof literal === 'string') {
    const value = conversion === 'parseFloat' ? jsParseFloat(literal) : jsNumber(literal);
    if (Number.isNaN(value)) return errorExpr(ctx, path, 'TSR115', `'${op}' needs numbers; '${literal.slice(0, 40)}' is not a number`);
    return numberLiteral(value, literal);
  }
  if (expr.type !== 'number') {
    return errorExpr(ctx, path, 'TSR115', `'${op}' works on numbers only; ${expr.label} is not a number`);
  }
  if (expr.nulls !== 'null') return expr;
  // parseFloat(null) is NaN; Number(null) is 0.
  return conversion === 'parseFloat' ? { ...expr, nulls: 'nan' } : { ...expr, sql: sql`coalesce(${expr.sql}, 0)`, nulls: 'never' };
}
