// NormalisedObject → the query parameters of its list route, written from its real fields:
// a filter example, the sortable keys, the projectable fields and the expandable lookups.
import { FILTER_OPERATORS, type NormalisedField, type NormalisedObject } from '@tessera/metadata';
import { COLUMN_KINDS, STANDARD_COLUMN_KINDS } from '../catalog/column-kinds.ts';
import type { ParameterObject, ReferenceObject } from './openapi-types.ts';
import { ref } from './openapi-types.ts';

/** Standard columns in the order a record renders them around its fields. */
const LEADING_STANDARD = ['id'] as const;
const TRAILING_STANDARD = ['owner_id', 'created_by', 'created_at', 'updated_at', 'version', 'deleted_at'] as const;

/** Parameters that read the same for every object. */
export const SHARED_LIST_PARAMETERS: Record<'Limit' | 'Cursor' | 'Deleted', ParameterObject> = {
  Limit: {
    name: 'limit',
    in: 'query',
    description: 'Page size.',
    schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
  Cursor: {
    name: 'cursor',
    in: 'query',
    description: 'Opaque `nextCursor` of the previous page (TSR105 when malformed). Keep the other parameters unchanged.',
    schema: { type: 'string' },
  },
  Deleted: {
    name: 'deleted',
    in: 'query',
    description: 'Records in the recycle bin: `only` lists them alone, `include` adds them. Default: excluded.',
    schema: { type: 'string', enum: ['only', 'include'] },
  },
};

export function listParameters(object: NormalisedObject): (ParameterObject | ReferenceObject)[] {
  const columns = allColumns(object);
  const sortable = columns.filter(isSortable(object));
  // Lookups expand to the target record; user fields, owner_id and created_by to {id, name, email};
  // many-to-many fields to [{id, name}].
  const lookups = [
    ...object.fields.filter((field) => field.type === 'lookup' || field.type === 'user' || field.type === 'manytomany').map((field) => field.apiName),
    'owner_id',
    'created_by',
  ];
  const parameters: (ParameterObject | ReferenceObject)[] = [
    {
      name: 'filter',
      in: 'query',
      description:
        'A JsonLogic rule, as JSON, that records must satisfy. Variables (`{"var": …}`) are field api names: ' +
        `${codeList(columns)}. Operators: ${codeList(FILTER_OPERATORS)}. ` +
        'Malformed rules are refused with TSR103, mistyped operands with TSR115, other operators with TSR116.',
      schema: { type: 'string', contentMediaType: 'application/json' },
      example: JSON.stringify(filterExample(object)),
    },
    {
      name: 'sort',
      in: 'query',
      description:
        'Comma-separated sort keys; a leading `-` sorts descending. Nulls sort last, ties are broken by `id`. ' +
        `Sortable: ${codeList(sortable)} (others are refused with TSR104).`,
      style: 'form',
      explode: false,
      schema: { type: 'array', items: { type: 'string', enum: sortable.flatMap((name) => [name, `-${name}`]) } },
      example: sortExample(object, sortable),
    },
    ref('parameters', 'Limit'),
    ref('parameters', 'Cursor'),
    {
      name: 'view',
      in: 'query',
      description:
        'A saved list view (`GET …/views`): its filter, sort, fields and page size apply, under this request’s own parameters. ' +
        'A view the caller cannot see: 404 TSR121.',
      schema: { type: 'string', format: 'uuid' },
    },
    {
      name: 'fields',
      in: 'query',
      description:
        `Comma-separated fields to return (default: all): ${codeList(columns)}. Only those properties come back, ` +
        'so a projected record omits properties the record schema otherwise lists as required. Unknown names: TSR106.',
      style: 'form',
      explode: false,
      schema: { type: 'array', items: { type: 'string', enum: columns } },
    },
  ];
  if (lookups.length > 0) {
    parameters.push({
      name: 'expand',
      in: 'query',
      description: `Comma-separated lookup fields to return as the target record instead of its id, user fields as \`{id, name, email}\`, many-to-many fields as \`[{id, name}]\`: ${codeList(lookups)}.`,
      style: 'form',
      explode: false,
      schema: { type: 'array', items: { type: 'string', enum: lookups } },
      example: lookups,
    });
  }
  parameters.push(ref('parameters', 'Deleted'));
  return parameters;
}

const allColumns = (object: NormalisedObject): string[] => [
  ...LEADING_STANDARD,
  ...object.fields.map((field) => field.apiName),
  ...(object.recordTypes ? ['record_type'] : []),
  ...TRAILING_STANDARD,
];

/** The runtime's column kinds decide what sorts, so the documentation cannot promise more. */
const isSortable =
  (object: NormalisedObject) =>
  (column: string): boolean => {
    const field = object.fields.find((candidate) => candidate.apiName === column);
    return field ? COLUMN_KINDS[field.type].sortable : (STANDARD_COLUMN_KINDS[column]?.sortable ?? false);
  };

const codeList = (names: readonly string[]): string => names.map((name) => `\`${name}\``).join(', ');

/** `{"==":[{"var":"stage"},"won"]}` over the object's own fields: a picklist if it has one. */
export function filterExample(object: NormalisedObject): unknown {
  const comparisons = [firstOfType(object, 'picklist'), firstNumeric(object)].filter((field): field is NormalisedField => field !== undefined).map(comparison);
  if (comparisons.length === 0) {
    const text = object.fields.find((field) => COLUMN_KINDS[field.type].filterType === 'text');
    return text ? comparison(text) : { '>=': [{ var: 'created_at' }, '2026-01-01T00:00:00.000Z'] };
  }
  return comparisons.length === 1 ? comparisons[0] : { and: comparisons };
}

function comparison(field: NormalisedField): unknown {
  switch (field.type) {
    case 'picklist': {
      const value = field.values.find((candidate) => !candidate.inactive) ?? field.values[0];
      return { '==': [{ var: field.apiName }, value?.apiName ?? ''] };
    }
    case 'number':
    case 'currency':
    case 'percent':
      return { '>=': [{ var: field.apiName }, field.min ?? 0] };
    default:
      return { '!=': [{ var: field.apiName }, null] };
  }
}

const firstOfType = (object: NormalisedObject, type: NormalisedField['type']): NormalisedField | undefined =>
  object.fields.find((field) => field.type === type);
/** A currency reads best in an example (`amount >= 0`), then any number. */
const firstNumeric = (object: NormalisedObject): NormalisedField | undefined =>
  firstOfType(object, 'currency') ?? firstOfType(object, 'number') ?? firstOfType(object, 'percent');

function sortExample(object: NormalisedObject, sortable: readonly string[]): string[] {
  const numeric = firstNumeric(object);
  const name = object.nameField && sortable.includes(object.nameField) ? object.nameField : undefined;
  return [numeric ? `-${numeric.apiName}` : '-created_at', name].filter((key): key is string => key !== undefined);
}
