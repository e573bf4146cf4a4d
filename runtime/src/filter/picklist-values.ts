// A picklist (or multi-select) field compared with a literal that is none of its values: json-logic-js
// would just find no row, so a typo ("Closed won" for `closed_won`) silently returns fewer rows.
// Refused instead (TSR103 at the literal's place, listing the api names). Inactive values stay
// comparable: old records keep them.
import { clip, errorExpr } from './expr.ts';
import type { CompileContext, Expr } from './types.ts';

/** false (and a problem) when `literal` is a text literal that is not one of `field`'s values. */
export function checkPicklistLiteral(ctx: CompileContext, field: Expr, literal: Expr | string | number | boolean | null, path: string): boolean {
  const values = field.values;
  const raw = typeof literal === 'object' && literal !== null ? literal.literal?.value : literal;
  if (!values || typeof raw !== 'string' || values.includes(raw)) return true;
  errorExpr(ctx, path, 'TSR103', `'${clip(raw)}' is not a value of ${field.label}; expected one of ${values.join(', ')}`);
  const last = ctx.errors[ctx.errors.length - 1];
  if (last) last.allowed = [...values];
  return false;
}
