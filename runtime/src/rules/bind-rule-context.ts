// Catalog + the request's clock and user → the catalog this request reads: `$today`, `$now` and
// `$user.id` in list filters and formulas become bound parameters, so a test's injected clock (and
// the server's own) decides "today", not the database's. Objects are bound lazily, on first use;
// objects whose formulas read no context only get the context for their filters (a shallow copy).
import type { RuleContext } from '@tessera/metadata';
import type { Catalog, CompiledColumn, CompiledObject } from '../catalog/catalog-types.ts';
import { jsonObject } from '../catalog/compile-catalog.ts';
import { installFormulaColumns, readsContext } from '../catalog/formula-columns.ts';
import { type RuleContextSql, ruleContextSql } from '../catalog/rule-context-sql.ts';

export function bindRuleContext(catalog: Catalog, context: RuleContext): Catalog {
  const contextSql = ruleContextSql(context);
  const bound = (source: Catalog): Catalog =>
    Object.freeze({
      ...source,
      objects: new BoundObjects(source.objects, contextSql),
      ...(source.unrestricted ? { unrestricted: bound(source.unrestricted) } : {}),
    });
  return bound(catalog);
}

export function bindObject(object: CompiledObject, context: RuleContextSql): CompiledObject {
  if (!readsContext(object.definition)) return Object.freeze({ ...object, ruleContext: context });
  const columns = new Map(object.columns);
  installFormulaColumns(object.definition, columns, context, object.formulaLookups);
  // A user's view may hide formulas: keep exactly the columns the view had.
  for (const name of columns.keys()) if (!object.columns.has(name)) columns.delete(name);
  const built = new Map<string, ReturnType<CompiledObject['recordJson']>>();
  const recordJson = (alias: string) => {
    let json = built.get(alias);
    if (!json) {
      json = jsonObject(object.columnOrder.map((name) => [name, (columns.get(name) as CompiledColumn).render(alias)]));
      built.set(alias, json);
    }
    return json;
  };
  return Object.freeze({ ...object, columns, recordJson, ruleContext: context });
}

/** A read-only map that binds each object when it is first read. */
class BoundObjects implements ReadonlyMap<string, CompiledObject> {
  private readonly bound = new Map<string, CompiledObject>();
  constructor(
    private readonly source: ReadonlyMap<string, CompiledObject>,
    private readonly context: RuleContextSql,
  ) {}
  get size(): number {
    return this.source.size;
  }
  get(name: string): CompiledObject | undefined {
    let object = this.bound.get(name);
    if (!object) {
      const original = this.source.get(name);
      if (!original) return undefined;
      object = bindObject(original, this.context);
      this.bound.set(name, object);
    }
    return object;
  }
  has(name: string): boolean {
    return this.source.has(name);
  }
  *keys(): MapIterator<string> {
    yield* this.source.keys();
  }
  *values(): MapIterator<CompiledObject> {
    for (const name of this.source.keys()) yield this.get(name) as CompiledObject;
  }
  *entries(): MapIterator<[string, CompiledObject]> {
    for (const name of this.source.keys()) yield [name, this.get(name) as CompiledObject];
  }
  [Symbol.iterator](): MapIterator<[string, CompiledObject]> {
    return this.entries();
  }
  forEach(callback: (value: CompiledObject, key: string, map: ReadonlyMap<string, CompiledObject>) => void): void {
    for (const [name, object] of this.entries()) callback(object, name, this);
  }
}
