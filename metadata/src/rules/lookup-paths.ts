// Lookup paths in rules (`account.region`, `account.parent.name`): which names they are, what a
// path reaches through an object's lookups (each hop a lookup field, at most MAX_LOOKUP_HOPS), and
// how the in-memory evaluator reads one (the value the server's read plan fetched, bound into the
// rule). The runtime compiles the same paths to SQL (runtime/src/records/lookup-path.ts).
import type { NormalisedField, NormalisedObject } from '../normalised-types.ts';
import { STANDARD_FIELDS, type StandardFieldName } from '../types.ts';

/** Lookups a path may follow: `a.b.c.field` at most. Each hop costs a primary-key probe per row. */
export const MAX_LOOKUP_HOPS = 3;

/** Whether a rule variable is a path; `$user.id` and `previous.x` are variables, not paths. */
export function isLookupPath(name: string): boolean {
  return name.includes('.') && !name.startsWith('$') && !name.startsWith('previous.');
}

export interface PathHop {
  /** The lookup field followed, on the object before this hop. */
  lookup: string;
  /** The object it points at. */
  target: NormalisedObject;
}

export type PathEnd = { ok: true; hops: PathHop[]; field: NormalisedField | StandardFieldName } | { ok: false; message: string };

export interface PathOptions {
  /** Whether the last field may be a formula of the parent (list filters: yes; formulas: no, see below). */
  formulas: boolean;
}

/**
 * What `path` reaches from `object`, or why it reaches nothing (the message names the path). A
 * formula may not end at another object's formula: formulas are compiled per object, and a chain
 * of cross-object formulas could loop (a.f reads b.g, b.g reads a.f) — read the parent's inputs.
 */
export function resolveLookupPath(
  objectNamed: (name: string) => NormalisedObject | undefined,
  object: NormalisedObject,
  path: string,
  options: PathOptions,
): PathEnd {
  const refuse = (message: string): PathEnd => ({ ok: false, message: `'${clip(path)}': ${message}` });
  const segments = path.split('.');
  if (segments.some((segment) => segment === '')) return refuse('not a lookup path (write lookup.field, e.g. account.name)');
  if (segments.length - 1 > MAX_LOOKUP_HOPS) return refuse(`follows ${segments.length - 1} lookups; at most ${MAX_LOOKUP_HOPS} are allowed`);
  const hops: PathHop[] = [];
  let current = object;
  for (const segment of segments.slice(0, -1)) {
    const field = current.fields.find((candidate) => candidate.apiName === segment);
    if (!field) return refuse(`${current.apiName} has no field '${clip(segment)}'`);
    if (field.type !== 'lookup') return refuse(`${current.apiName}.${segment} is not a lookup field`);
    const target = objectNamed(field.target);
    if (!target) return refuse(`${current.apiName}.${segment} points at ${field.target}, which does not exist`);
    hops.push({ lookup: segment, target });
    current = target;
  }
  const last = segments[segments.length - 1] as string;
  const standard = STANDARD_FIELDS.find((name) => name === last && (name !== 'record_type' || current.recordTypes));
  if (standard) return { ok: true, hops, field: standard };
  const field = current.fields.find((candidate) => candidate.apiName === last);
  if (!field) return refuse(`${current.apiName} has no field '${clip(last)}'`);
  if (field.type === 'formula' && !options.formulas)
    return refuse(`${current.apiName}.${last} is a formula; a formula may read another object's stored fields only`);
  return { ok: true, hops, field };
}

/**
 * The rule with each path variable replaced by the value `record` holds under that path's name
 * (the API's flat key, `"account.region"`, which the read plan fetched), so json-logic-js reads
 * what SQL reads; an absent key is null (no parent, or one the reader may not see).
 */
export function bindPathValues(rule: unknown, record: Readonly<Record<string, unknown>>): unknown {
  if (Array.isArray(rule)) return rule.map((item) => bindPathValues(item, record));
  if (rule === null || typeof rule !== 'object') return rule;
  const entries = Object.entries(rule);
  if (entries.length === 1 && entries[0]?.[0] === 'var') {
    const args = entries[0][1];
    const name = Array.isArray(args) ? args[0] : args;
    // API values are scalars or lists of texts (a multi-select), which json-logic-js reads as literals.
    if (typeof name === 'string' && isLookupPath(name)) return record[name] ?? null;
    return rule;
  }
  return Object.fromEntries(entries.map(([key, value]) => [key, bindPathValues(value, record)]));
}

/** Whether a rule reads any lookup path. */
export function readsLookupPath(rule: unknown): boolean {
  if (Array.isArray(rule)) return rule.some(readsLookupPath);
  if (rule === null || typeof rule !== 'object') return false;
  return Object.entries(rule).some(([key, value]) => {
    if (key !== 'var') return readsLookupPath(value);
    const name = Array.isArray(value) ? value[0] : value;
    return typeof name === 'string' && isLookupPath(name);
  });
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
