// Building blocks for typed expressions: literals as bound, explicitly cast parameters; fields
// from the scope; the error placeholder; a JS string literal re-typed as date/datetime/uuid.
import { type RawBuilder, sql } from 'kysely';
import { type ErrorCode, problem } from './metadata.ts';
import { canonicalDate, canonicalDatetime, canonicalUuid } from './js-coerce.ts';
import type { CompileContext, Expr, FilterValueType } from './types.ts';

/** SQL type names per value type; fixed text, never from the rule. */
export const SQL_TYPE: Readonly<Record<Exclude<FilterValueType, 'textarray' | 'geolocation'>, RawBuilder<unknown>>> = {
  number: sql.raw('numeric'),
  text: sql.raw('text'),
  boolean: sql.raw('boolean'),
  date: sql.raw('date'),
  datetime: sql.raw('timestamptz'),
  uuid: sql.raw('uuid'),
};

export const SQL_ARRAY_TYPE: Readonly<Record<Exclude<FilterValueType, 'textarray' | 'geolocation'>, RawBuilder<unknown>>> = {
  number: sql.raw('numeric[]'),
  text: sql.raw('text[]'),
  boolean: sql.raw('boolean[]'),
  date: sql.raw('date[]'),
  datetime: sql.raw('timestamptz[]'),
  uuid: sql.raw('uuid[]'),
};

export function errorExpr(ctx: CompileContext, path: string, code: ErrorCode, message: string): Expr {
  ctx.errors.push(problem(path, code, message));
  return { sql: sql`null`, type: 'error', nulls: 'null', label: 'invalid operand' };
}

/** An operand whose problem is already reported. */
export const invalidExpr = (): Expr => ({ sql: sql`null`, type: 'error', nulls: 'null', label: 'invalid operand' });

export const isError = (...exprs: Expr[]): boolean => exprs.some((expr) => expr.type === 'error');

export function numberLiteral(value: number, original: string | number | boolean | null = value): Expr {
  return { sql: sql`cast(${value} as numeric)`, type: 'number', nulls: 'never', literal: { value: original }, label: 'number literal' };
}

export function textLiteral(value: string): Expr {
  return { sql: sql`cast(${value} as text)`, type: 'text', nulls: 'never', literal: { value }, label: 'text literal' };
}

export function literalExpr(value: string | number | boolean | null): Expr {
  if (value === null) return { sql: sql`cast(null as text)`, type: 'null', nulls: 'null', literal: { value }, label: 'null' };
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'string') return textLiteral(value);
  return { sql: sql`cast(${value} as boolean)`, type: 'boolean', nulls: 'never', literal: { value }, label: 'boolean literal' };
}

export const isPrimitive = (node: unknown): node is string | number | boolean | null =>
  node === null || typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean';

const CANONICAL = {
  date: canonicalDate,
  datetime: canonicalDatetime,
  uuid: canonicalUuid,
} as const;

const FORMAT_HINT = { date: 'YYYY-MM-DD', datetime: 'an ISO 8601 date-time', uuid: 'a UUID' } as const;

/**
 * A text literal compared with a date, datetime or uuid operand becomes a literal of that type.
 * The API renders these as canonical strings; a literal in another valid spelling (e.g. a
 * datetime without milliseconds, an upper-case uuid) is normalised, so it matches the instant or
 * id it names, where json-logic-js would compare the strings and find no match.
 */
export function retypeTextLiteral(ctx: CompileContext, expr: Expr, type: 'date' | 'datetime' | 'uuid', path: string): Expr {
  const raw = expr.literal?.value;
  if (typeof raw !== 'string') return expr;
  const canonical = CANONICAL[type](raw);
  if (canonical === undefined) {
    return errorExpr(ctx, path, 'TSR103', `'${clip(raw)}' is not a valid ${type}; expected ${FORMAT_HINT[type]}`);
  }
  return { sql: sql`cast(${canonical} as ${SQL_TYPE[type]})`, type, nulls: 'never', literal: { value: raw }, label: `${type} literal` };
}

/** Shortens user text quoted in a message. */
export const clip = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max)}…` : text);
