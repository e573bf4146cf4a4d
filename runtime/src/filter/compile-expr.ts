// Rule node → typed value expression (var, literals, arithmetic, cat, substr, if, and/or values).
// Condition operators used as values become two-valued booleans.
import { sql } from 'kysely';
import { compileArithmetic } from './arithmetic.ts';
import { requireArgs } from './require-args.ts';
import { compileDateFunction } from './date-functions.ts';
import { compileBusinessHours } from './business-hours.ts';
import { compileDateTimeFunction } from './datetime-functions.ts';
import { compileValueBranches } from './value-branches.ts';
import { compileDistance } from './geo-distance.ts';
import { clip, errorExpr, invalidExpr, isPrimitive, literalExpr } from './expr.ts';
import { isFilterOperator } from './metadata.ts';
import { type Operation, parseOperation } from './operation.ts';
import { compileCat, compileSubstr } from './text-functions.ts';
import type { CompileContext, Expr } from './types.ts';
import { unsupportedOperator } from './unsupported-operator.ts';

export function compileExpr(ctx: CompileContext, node: unknown, path: string): Expr {
  if (isPrimitive(node)) {
    if (typeof node === 'number' && !Number.isFinite(node)) return errorExpr(ctx, path, 'TSR103', 'numbers must be finite');
    return literalExpr(node);
  }
  if (Array.isArray(node)) {
    return errorExpr(ctx, path, 'TSR115', 'an array is only allowed as the list of \'in\' (e.g. {"in": [{"var": "stage"}, ["won", "lost"]]})');
  }
  if (typeof node !== 'object' || node === null) return errorExpr(ctx, path, 'TSR103', 'not a JSON value');
  const operation = parseOperation(node, path);
  if (!operation) return errorExpr(ctx, path, 'TSR103', 'an operation is an object with exactly one key, the operator');
  switch (operation.op) {
    case 'var':
      return compileVar(ctx, operation);
    case '+':
    case '-':
    case '*':
    case '/':
    case '%':
    case 'min':
    case 'max':
      return compileArithmetic(ctx, operation);
    case 'cat':
      return compileCat(ctx, operation);
    case 'substr':
      return compileSubstr(ctx, operation);
    case 'if':
    case '?:':
    case 'and':
    case 'or':
      return compileValueBranches(ctx, operation);
    case 'today':
    case 'now':
    case 'add_days':
    case 'days_between':
    case 'year':
    case 'month':
      return compileDateFunction(ctx, operation, operation.op);
    case 'add_hours':
    case 'hours_between':
      return compileDateTimeFunction(ctx, operation, operation.op);
    case 'add_business_hours':
    case 'business_hours_between':
      return compileBusinessHours(ctx, operation, operation.op);
    case 'distance':
      return compileDistance(ctx, operation);
    default: {
      if (!isFilterOperator(operation.op)) {
        unsupportedOperator(ctx, operation);
        return invalidExpr();
      }
      const condition = ctx.condition(node, path, true);
      return { sql: sql`coalesce(${condition}, false)`, type: 'boolean', nulls: 'never', label: `'${operation.op}' result` };
    }
  }
}

// {"var": "name"} | {"var": ["name"]} | {"var": ["name", default]}. json-logic-js returns the
// default only when the key is absent (undefined), never for a present null; API rows carry every
// field (null when empty), so the default never applies to a scope field and is only validated.
function compileVar(ctx: CompileContext, operation: Operation): Expr {
  if (!requireArgs(ctx, operation, 1, 2)) return invalidExpr();
  const [name, fallback] = operation.args;
  if (typeof name !== 'string' || name === '') {
    return errorExpr(ctx, operation.argPath(0), 'TSR103', "'var' needs a field name (a non-empty string)");
  }
  if (operation.args.length === 2 && !isPrimitive(fallback)) {
    return errorExpr(ctx, operation.argPath(1), 'TSR103', "the default of 'var' must be a literal");
  }
  const field = ctx.scope.resolve(name);
  if (!field) {
    const code = ctx.scope.unavailableCode?.(name) ?? 'TSR103';
    return errorExpr(ctx, operation.argPath(0), code, ctx.scope.unavailable?.(name) ?? `unknown field '${clip(name)}'`);
  }
  return {
    sql: field.ref,
    type: field.type,
    nulls: 'null',
    label: `${field.type} field '${name}'`,
    ...(field.values ? { values: field.values } : {}),
    ...(field.links ? { links: field.links } : {}),
  };
}
