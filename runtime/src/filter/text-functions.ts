// cat and substr. cat joins its operands as Array.join does: null → '', numbers as JS prints
// them (via float8 output, the same shortest round-trip digits below 1e15), booleans as
// true/false, dates and datetimes in the API's canonical form. substr follows json-logic-js,
// including its PHP-style negative length and String(null) = "null" for a null source.
import { type RawBuilder, sql } from 'kysely';
import { requireArgs } from './require-args.ts';
import { errorExpr, invalidExpr, isError } from './expr.ts';
import type { Operation } from './operation.ts';
import type { CompileContext, Expr } from './types.ts';

export function compileCat(ctx: CompileContext, operation: Operation): Expr {
  const parts = operation.args.map((arg, index) => asText(ctx, ctx.expr(arg, operation.argPath(index)), operation.argPath(index)));
  if (parts.some((part) => part === undefined)) return invalidExpr();
  const joined = parts.length === 0 ? sql`cast('' as text)` : sql`(${sql.join(parts as RawBuilder<unknown>[], sql` || `)})`;
  return { sql: joined, type: 'text', nulls: 'never', label: "'cat' result" };
}

function asText(ctx: CompileContext, expr: Expr, path: string): RawBuilder<unknown> | undefined {
  if (isError(expr)) return undefined;
  const literal = expr.literal?.value;
  if (expr.literal) return sql`cast(${literal === null ? '' : String(literal)} as text)`;
  const empty = expr.nulls === 'nan' ? 'NaN' : '';
  const value = expr.sql;
  switch (expr.type) {
    case 'text':
      return sql`coalesce(${value}, cast(${empty} as text))`;
    case 'number':
      return sql`coalesce(cast(cast(${value} as double precision) as text), cast(${empty} as text))`;
    case 'boolean':
      return sql`coalesce(cast(${value} as text), cast(${empty} as text))`;
    case 'uuid':
      return sql`coalesce(cast(${value} as text), cast(${empty} as text))`;
    case 'date':
      return sql`coalesce(to_char(${value}, 'YYYY-MM-DD'), cast(${empty} as text))`;
    case 'datetime':
      return sql`coalesce(to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), cast(${empty} as text))`;
    default:
      errorExpr(ctx, path, 'TSR115', `'cat' joins text, numbers, booleans and dates; not a ${expr.label}`);
      return undefined;
  }
}

export function compileSubstr(ctx: CompileContext, operation: Operation): Expr {
  if (!requireArgs(ctx, operation, 2, 3)) return invalidExpr();
  const source = ctx.expr(operation.args[0], operation.argPath(0));
  const [start, length] = [1, 2].map((index) => operation.args[index]);
  let valid = !isError(source);
  if (valid && source.type !== 'text') {
    errorExpr(ctx, operation.argPath(0), 'TSR115', `'substr' takes text; ${source.label} is not text`);
    valid = false;
  }
  for (const [value, index] of [
    [start, 1],
    [length, 2],
  ] as const) {
    if (index === 2 && value === undefined) continue;
    if (!Number.isInteger(value)) {
      errorExpr(ctx, operation.argPath(index), 'TSR103', "'substr' start and length must be integer literals");
      valid = false;
    }
  }
  if (!valid) return invalidExpr();
  // Integer literals past PostgreSQL's integer (1e300) are clamped, not cast: no text is 2^31
  // characters long, so a clamped start or length cuts exactly as the huge one would.
  const first = clampToInteger(start as number);
  const count = length === undefined ? undefined : clampToInteger(length as number);
  const text = source.nulls === 'never' ? source.sql : sql`coalesce(${source.sql}, 'null')`;
  const from = first >= 0 ? sql`cast(${first + 1} as integer)` : sql`greatest(char_length(${text}) + cast(${first} as integer), 0) + 1`;
  const label = "'substr' result";
  if (count === undefined) return { sql: sql`substr(${text}, ${from})`, type: 'text', nulls: 'never', label };
  if (count >= 0) return { sql: sql`substr(${text}, ${from}, cast(${count} as integer))`, type: 'text', nulls: 'never', label };
  return { sql: sql`left(substr(${text}, ${from}), cast(${count} as integer))`, type: 'text', nulls: 'never', label };
}

const INTEGER_BOUND = 2 ** 31 - 2;
const clampToInteger = (value: number): number => Math.max(-INTEGER_BOUND, Math.min(INTEGER_BOUND, value));
