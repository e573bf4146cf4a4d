// A definition (object, pipeline, approval flow, history detail) and the names of the fields the
// reader may not see → the definition without anything that names or reads them. A JsonLogic rule
// over a hidden field would tell its name and threshold (`margin >= 17.25`), so the rule goes
// whole; a node keyed to a hidden field (`{"type":"setField","field":"margin"}`, a layout entry,
// a validation rule attached to it) goes whole; a list of field names loses the hidden ones.
// Generic on purpose: a new kind of metadata with rules or field references is covered unchanged.
import type { CompiledObject } from '../catalog/catalog-types.ts';
import type { Catalog } from '../catalog/catalog-types.ts';

const DROP = Symbol('drop');
// Keys whose value names one field; a hidden one removes the key (or, for these, the whole node).
const NODE_FIELD_KEYS = new Set(['field', 'stageField']);
const FIELD_KEYS = new Set(['reasonField', 'amountField', 'closeDateField', 'probabilityField', 'nameField', 'childField', 'aggregateField']);
// Keys whose whole node is the rule: a validation rule without its condition means nothing.
const NODE_RULE_KEYS = new Set(['condition']);

/** The fields of `object` hidden from the reader, or undefined when they see everything. */
export function hiddenFields(catalog: Catalog, objectName: string): ReadonlySet<string> | undefined {
  const full = catalog.unrestricted?.objects.get(objectName);
  if (!full) return undefined; // an administrator's catalog: nothing is hidden
  const view: CompiledObject | undefined = catalog.objects.get(objectName);
  const visible = new Set(view?.definition.fields.map((field) => field.apiName) ?? []);
  return new Set(full.definition.fields.map((field) => field.apiName).filter((name) => !visible.has(name)));
}

export function redactDefinition<T>(value: T, hidden: ReadonlySet<string> | undefined): T {
  if (!hidden || hidden.size === 0) return value;
  const result = redact(value, hidden);
  return (result === DROP ? null : result) as T;
}

/** Field values keyed by field name (an approver's edits) without the hidden ones. */
export function visibleValues(values: Readonly<Record<string, unknown>>, hidden: ReadonlySet<string> | undefined): Record<string, unknown> {
  if (!hidden) return { ...values };
  return Object.fromEntries(Object.entries(values).filter(([name]) => !hidden.has(name)));
}

function redact(node: unknown, hidden: ReadonlySet<string>): unknown {
  if (Array.isArray(node)) {
    const kept = [];
    for (const item of node) {
      if (typeof item === 'string' && hidden.has(item)) continue;
      const redacted = redact(item, hidden);
      if (redacted !== DROP) kept.push(redacted);
    }
    return kept;
  }
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && hidden.has(value)) {
      if (NODE_FIELD_KEYS.has(key)) return DROP;
      if (FIELD_KEYS.has(key)) continue;
    }
    if (isRule(value) && readsHidden(value, hidden)) {
      if (NODE_RULE_KEYS.has(key)) return DROP;
      continue;
    }
    const redacted = redact(value, hidden);
    if (redacted !== DROP) out[key] = redacted;
  }
  return out;
}

/** A JsonLogic rule is an object with one operator key; metadata nodes have several keys or none. */
function isRule(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1;
}

function readsHidden(rule: unknown, hidden: ReadonlySet<string>): boolean {
  return ruleFieldNames(rule).some((name) => hidden.has(name));
}

/** The record fields a JsonLogic rule reads: `previous.margin` reads margin as stored; `account.name` reads the lookup `account`. */
export function ruleFieldNames(rule: unknown): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      for (const [operator, args] of Object.entries(node)) {
        const name = Array.isArray(args) ? args[0] : args;
        if (operator !== 'var' || typeof name !== 'string') {
          visit(args);
          continue;
        }
        const path = name.startsWith('previous.') ? name.slice('previous.'.length) : name;
        names.push(path.split('.')[0] as string);
      }
    }
  };
  visit(rule);
  return names;
}
