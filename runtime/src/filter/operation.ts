// Splits a JsonLogic node {"op": args} into its operator, argument list and argument paths.
// A non-array argument is json-logic-js's unary sugar ({"!": x} ≡ {"!": [x]}); its path is /op.
import { childPath } from './pointer.ts';

export interface Operation {
  op: string;
  args: unknown[];
  path: string;
  argPath(index: number): string;
}

export function parseOperation(node: object, path: string): Operation | undefined {
  const keys = Object.keys(node);
  if (keys.length !== 1) return undefined;
  const op = keys[0] as string;
  const raw: unknown = (node as Record<string, unknown>)[op];
  const opPath = childPath(path, op);
  if (Array.isArray(raw)) return { op, args: raw, path: opPath, argPath: (index) => childPath(opPath, index) };
  return { op, args: [raw], path: opPath, argPath: () => opPath };
}
