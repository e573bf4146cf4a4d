// What the condition builder offers for each field: the field's value kind (from its metadata
// type; a formula by what it returns), and the operators that kind supports. Every operator is
// one Tessera filter operator (metadata's FILTER_OPERATORS), so whatever the builder writes, the
// SQL compiler, the server's evaluator and the browser's all accept.
import type { FieldType, FormulaReturnType } from '@tessera/metadata';
import type { FieldDefinition } from '../api/index.ts';
import { type Language, pickLabel } from '../i18n/language.ts';

export type ValueKind = 'text' | 'number' | 'boolean' | 'date' | 'datetime' | 'picklist' | 'multipicklist' | 'lookup' | 'links' | 'geo';

export const VALUE_KIND_OF_TYPE: Readonly<Record<Exclude<FieldType, 'formula'>, ValueKind>> = {
  text: 'text',
  textarea: 'text',
  email: 'text',
  phone: 'text',
  url: 'text',
  autonumber: 'text',
  number: 'number',
  currency: 'number',
  percent: 'number',
  rollup: 'number',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  picklist: 'picklist',
  multipicklist: 'multipicklist',
  lookup: 'lookup',
  // A user id compares like a lookup's record id (=, !=, in, empty); "me" is {"var": "$user.id"}.
  user: 'lookup',
  richtext: 'text',
  time: 'text',
  // Never offered as one field: conditionFieldsOf lists its parts (`.object`, `.id`) instead.
  polylookup: 'text',
  // Linked records: "has any of" / "has all of" (records picked by name, has_any / has_all over their ids), emptiness.
  manytomany: 'links',
  // A point: "within N km of" a point (distance <= km), emptiness.
  geolocation: 'geo',
  // Never offered: records are not filtered by their files (conditionFieldsOf skips them).
  file: 'text',
  image: 'text',
};

const VALUE_KIND_OF_FORMULA: Readonly<Record<FormulaReturnType, ValueKind>> = {
  number: 'number',
  currency: 'number',
  percent: 'number',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

export function valueKindOf(field: Pick<FieldDefinition, 'type'> & { returns?: FormulaReturnType }): ValueKind {
  if (field.type === 'formula') return VALUE_KIND_OF_FORMULA[field.returns ?? 'text'];
  return VALUE_KIND_OF_TYPE[field.type];
}

/**
 * The builder's operators. `arity` 'unary' takes no value; `list` takes a comma-separated list.
 * The JsonLogic each one writes is in json-logic-query.ts.
 */
export const CONDITION_OPERATORS = [
  '=',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'contains',
  'beginsWith',
  'endsWith',
  'in',
  'notIn',
  'has',
  'hasAny',
  'hasAll',
  'within',
  'beforeToday',
  'isToday',
  'afterToday',
  'null',
  'notNull',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export const UNARY_OPERATORS: ReadonlySet<ConditionOperator> = new Set(['beforeToday', 'isToday', 'afterToday', 'null', 'notNull']);
export const LIST_OPERATORS: ReadonlySet<ConditionOperator> = new Set(['in', 'notIn']);

const ORDERED: ConditionOperator[] = ['=', '!=', '<', '<=', '>', '>='];
const EMPTY: ConditionOperator[] = ['null', 'notNull'];

export const OPERATORS_OF_KIND: Readonly<Record<ValueKind, readonly ConditionOperator[]>> = {
  text: ['=', '!=', 'contains', 'beginsWith', 'endsWith', 'in', 'notIn', ...EMPTY],
  number: [...ORDERED, 'in', 'notIn', ...EMPTY],
  boolean: ['=', '!=', ...EMPTY],
  date: [...ORDERED, 'beforeToday', 'isToday', 'afterToday', ...EMPTY],
  datetime: [...ORDERED, ...EMPTY],
  picklist: ['=', '!=', 'in', 'notIn', ...EMPTY],
  multipicklist: ['has', ...EMPTY],
  lookup: ['=', '!=', ...EMPTY],
  links: ['hasAny', 'hasAll', ...EMPTY],
  geo: ['within', ...EMPTY],
};

/** The fields a condition may name: every field of the object (system fields are not in `fields`). */
export interface ConditionField {
  apiName: string;
  label: string;
  kind: ValueKind;
  /** Picklist values (api name → label in the UI language). */
  values?: { name: string; label: string }[];
  /** A many-to-many field's target object: "has any of" picks its records. */
  target?: string;
}

/** The object's fields as the builder lists them, labelled in the UI language. */
export function conditionFieldsOf(fields: readonly FieldDefinition[], language: Language): ConditionField[] {
  return fields.flatMap((field): ConditionField[] => {
    if (field.type === 'file' || field.type === 'image') return [];
    if (field.type === 'polylookup') {
      const label = pickLabel(field.labels, language, field.apiName);
      const targets = Array.isArray(field.targets) ? (field.targets as string[]) : [];
      return [
        { apiName: `${field.apiName}.object`, label: `${label} · object`, kind: 'picklist', values: targets.map((name) => ({ name, label: name })) },
        { apiName: `${field.apiName}.id`, label: `${label} · id`, kind: 'lookup' },
      ];
    }
    const values = 'values' in field && Array.isArray(field.values) ? field.values : undefined;
    return [
      {
        apiName: field.apiName,
        label: pickLabel(field.labels, language, field.apiName),
        kind: valueKindOf(field as Pick<FieldDefinition, 'type'> & { returns?: FormulaReturnType }),
        ...(values ? { values: values.map((value) => ({ name: value.apiName, label: pickLabel(value.labels, language, value.apiName) })) } : {}),
        ...(field.type === 'manytomany' && typeof field.target === 'string' ? { target: field.target } : {}),
      },
    ];
  });
}
