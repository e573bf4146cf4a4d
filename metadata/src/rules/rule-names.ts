// What a rule on an object may read, by name: its fields and standard columns, `previous.<name>`
// (validation rules), and the context variables `$today`, `$now`, `$user.id`.
import type { NormalisedField, NormalisedObject } from '../normalised-types.ts';
import { RULE_CONTEXT_VARS, STANDARD_FIELDS } from '../types.ts';
import type { RuleNames, RuleValueType } from './analyse-rule.ts';
import { isLookupPath, resolveLookupPath } from './lookup-paths.ts';

const STANDARD_TYPES: Record<(typeof STANDARD_FIELDS)[number], RuleValueType> = {
  id: 'uuid',
  created_at: 'datetime',
  updated_at: 'datetime',
  created_by: 'uuid',
  owner_id: 'uuid',
  version: 'number',
  deleted_at: 'datetime',
  record_type: 'text',
};

const CONTEXT_TYPES: Record<(typeof RULE_CONTEXT_VARS)[number], RuleValueType> = {
  $today: 'date',
  $now: 'datetime',
  '$user.id': 'uuid',
};

/** The value type a rule sees for a field (as the API renders it). */
export function fieldRuleType(field: NormalisedField): RuleValueType {
  switch (field.type) {
    case 'number':
    case 'currency':
    case 'percent':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'lookup':
    case 'user':
      return 'uuid';
    case 'multipicklist':
      return 'list';
    case 'formula':
      return field.returns === 'text' || field.returns === 'boolean' || field.returns === 'date' || field.returns === 'datetime' ? field.returns : 'number';
    case 'rollup':
      return field.result.type === 'date' || field.result.type === 'datetime' ? field.result.type : 'number';
    default:
      return 'text';
  }
}

export interface RuleNameOptions {
  /** `$today`, `$now`, `$user.id`. */
  context: boolean;
  /** `previous` and `previous.<field>`: the stored record (validation rules). */
  previous: boolean;
  /** Whether formula fields may be read (not in roll-up filters, which run in stored-column triggers). */
  formulas?: boolean;
  /** Lookup paths (`account.region`): the objects a path may reach. Formulas only; other rules run on the record alone. */
  lookups?: (name: string) => NormalisedObject | undefined;
}

export function ruleNamesOf(object: NormalisedObject, options: RuleNameOptions): RuleNames {
  const own = new Map<string, RuleValueType>();
  // record_type is a column of every table, but a name only on objects with record types.
  for (const name of STANDARD_FIELDS) if (name !== 'record_type' || object.recordTypes) own.set(name, STANDARD_TYPES[name]);
  for (const field of object.fields) {
    if (field.type === 'formula' && options.formulas === false) continue;
    // A polylookup is read through its parts, as json-logic-js reads `related_to.object` on {object, id}.
    if (field.type === 'polylookup') {
      own.set(`${field.apiName}.object`, 'text');
      own.set(`${field.apiName}.id`, 'uuid');
      continue;
    }
    own.set(field.apiName, fieldRuleType(field));
  }
  const parts = [`the fields of ${object.apiName}`];
  if (options.previous) parts.push('previous.<field>');
  if (options.context) parts.push(...RULE_CONTEXT_VARS);
  const lookups = options.lookups;
  if (lookups) parts.push('lookup paths such as lookup.field');
  return {
    describe: parts.join(', '),
    resolve(name) {
      const field = own.get(name);
      if (field) return field;
      if (options.context && name in CONTEXT_TYPES) return CONTEXT_TYPES[name as keyof typeof CONTEXT_TYPES];
      if (options.previous && name === 'previous') return 'unknown';
      if (options.previous && name.startsWith('previous.')) return own.get(name.slice('previous.'.length));
      if (lookups && isLookupPath(name)) {
        const end = resolveLookupPath(lookups, object, name, { formulas: false });
        return end.ok ? (typeof end.field === 'string' ? STANDARD_TYPES[end.field] : fieldRuleType(end.field)) : undefined;
      }
      return undefined;
    },
    ...(lookups ? { explain: (name: string) => (isLookupPath(name) ? pathProblem(lookups, object, name) : undefined) } : {}),
  };
}

function pathProblem(lookups: (name: string) => NormalisedObject | undefined, object: NormalisedObject, name: string): string | undefined {
  const end = resolveLookupPath(lookups, object, name, { formulas: false });
  return end.ok ? undefined : end.message;
}
