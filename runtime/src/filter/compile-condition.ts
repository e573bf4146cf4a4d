// Rule node → SQL condition, with negation pushed down by a polarity flag instead of NOT(...):
// positive = true gives SQL that is TRUE exactly where json-logic-js finds the node truthy,
// positive = false exactly where it finds it falsy. So `x = $1` stays index-friendly, and a NULL
// never turns a JS true into "row excluded", whatever the nesting of !, and, or.
import { sql } from 'kysely';
import { compareEquality } from './compare-equality.ts';
import { compareOrder } from './compare-order.ts';
import { compileIn } from './compile-in.ts';
import { isPrimitive, literalExpr } from './expr.ts';
import type { OrderOp } from './js-coerce.ts';
import { isFilterOperator } from './metadata.ts';
import { type Operation, parseOperation } from './operation.ts';
import { requireArgs } from './require-args.ts';
import { compileTextMatch } from './text-match.ts';
import { compileListMatch } from './list-match.ts';
import { constant, truthiness } from './truthiness.ts';
import type { CompileContext, Condition } from './types.ts';
import { unsupportedOperator } from './unsupported-operator.ts';

export function compileCondition(ctx: CompileContext, node: unknown, path: string, positive: boolean): Condition {
  if (isPrimitive(node)) return truthiness(literalExpr(node), positive);
  if (Array.isArray(node) || typeof node !== 'object') return truthiness(ctx.expr(node, path), positive);
  const operation = parseOperation(node, path);
  if (!operation) return truthiness(ctx.expr(node, path), positive);
  const { op } = operation;
  switch (op) {
    case '!':
    case '!!':
      return compileNot(ctx, operation, op === '!' ? !positive : positive);
    case 'and':
    case 'or':
      return compileAndOr(ctx, operation, positive);
    case 'if':
    case '?:':
      return compileIfCondition(ctx, operation, positive);
    case '==':
    case '!=':
    case '===':
    case '!==':
      return compileEqualityOp(ctx, operation, positive);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compileOrderOp(ctx, operation, op, positive);
    case 'in':
      return compileIn(ctx, operation, positive);
    case 'starts_with':
    case 'ends_with':
    case 'icontains':
      return compileTextMatch(ctx, operation, op, positive);
    case 'has_any':
    case 'has_all':
      return compileListMatch(ctx, operation, op, positive);
    default:
      if (!isFilterOperator(op)) return unsupportedOperator(ctx, operation);
      return truthiness(ctx.expr(node, path), positive);
  }
}

function compileNot(ctx: CompileContext, operation: Operation, positive: boolean): Condition {
  if (!requireArgs(ctx, operation, 1, 1)) return constant(false);
  return compileCondition(ctx, operation.args[0], operation.argPath(0), positive);
}

// "and" is truthy iff every argument is; "or" iff any is. Negated, De Morgan swaps the joiner.
function compileAndOr(ctx: CompileContext, operation: Operation, positive: boolean): Condition {
  if (!requireArgs(ctx, operation, 1, Number.POSITIVE_INFINITY)) return constant(false);
  const parts = operation.args.map((arg, index) => compileCondition(ctx, arg, operation.argPath(index), positive));
  const conjunctive = (operation.op === 'and') === positive;
  if (parts.length === 1) return parts[0] as Condition;
  return sql<boolean>`(${sql.join(parts, conjunctive ? sql` and ` : sql` or `)})`;
}

// if(c1, v1, c2, v2, …, else): branch i is taken when c1…c(i-1) are falsy and ci truthy; the
// rule is truthy when the taken branch's value is. Missing else ⇒ null ⇒ falsy.
function compileIfCondition(ctx: CompileContext, operation: Operation, positive: boolean): Condition {
  const { args } = operation;
  if (args.length === 0) return constant(!positive);
  const branches: Condition[] = [];
  const previousFalse: Condition[] = [];
  let index = 0;
  for (; index + 1 < args.length; index += 2) {
    const test = operation.argPath(index);
    const taken = compileCondition(ctx, args[index], test, true);
    const value = compileCondition(ctx, args[index + 1], operation.argPath(index + 1), positive);
    branches.push(sql<boolean>`(${sql.join([...previousFalse, taken, value], sql` and `)})`);
    previousFalse.push(compileCondition(ctx, args[index], test, false));
  }
  const elseValue = index < args.length ? compileCondition(ctx, args[index], operation.argPath(index), positive) : constant(!positive);
  branches.push(previousFalse.length ? sql<boolean>`(${sql.join([...previousFalse, elseValue], sql` and `)})` : elseValue);
  return sql<boolean>`(${sql.join(branches, sql` or `)})`;
}

function compileEqualityOp(ctx: CompileContext, operation: Operation, positive: boolean): Condition {
  if (!requireArgs(ctx, operation, 2, 2)) return constant(false);
  const left = ctx.expr(operation.args[0], operation.argPath(0));
  const right = ctx.expr(operation.args[1], operation.argPath(1));
  const strict = operation.op === '===' || operation.op === '!==';
  const negated = operation.op === '!=' || operation.op === '!==';
  return compareEquality(ctx, left, right, { strict, positive: positive !== negated, path: operation.path });
}

// a < b < c ("between") is (a < b) && (b < c) in json-logic-js; only < and <= take three arguments.
function compileOrderOp(ctx: CompileContext, operation: Operation, op: OrderOp, positive: boolean): Condition {
  const max = op === '<' || op === '<=' ? 3 : 2;
  if (!requireArgs(ctx, operation, 2, max)) return constant(false);
  const operands = operation.args.map((arg, index) => ctx.expr(arg, operation.argPath(index)));
  const [first, second, third] = operands;
  if (!first || !second) return constant(false);
  const pair = compareOrder(ctx, first, op, second, positive, operation.path);
  if (!third) return pair;
  const upper = compareOrder(ctx, second, op, third, positive, operation.path);
  return sql<boolean>`(${pair} ${positive ? sql`and` : sql`or`} ${upper})`;
}
