// One list request's lookup paths: resolves each path it names once (records/lookup-path.ts) and
// keeps the ones used, which the plan carries so its SQL compiler sees them as columns.
import type { ErrorCode } from '@tessera/metadata';
import type { Catalog, CompiledColumn, CompiledObject } from '../../catalog/catalog-types.ts';
import type { FilterScope } from '../../filter/index.ts';
import { filterField } from '../filter-scope.ts';
import { isLookupPath, lookupPathColumn } from '../lookup-path.ts';

type PathAnswer = ReturnType<typeof lookupPathColumn>;

export class PathColumns {
  /** Path → its column, for the paths the request used. */
  readonly used = new Map<string, CompiledColumn>();

  constructor(
    private readonly catalog: Catalog | undefined,
    private readonly object: CompiledObject,
  ) {}

  /** A path's column; without a catalog (callers that do not offer paths) it is unknown. */
  column(path: string): PathAnswer {
    if (!this.catalog) return { ok: false, problem: { code: 'TSR160', message: `'${path.slice(0, 80)}': lookup paths are not available here` } };
    const answer = lookupPathColumn(this.catalog, this.object, path);
    if (answer.ok) this.used.set(path, answer.column);
    return answer;
  }

  /** The object's filter scope, plus its lookup paths. */
  scope(base: FilterScope): FilterScope {
    if (!this.catalog) return base;
    // `related_to.object` / `related_to.id` name a polylookup's parts (the base scope's), not a path.
    const isPath = (name: string) => isLookupPath(name) && this.object.columns.get(name.slice(0, name.indexOf('.')))?.field?.type !== 'polylookup';
    return {
      resolve: (name) => {
        if (!isPath(name)) return base.resolve(name);
        const answer = this.column(name);
        return answer.ok ? filterField(answer.column) : undefined;
      },
      unavailable: (name) => {
        if (!isPath(name)) return base.unavailable?.(name);
        const answer = this.column(name);
        return answer.ok ? undefined : answer.problem.message;
      },
      unavailableCode: (name): ErrorCode | undefined => (isPath(name) ? 'TSR160' : base.unavailableCode?.(name)),
      ...(base.calendar ? { calendar: base.calendar } : {}),
    };
  }
}
