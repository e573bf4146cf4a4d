// Live snapshot + next snapshot → the actions that keep rule storage in step with the model:
// roll-up triggers of each child whose roll-ups change, backfills of new or changed roll-ups, the
// duplicate-key live-flag trigger of each object gaining or losing duplicate rules, and the stored
// keys of new, changed or removed duplicate rules. They are planned like any DDL (the runtime
// counts the rows each one touches), so adding a roll-up over a million children shows up in the
// review as a million-row step instead of running after it.
// Each comparison looks only at what the generated SQL depends on: a relabel re-creates nothing.
import { canonicalJson } from '../evolution/canonical-json.ts';
import type { MigrationAction } from '../migration-actions.ts';
import type { MetadataSnapshot, NormalisedDuplicateRule, NormalisedField, NormalisedObject, NormalisedRollupField } from '../normalised-types.ts';
import { varNames } from '../rules/evaluate-rules.ts';
import { formulaReads } from '../rules/formula-reads.ts';

export function ruleStorageActions(live: MetadataSnapshot, next: MetadataSnapshot): MigrationAction[] {
  return [...rollupTriggerActions(live, next), ...rollupBackfills(live, next), ...duplicateTriggerActions(live, next), ...duplicateKeyBackfills(live, next)];
}

interface ChildRollups {
  /** `parent.field` of each roll-up over the child, sorted. */
  names: string[];
  /** Everything the child's trigger function text is generated from. */
  signature: string;
}

/** What a roll-up's SQL (trigger and backfill) is generated from: not its labels. */
const rollupShape = (field: NormalisedRollupField) => ({
  childObject: field.childObject,
  childField: field.childField,
  function: field.function,
  aggregateField: field.aggregateField,
  filter: field.filter,
  result: field.result,
});

/** A child field as a roll-up's SQL sees it: its filter type, a formula's SQL source, or that it has no column. */
const columnShape = (field: NormalisedField | undefined) =>
  field === undefined
    ? null
    : {
        type: field.type,
        ...(field.type === 'formula' ? { returns: field.returns, scale: field.scale, expression: field.expression } : {}),
        ...(field.type === 'rollup' ? { result: field.result } : {}),
      };

/** The child names a roll-up's SQL reads: lookup, filter, and the summarised field or, for a formula, every formula and column behind it. */
function rollupReads(child: NormalisedObject | undefined, field: NormalisedRollupField, into: Set<string>): Set<string> {
  into.add(field.childField);
  if (field.filter !== undefined) varNames(field.filter, into);
  if (!field.aggregateField) return into;
  into.add(field.aggregateField);
  const summarised = child?.fields.find((candidate) => candidate.apiName === field.aggregateField);
  if (child && summarised?.type === 'formula') {
    const reads = formulaReads(child, summarised);
    for (const formula of reads.formulas) into.add(formula.apiName);
    for (const name of reads.stored) into.add(name);
  }
  return into;
}

/**
 * What a roll-up's stored values depend on beyond its own definition: the child formulas it reads
 * (a new expression gives new values). A stored column changing type keeps its values: no backfill.
 */
const inputShape = (child: NormalisedObject | undefined, field: NormalisedRollupField) => {
  const fields = byName(child?.fields ?? []);
  return [...rollupReads(child, field, new Set())]
    .sort(compare)
    .filter((name) => fields.get(name)?.type === 'formula')
    .map((name) => [name, columnShape(fields.get(name))]);
};

function childRollups(snapshot: MetadataSnapshot): Map<string, ChildRollups> {
  const byChild = new Map<string, { parent: string; field: NormalisedRollupField }[]>();
  for (const parent of snapshot.objects) {
    for (const field of parent.fields) {
      if (field.type === 'rollup') byChild.set(field.childObject, [...(byChild.get(field.childObject) ?? []), { parent: parent.apiName, field }]);
    }
  }
  const objects = byName(snapshot.objects);
  const result = new Map<string, ChildRollups>();
  for (const [child, rollups] of byChild) {
    rollups.sort((a, b) => compare(`${a.parent}.${a.field.apiName}`, `${b.parent}.${b.field.apiName}`));
    const read = new Set<string>();
    for (const { field } of rollups) rollupReads(objects.get(child), field, read);
    const childFields = byName(objects.get(child)?.fields ?? []);
    const signature = canonicalJson({
      rollups: rollups.map(({ parent, field }) => ({ parent, apiName: field.apiName, ...rollupShape(field) })),
      reads: [...read].sort(compare).map((name) => [name, columnShape(childFields.get(name))]),
    });
    result.set(child, { names: rollups.map(({ parent, field }) => `${parent}.${field.apiName}`), signature });
  }
  return result;
}

function rollupTriggerActions(live: MetadataSnapshot, next: MetadataSnapshot): MigrationAction[] {
  const before = childRollups(live);
  const after = childRollups(next);
  const children = [...new Set([...before.keys(), ...after.keys()])].sort(compare);
  return children
    .filter((child) => before.get(child)?.signature !== after.get(child)?.signature)
    .map((child) => ({ kind: 'sync_rollup_triggers', object: child, rollups: after.get(child)?.names ?? [] }));
}

/**
 * A backfill for each new roll-up, each changed one, and each whose child formula changed. Lower
 * levels first (quote.total before opportunity.quoted): a level's backfill reads the one below.
 * Rewriting a level also fires the triggers above it, so each action names the objects its
 * cascade can rewrite (`cascades`), and the plan counts their rows too.
 */
function rollupBackfills(live: MetadataSnapshot, next: MetadataSnapshot): MigrationAction[] {
  const liveObjects = byName(live.objects);
  const nextObjects = byName(next.objects);
  const levels = rollupLevels(next);
  const planned: { level: number; action: MigrationAction }[] = [];
  for (const parent of next.objects) {
    const liveFields = byName(liveObjects.get(parent.apiName)?.fields ?? []);
    for (const field of parent.fields) {
      if (field.type !== 'rollup') continue;
      const before = liveFields.get(field.apiName);
      const shape = (snapshotObjects: Map<string, NormalisedObject>, rollup: NormalisedRollupField) =>
        canonicalJson({ rollup: rollupShape(rollup), inputs: inputShape(snapshotObjects.get(rollup.childObject), rollup) });
      if (before?.type === 'rollup' && shape(liveObjects, before) === shape(nextObjects, field)) continue;
      const cascades = cascadesOf(next, parent.apiName);
      planned.push({
        level: levels.get(`${parent.apiName}.${field.apiName}`) ?? 1,
        action: {
          kind: 'backfill_rollup',
          object: parent.apiName,
          field: field.apiName,
          childObject: field.childObject,
          ...(cascades.length > 0 ? { cascades } : {}),
        },
      });
    }
  }
  // A stable sort: same-level backfills keep the document order they always had.
  return planned.sort((a, b) => a.level - b.level).map(({ action }) => action);
}

/** `object.field` → how many roll-ups stand under it (1: it summarises stored fields only). Metadata refused loops. */
function rollupLevels(snapshot: MetadataSnapshot): Map<string, number> {
  const objects = byName(snapshot.objects);
  const levels = new Map<string, number>();
  const level = (object: NormalisedObject, field: NormalisedRollupField, depth: number): number => {
    const key = `${object.apiName}.${field.apiName}`;
    const known = levels.get(key);
    if (known !== undefined) return known;
    const child = objects.get(field.childObject);
    let below = 0;
    // depth guards a corrupt revision; validation bounds real chains far below it.
    if (child && depth < snapshot.objects.length * 4) {
      for (const name of rollupReads(child, field, new Set())) {
        const inner = child.fields.find((candidate) => candidate.apiName === name);
        if (inner?.type === 'rollup' && inner !== field) below = Math.max(below, level(child, inner, depth + 1));
      }
    }
    levels.set(key, below + 1);
    return below + 1;
  };
  for (const object of snapshot.objects) for (const field of object.fields) if (field.type === 'rollup') level(object, field, 0);
  return levels;
}

/** The objects whose roll-ups read `object`'s fields, transitively (rewriting it can fire their triggers), sorted. */
function cascadesOf(snapshot: MetadataSnapshot, object: string): string[] {
  const found = new Set<string>();
  const visit = (child: string) => {
    for (const parent of snapshot.objects) {
      if (found.has(parent.apiName)) continue;
      if (parent.fields.some((field) => field.type === 'rollup' && field.childObject === child)) {
        found.add(parent.apiName);
        visit(parent.apiName);
      }
    }
  };
  visit(object);
  found.delete(object);
  return [...found].sort(compare);
}

const rulesOf = (object: NormalisedObject | undefined): NormalisedDuplicateRule[] => object?.duplicateRules ?? [];

/** Objects by name on both sides, and every name of either side in order. */
function bothSides(live: MetadataSnapshot, next: MetadataSnapshot) {
  const liveObjects = byName(live.objects);
  const nextObjects = byName(next.objects);
  return { liveObjects, nextObjects, names: [...new Set([...liveObjects.keys(), ...nextObjects.keys()])].sort(compare) };
}

function duplicateTriggerActions(live: MetadataSnapshot, next: MetadataSnapshot): MigrationAction[] {
  const { liveObjects, nextObjects, names } = bothSides(live, next);
  const actions: MigrationAction[] = [];
  for (const name of names) {
    // An object new to the live model (created or restored) had none, so its trigger is (re-)created.
    const had = rulesOf(liveObjects.get(name)).length > 0;
    const has = rulesOf(nextObjects.get(name)).length > 0;
    if (had !== has) actions.push({ kind: 'sync_duplicate_trigger', object: name, enabled: has });
  }
  return actions;
}

/** What a rule's stored keys depend on: not its message. */
const keyShape = (rule: NormalisedDuplicateRule) => canonicalJson({ fields: rule.fields, action: rule.action, active: rule.active });

function duplicateKeyBackfills(live: MetadataSnapshot, next: MetadataSnapshot): MigrationAction[] {
  const { liveObjects, nextObjects, names } = bothSides(live, next);
  const actions: MigrationAction[] = [];
  for (const name of names) {
    const previous = new Map(rulesOf(liveObjects.get(name)).map((rule) => [rule.apiName, rule]));
    const current = rulesOf(nextObjects.get(name));
    const changed = current.filter((rule) => {
      const before = previous.get(rule.apiName);
      return !before || keyShape(before) !== keyShape(rule);
    });
    const rules = changed.filter((rule) => rule.active).map((rule) => rule.apiName);
    const currentNames = new Set(current.map((rule) => rule.apiName));
    // Only active rules have stored keys (the runtime writes none for an inactive one).
    const clearedRules = [
      ...changed.filter((rule) => !rule.active && previous.get(rule.apiName)?.active).map((rule) => rule.apiName),
      ...[...previous.values()].filter((rule) => rule.active && !currentNames.has(rule.apiName)).map((rule) => rule.apiName),
    ];
    if (rules.length > 0 || clearedRules.length > 0) actions.push({ kind: 'backfill_duplicate_keys', object: name, rules, clearedRules });
  }
  return actions;
}

function byName<T extends { apiName: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.apiName, item]));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
