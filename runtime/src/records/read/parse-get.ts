// A get request (record id, `expand=`) → a frozen GetPlan, or every problem at once. Other query
// parameters are ignored, as the API has always done for a single record.
import { type ProblemDetail, type Result, fail, ok } from '@tessera/metadata';
import type { CompiledObject } from '../../catalog/catalog-types.ts';
import { NOTHING_EXPANDED, parseExpand } from './parse-names.ts';
import type { DeletedMode, GetPlan } from './read-plan.ts';

export function parseGetPlan(id: string, expand: string | undefined, object: CompiledObject): Result<GetPlan> {
  const errors: ProblemDetail[] = [];
  const names = parseExpand(expand, object, errors);
  if (errors.length > 0) return fail(errors);
  return ok(getPlan(object.apiName, id, { expand: names }));
}

/** The plan of a get built in code (after a write, or a service's check that a record is visible). */
export function getPlan(object: string, id: string, options: { columns?: readonly string[]; expand?: readonly string[]; deleted?: DeletedMode } = {}): GetPlan {
  return Object.freeze({
    kind: 'get',
    object,
    id,
    columns: options.columns && Object.freeze([...options.columns]),
    expand: options.expand?.length ? (Object.isFrozen(options.expand) ? options.expand : Object.freeze([...options.expand])) : NOTHING_EXPANDED,
    deleted: options.deleted ?? 'exclude',
  });
}
