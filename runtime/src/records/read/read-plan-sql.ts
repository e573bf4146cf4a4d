// ReadPlan → its compiled statement (SQL text and parameters), one compiler per plan kind. The
// table is typed over every kind, so a new kind fails type-checking until it has a compiler.
import type { CompiledQuery } from 'kysely';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import { getPlanSql } from './get-plan-sql.ts';
import { listPlanSql } from './list-plan-sql.ts';
import type { ReadKind, ReadPlan, ReadRows } from './read-plan.ts';

type PlanOf<K extends ReadKind> = Extract<ReadPlan, { kind: K }>;

const COMPILERS: { [K in ReadKind]: (catalog: Catalog, object: CompiledObject, plan: PlanOf<K>) => CompiledQuery<ReadRows[K]> } = {
  list: listPlanSql,
  get: getPlanSql,
};

export function readPlanSql<K extends ReadKind>(catalog: Catalog, plan: PlanOf<K>): CompiledQuery<ReadRows[K]> {
  const object = catalog.objects.get(plan.object);
  // Plans are parsed against this catalog: a missing object is a bug in the caller, not bad input.
  if (!object) throw new Error(`read plan names object '${plan.object}', which this catalog lacks`);
  const compile = COMPILERS[plan.kind as K];
  return compile(catalog, object, plan);
}
