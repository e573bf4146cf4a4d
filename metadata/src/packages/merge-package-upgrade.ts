// Three-way merge of a package upgrade: base (the installed version's normalised objects), next
// (the new version's) and current (the tenant's live objects) → the objects to apply, or every
// conflict. Per property of each component (object, field, picklist value, index, rule, layout,
// record type, pipeline, approval flow): changed only by the package → the package's; only by the
// tenant → the tenant's; by both identically → that; by both differently → a conflict unless a
// resolution takes a side. Components only the tenant added survive; components the package added
// arrive; a field or object the package removed while it holds data is kept and marked deprecated
// (taken off layouts), a removed picklist value is kept inactive, anything else removed is dropped.
import type { NormalisedObject } from '../normalised-types.ts';
import { canonicalJson } from '../evolution/canonical-json.ts';

export interface MergeConflict {
  /** `/<object>/fields/<field>/<property>`: names, not positions, so a resolution survives reordering. */
  path: string;
  object: string;
  field?: string;
  property: string;
  package: unknown;
  tenant: unknown;
}

export interface MergeResolution {
  path: string;
  take: 'package' | 'tenant';
}

export interface MergeOptions {
  resolutions?: readonly MergeResolution[];
  /** `object` or `object.field` names that hold data (the runtime counts them). */
  holdsData?: (object: string, field?: string) => boolean;
}

export type MergeOutcome = { ok: true; objects: NormalisedObject[]; deprecated: string[] } | { ok: false; conflicts: MergeConflict[] };

type Component = Record<string, unknown>;

/**
 * Collections merged item by item, by key; everything else is a property. `removed` says what
 * happens to an item the package removed: fields holding data are deprecated, picklist values
 * become inactive (records may hold them), anything else is dropped.
 */
interface CollectionSpec {
  key: (item: Component, index: number) => string;
  children?: Record<string, CollectionSpec>;
  removed?: 'field' | 'value';
}
const byApiName = (item: Component): string => String(item.apiName);
const LAYOUT_SECTIONS: CollectionSpec = {
  // Sections have no name: their position is their identity; the items inside merge by field.
  key: (_item, index) => String(index),
  children: { fields: { key: (item) => String(item.field) } },
};
const OBJECT_COLLECTIONS: Record<string, CollectionSpec> = {
  fields: { key: byApiName, removed: 'field', children: { values: { key: byApiName, removed: 'value' } } },
  indexes: { key: (item) => String(item.name) },
  validationRules: { key: byApiName },
  duplicateRules: { key: byApiName },
  recordTypes: { key: byApiName },
  layouts: { key: byApiName, children: { sections: LAYOUT_SECTIONS } },
  pipelines: { key: byApiName },
  approvalFlows: { key: byApiName },
};
/** Label maps merge per language, so a tenant's zh label and a package's new en label both land. */
const PER_LANGUAGE = new Set(['labels', 'pluralLabels', 'helpText', 'message']);

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

class Merger {
  readonly conflicts: MergeConflict[] = [];
  readonly deprecated: string[] = [];
  private readonly taken: Map<string, 'package' | 'tenant'>;
  constructor(private readonly options: MergeOptions) {
    this.taken = new Map((options.resolutions ?? []).map((resolution) => [resolution.path, resolution.take]));
  }

  holdsData(object: string, field?: string): boolean {
    return this.options.holdsData?.(object, field) ?? false;
  }

  /** One property of one component. Absent values are `undefined`; the result `undefined` leaves it out. */
  value(path: string, where: { object: string; field?: string }, property: string, base: unknown, next: unknown, current: unknown): unknown {
    if (same(base, next)) return current;
    if (same(base, current) || same(next, current)) return next;
    const take = this.taken.get(path);
    if (take) return take === 'package' ? next : current;
    this.conflicts.push({
      path,
      object: where.object,
      ...(where.field ? { field: where.field } : {}),
      property,
      package: next ?? null,
      tenant: current ?? null,
    });
    return current;
  }

  /** Property-wise merge of one component present in all three (or added by both: base `{}`). */
  component(
    path: string,
    where: { object: string; field?: string },
    base: Component,
    next: Component,
    current: Component,
    collections: Record<string, CollectionSpec>,
  ): Component {
    const out: Component = {};
    const keys = new Set([...Object.keys(current), ...Object.keys(next), ...Object.keys(base)]);
    for (const key of keys) {
      let merged: unknown;
      if (key in collections) merged = this.collection(`${path}/${key}`, where, base[key], next[key], current[key], collections[key] as CollectionSpec);
      else if (PER_LANGUAGE.has(key) && isMap(base[key] ?? {}) && isMap(next[key] ?? {}) && isMap(current[key] ?? {}))
        merged = this.labels(`${path}/${key}`, where, key, base[key], next[key], current[key]);
      else merged = this.value(`${path}/${key}`, where, key, base[key], next[key], current[key]);
      if (merged !== undefined) out[key] = merged;
    }
    return out;
  }

  private labels(path: string, where: { object: string; field?: string }, property: string, base: unknown, next: unknown, current: unknown): unknown {
    const [b, n, c] = [base, next, current].map((value) => (value ?? {}) as Record<string, unknown>) as [Component, Component, Component];
    const out: Component = {};
    for (const language of new Set([...Object.keys(c), ...Object.keys(n), ...Object.keys(b)])) {
      const merged = this.value(`${path}/${language}`, where, `${property}.${language}`, b[language], n[language], c[language]);
      if (merged !== undefined) out[language] = merged;
    }
    return current === undefined && next === undefined ? undefined : out;
  }

  /** Keyed items: tenant-added survive, package-added arrive, both-present merge, removals by rule. */
  private collection(path: string, where: { object: string; field?: string }, base: unknown, next: unknown, current: unknown, spec: CollectionSpec): unknown {
    const [b, n, c] = [base, next, current].map((items) => new Map(((items ?? []) as Component[]).map((item, index) => [spec.key(item, index), item])));
    if (!b || !n || !c) return current;
    const order = [...c.keys(), ...[...n.keys()].filter((name) => !c.has(name) && !b.has(name))];
    const out: Component[] = [];
    for (const name of order) {
      const item = this.item(`${path}/${name}`, where, spec, name, b.get(name), n.get(name), c.get(name));
      if (item) out.push(item);
    }
    return out.length === 0 && current === undefined && next === undefined ? undefined : out;
  }

  private item(
    path: string,
    where: { object: string; field?: string },
    spec: CollectionSpec,
    name: string,
    base: Component | undefined,
    next: Component | undefined,
    current: Component | undefined,
  ): Component | undefined {
    const inner = spec.removed === 'field' ? { object: where.object, field: name } : where;
    const collections = spec.children ?? {};
    if (!base) {
      if (!current) return next;
      if (!next) return current;
      return this.component(path, inner, {}, next, current, collections);
    }
    if (!current) {
      // The tenant removed a package component: that stands unless the package changed it too.
      if (!next || same(base, next)) return undefined;
      return this.value(path, inner, '*', base, next, undefined) as Component | undefined;
    }
    if (!next) return this.removedByPackage(path, inner, spec, current);
    return this.component(path, inner, base, next, current, collections);
  }

  private removedByPackage(path: string, where: { object: string; field?: string }, spec: CollectionSpec, current: Component): Component | undefined {
    if (spec.removed === 'field' && this.holdsData(where.object, where.field)) {
      this.deprecated.push(path);
      return current;
    }
    if (spec.removed === 'value') {
      this.deprecated.push(path);
      return { ...current, inactive: true, default: false };
    }
    return undefined;
  }
}

const isMap = (value: unknown): boolean => value !== null && typeof value === 'object' && !Array.isArray(value);

export function mergePackageUpgrade(
  base: readonly NormalisedObject[],
  next: readonly NormalisedObject[],
  current: readonly NormalisedObject[],
  options: MergeOptions = {},
): MergeOutcome {
  const merger = new Merger(options);
  const baseByName = new Map(base.map((object) => [object.apiName, object]));
  const nextByName = new Map(next.map((object) => [object.apiName, object]));
  const currentByName = new Map(current.map((object) => [object.apiName, object]));
  const objects: NormalisedObject[] = [];
  // Only the package's objects (installed or new) are merged; the tenant's other objects are not touched.
  for (const name of new Set([...base.map((object) => object.apiName), ...next.map((object) => object.apiName)])) {
    const [b, n, c] = [baseByName.get(name), nextByName.get(name), currentByName.get(name)];
    const path = `/${name}`;
    if (!c) {
      // Removed by the tenant (with the package's blessing or not) or new in this version.
      if (!b && n) objects.push(n);
      else if (b && n && !same(b, n)) merger.value(path, { object: name }, '*', b, n, undefined);
      continue;
    }
    if (!n) {
      if (merger.holdsData(name)) {
        merger.deprecated.push(path);
        objects.push(c);
      }
      continue;
    }
    const merged = merger.component(
      path,
      { object: name },
      (b ?? {}) as unknown as Component,
      n as unknown as Component,
      c as unknown as Component,
      OBJECT_COLLECTIONS,
    );
    objects.push(merged as unknown as NormalisedObject);
  }
  if (merger.conflicts.length > 0) return { ok: false, conflicts: merger.conflicts };
  return { ok: true, objects: objects.map((object) => hideDeprecated(object, merger.deprecated)), deprecated: merger.deprecated };
}

/** A deprecated field stays (with its data) but leaves every layout, so forms no longer offer it. */
function hideDeprecated(object: NormalisedObject, deprecated: readonly string[]): NormalisedObject {
  const hidden = new Set(deprecated.filter((path) => path.startsWith(`/${object.apiName}/fields/`)).map((path) => path.split('/')[3]));
  if (hidden.size === 0 || !object.layouts) return object;
  return {
    ...object,
    layouts: object.layouts.map((layout) => ({
      ...layout,
      sections: layout.sections.map((section) => ({ ...section, fields: section.fields.filter((item) => !hidden.has(item.field)) })),
    })),
  };
}
