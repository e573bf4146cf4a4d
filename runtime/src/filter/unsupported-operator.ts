// TSR116 for an operator outside the filter subset, naming it and listing the supported ones.
import { clip, errorExpr } from './expr.ts';
import { FILTER_OPERATORS } from './metadata.ts';
import type { Operation } from './operation.ts';
import { constant } from './truthiness.ts';
import type { CompileContext, Condition } from './types.ts';

export function unsupportedOperator(ctx: CompileContext, operation: Operation): Condition {
  errorExpr(ctx, operation.path, 'TSR116', `unsupported operator '${clip(operation.op)}'; supported: ${FILTER_OPERATORS.join(', ')}`);
  return constant(false);
}
