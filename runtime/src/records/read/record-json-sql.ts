// The JSON of a row under alias `t` as the API renders it: every column, or the plan's projection,
// with expanded lookups rendered as the target record (if the reader may see it).
import type { NormalisedObject } from '@tessera/metadata';
import { type RawBuilder, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import { jsonObject } from '../../catalog/compile-catalog.ts';
import { readsContext } from '../../catalog/formula-columns.ts';
import { precompile } from '../../sql/precompile.ts';
import { expandedUser, isUserColumn } from '../../people/user-columns.ts';
import { isLookupPath } from '../lookup-path.ts';
import { expandedLinks } from './expanded-links.ts';
import { expandedPolylookup } from './expanded-polylookup.ts';

const ALIAS = 't';

// A projection (fields=, expand=) built from metadata alone is the same text for every request:
// compiled once per object renderer and shape, it saves re-walking a builder of every column
// (~150 µs for a 20-field record with an expanded lookup). The entry remembers the target
// renderers it was built from, since a user's view of a target may show other fields. Shapes come
// from the query string, so each object keeps a bounded number of them.
interface Projection {
  targets: readonly (CompiledObject['recordJson'] | undefined)[];
  text: RawBuilder<unknown>;
}
const projections = new WeakMap<CompiledObject['recordJson'], Map<string, Projection>>();
const MAX_SHAPES_PER_OBJECT = 64;
const contextReaders = new WeakMap<NormalisedObject, boolean>();

/** Whether the object's formulas read `$today`, `$now` or `$user.id`; remembered per definition. */
function formulasReadContext(object: CompiledObject): boolean {
  let reads = contextReaders.get(object.definition);
  if (reads === undefined) {
    reads = readsContext(object.definition);
    contextReaders.set(object.definition, reads);
  }
  return reads;
}

export function recordJsonSql(
  catalog: Catalog,
  object: CompiledObject,
  columns: readonly string[] | undefined,
  expand: readonly string[],
): RawBuilder<unknown> {
  // The whole record is precompiled per object and revision (catalog/compile-catalog.ts).
  if (!columns && expand.length === 0) return object.recordJson(ALIAS);
  const targets = expand.map((name) => catalog.objects.get(object.lookups.get(name)?.target ?? ''));
  // A polylookup's targets (and a many-to-many field's) may have row access: its expansion is built per request.
  if (expand.some((name) => !object.lookups.has(name))) return projection(catalog, object, columns, expand);
  // Row access binds the reader and context formulas bind the request's clock: such text is per request.
  // So do lookup paths: each reads the parent through the reader's row access.
  const perRequest =
    columns?.some(isLookupPath) ||
    formulasReadContext(object) ||
    targets.some((target, i) => target !== undefined && (target.rowAccess?.read(`x_${expand[i]}`) !== undefined || formulasReadContext(target)));
  if (perRequest) return projection(catalog, object, columns, expand);
  let shapes = projections.get(object.recordJson);
  if (!shapes) {
    shapes = new Map();
    projections.set(object.recordJson, shapes);
  }
  const key = `${columns?.join(',') ?? '*'}|${expand.join(',')}`;
  const renderers = targets.map((target) => target?.recordJson);
  const cached = shapes.get(key);
  if (cached?.targets.every((renderer, i) => renderer === renderers[i])) return cached.text;
  if (shapes.size >= MAX_SHAPES_PER_OBJECT) shapes.clear();
  const text = precompile(projection(catalog, object, columns, expand));
  shapes.set(key, { targets: renderers, text });
  return text;
}

function projection(catalog: Catalog, object: CompiledObject, columns: readonly string[] | undefined, expand: readonly string[]): RawBuilder<unknown> {
  const names = columns ?? object.columnOrder;
  return jsonObject(
    names.map((name) => {
      const lookup = expand.includes(name) ? object.lookups.get(name) : undefined;
      const target = lookup ? catalog.objects.get(lookup.target) : undefined;
      if (target) return [name, expandedLookup(target, name)] as const;
      if (expand.includes(name) && isUserColumn(object, name)) return [name, expandedUser(object.schema, name)] as const;
      if (expand.includes(name) && object.columns.get(name)?.field?.type === 'polylookup')
        return [name, expandedPolylookup(catalog, object, name, ALIAS)] as const;
      if (expand.includes(name) && object.columns.get(name)?.field?.type === 'manytomany') return [name, expandedLinks(catalog, object, name, ALIAS)] as const;
      const column = object.columns.get(name);
      if (!column) throw new Error(`unknown column ${name} passed validation`);
      return [name, column.render(ALIAS)] as const;
    }),
  );
}

function expandedLookup(target: CompiledObject, field: string): RawBuilder<unknown> {
  const alias = `x_${field}`;
  const visible = target.rowAccess?.read(alias);
  const expanded = sql`(select ${target.recordJson(alias)} from ${sql.id(target.schema, target.table)} as ${sql.id(alias)}
    where ${sql.ref(`${alias}.id`)} = ${sql.ref(`${ALIAS}.${field}`)} and ${sql.ref(`${alias}.deleted_at`)} is null)`;
  if (!visible) return expanded;
  // A target the reader may not see comes back as its id, as if not expanded (a deleted one as null).
  return sql`coalesce(
    (select ${target.recordJson(alias)} from ${sql.id(target.schema, target.table)} as ${sql.id(alias)}
      where ${sql.ref(`${alias}.id`)} = ${sql.ref(`${ALIAS}.${field}`)} and ${sql.ref(`${alias}.deleted_at`)} is null and ${visible}),
    (select to_json(${sql.ref(`${alias}.id`)}) from ${sql.id(target.schema, target.table)} as ${sql.id(alias)}
      where ${sql.ref(`${alias}.id`)} = ${sql.ref(`${ALIAS}.${field}`)} and ${sql.ref(`${alias}.deleted_at`)} is null))`;
}
