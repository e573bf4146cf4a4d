// The SQL text and parameters a list request compiles to, for tools outside a request: the bench's
// geo op runs EXPLAIN (ANALYZE, BUFFERS) on exactly the statement the server runs for its filter
// and sort, instead of a hand-written look-alike that could drift from the compiler.
import { type MetadataSnapshot, type Result, fail, ok, ruleContextAt } from '@tessera/metadata';
import { compileCatalog } from '../../catalog/compile-catalog.ts';
import { bindRuleContext } from '../../rules/bind-rule-context.ts';
import { parseListPlan } from './parse-list.ts';
import { readPlanSql } from './read-plan-sql.ts';

export interface ListStatementInput {
  tenant: string;
  schema: string;
  revision: number;
  snapshot: MetadataSnapshot;
}

/** The statement an admin's `GET …/objects/<object>/records?<query>` runs, or the problems the request would get. */
export function listStatement(
  input: ListStatementInput,
  objectName: string,
  query: Record<string, string>,
  now = new Date(),
): Result<{ sql: string; parameters: readonly unknown[] }> {
  const catalog = bindRuleContext(compileCatalog(input), ruleContextAt(now, null));
  const object = catalog.objects.get(objectName);
  if (!object) return fail([{ path: 'object', code: 'TSR110', message: `Object '${objectName}' does not exist.` }]);
  const plan = parseListPlan(query, object, catalog);
  if (!plan.ok) return plan;
  const compiled = readPlanSql(catalog, plan.value);
  return ok({ sql: compiled.sql, parameters: compiled.parameters });
}
