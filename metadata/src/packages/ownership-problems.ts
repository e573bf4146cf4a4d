// A plain metadata change (not a package operation) + the installed packages' bases → a refusal
// (TSR606) for each package-owned part it changes or removes, naming the part and its owner.
// What a tenant may do on a package's object: add fields, picklist values, rules and indexes;
// override labels, help text, descriptions and messages; edit layouts and record types (they
// only present the fields). Everything structural in the base stays the package's.
import { canonicalJson } from '../evolution/canonical-json.ts';
import { type ProblemDetail, problem } from '../error-codes.ts';
import type { NormalisedObject } from '../normalised-types.ts';

export interface PackageBase {
  namespace: string;
  objects: readonly NormalisedObject[];
}

type Component = Record<string, unknown>;
const OVERRIDABLE = new Set(['labels', 'pluralLabels', 'helpText', 'description', 'message']);
const PRESENTATION = new Set(['layouts', 'recordTypes']);
const COLLECTIONS: Record<string, string> = {
  fields: 'apiName',
  indexes: 'name',
  validationRules: 'apiName',
  duplicateRules: 'apiName',
  pipelines: 'apiName',
  approvalFlows: 'apiName',
  values: 'apiName',
};

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * `incoming`: the document's normalised objects with their JSON pointers; `removed`: the object
 * names of its `remove` list with theirs. Only objects that are in a package's base are judged.
 */
export function ownershipProblems(
  packages: readonly PackageBase[],
  live: readonly NormalisedObject[],
  incoming: readonly { path: string; object: NormalisedObject }[],
  removed: readonly { path: string; object: string }[] = [],
): ProblemDetail[] {
  const owner = new Map<string, { namespace: string; base: NormalisedObject }>();
  for (const entry of packages) for (const object of entry.objects) owner.set(object.apiName, { namespace: entry.namespace, base: object });
  const liveByName = new Map(live.map((object) => [object.apiName, object]));
  const problems: ProblemDetail[] = [];
  for (const { path, object } of removed) {
    const owned = owner.get(object);
    if (owned) problems.push(problem(path, 'TSR606', `${object} belongs to package ${owned.namespace}; uninstall the package instead`));
  }
  for (const { path, object } of incoming) {
    const owned = owner.get(object.apiName);
    const current = liveByName.get(object.apiName);
    if (!owned || !current) continue;
    const report = (at: string, what: string) => problems.push(problem(`${path}${at}`, 'TSR606', `${what} belongs to package ${owned.namespace}`));
    compare(owned.base as unknown as Component, current as unknown as Component, object as unknown as Component, object.apiName, '', report, positions(object));
  }
  return problems;
}

/** Position of each field in the incoming object, for JSON pointers into the document. */
function positions(object: NormalisedObject): Map<string, number> {
  return new Map(object.fields.map((field, index) => [field.apiName, index]));
}

function compare(
  base: Component,
  current: Component,
  incoming: Component,
  name: string,
  at: string,
  report: (at: string, what: string) => void,
  fieldIndex: Map<string, number>,
): void {
  for (const key of Object.keys(base)) {
    if (OVERRIDABLE.has(key) || PRESENTATION.has(key)) continue;
    const keyName = COLLECTIONS[key];
    if (keyName === undefined) {
      if (!same(current[key], incoming[key])) report(at, `${name}.${key} (changed)`);
      continue;
    }
    const incomingItems = new Map(((incoming[key] ?? []) as Component[]).map((item, index) => [String(item[keyName]), { item, index }]));
    const currentItems = new Map(((current[key] ?? []) as Component[]).map((item) => [String(item[keyName]), item]));
    for (const baseItem of (base[key] ?? []) as Component[]) {
      const itemName = String(baseItem[keyName]);
      const now = currentItems.get(itemName);
      const next = incomingItems.get(itemName);
      if (!now) continue;
      const position = key === 'fields' ? (fieldIndex.get(itemName) ?? next?.index) : next?.index;
      if (!next) {
        report(at, `${name}.${itemName} (removed)`);
        continue;
      }
      compare(baseItem, now, next.item, `${name}.${itemName}`, `${at}/${key}/${position}`, report, fieldIndex);
    }
  }
}
