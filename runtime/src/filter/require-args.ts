// Arity check shared by every operator compiler: reports the problem and says whether to go on.
import { errorExpr } from './expr.ts';
import type { Operation } from './operation.ts';
import type { CompileContext } from './types.ts';

export function requireArgs(ctx: CompileContext, operation: Operation, min: number, max: number): boolean {
  const count = operation.args.length;
  if (count >= min && count <= max) return true;
  const expected = min === max ? `${min}` : max === Number.POSITIVE_INFINITY ? `at least ${min}` : `${min} to ${max}`;
  errorExpr(ctx, operation.path, 'TSR103', `'${operation.op}' takes ${expected} argument${max === 1 ? '' : 's'}, got ${count}`);
  return false;
}
