// Random object definitions built from the field-type registry (FIELD_TYPES; FIELD_FIXTURES shows
// each type's options), with random options, and records generated from a definition. Kept to what
// the validator accepts by filtering with @tessera/metadata's validateDocument, so every document
// the properties apply is one a user could save.
import { EMPTY_SNAPSHOT, FIELD_TYPES, type FieldDef, type FieldType, type ObjectDef, validateDocument } from '@tessera/metadata';
import fc from 'fast-check';
import { datetimeValue, scaledNumber, textValue } from './filter-rows.ts';

const labels = fc.record({ en: fc.constantFrom('Name', 'Amount', 'Field'), zh: fc.constantFrom('名称', '金额', '字段 😀', '（备注）') });
const optionalFlags = fc.record({ required: fc.boolean(), unique: fc.boolean() }, { requiredKeys: [] });
const picklistValues = fc
  .uniqueArray(fc.constantFrom('open', 'won', 'lost', 'A-1', 'b_2', 'Z9'), { minLength: 1, maxLength: 4 })
  .chain((names) =>
    fc.tuple(...names.map((apiName) => fc.record({ apiName: fc.constant(apiName), labels, inactive: fc.boolean() }, { requiredKeys: ['apiName', 'labels'] }))),
  );
const numeric = fc
  .record({ precision: fc.integer({ min: 1, max: 18 }), scale: fc.integer({ min: 0, max: 4 }) })
  .filter(({ precision, scale }) => scale <= precision)
  .chain(({ precision, scale }) => {
    const bound = Math.min(10 ** (precision - scale) - 1, 1_000_000);
    return fc.record(
      { precision: fc.constant(precision), scale: fc.constant(scale), min: fc.constant(-bound), max: fc.constant(bound), default: scaledNumber(scale, bound) },
      { requiredKeys: ['precision', 'scale'] },
    );
  });
// Formulas with literals over the object's own stored fields (a, b, c name number/text/date fields when present).
const formula = fc.oneof(
  fc.constant({ returns: 'number', expression: { '+': [1, 2.5] } }),
  fc.constant({ returns: 'text', expression: { cat: ['前缀 ', '😀'] } }),
  fc.constant({ returns: 'boolean', expression: { '==': [1, 1] } }),
  fc.constant({ returns: 'date', expression: { add_days: [{ today: [] }, 30] } }),
  fc.constant({ returns: 'number', expression: { days_between: ['2024-01-01', { today: [] }] } }),
);

/** HH:MM or HH:MM:SS over the whole day, both input forms the API accepts. */
const timeValue = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.option(fc.integer({ min: 0, max: 59 }), { nil: undefined }))
  .map(([h, m, s]) => [h, m, ...(s === undefined ? [] : [s])].map((n) => String(n).padStart(2, '0')).join(':'));

/** Options per field type; a Record over FieldType, so a new type fails type-checking until it is generated. */
const FIELD_OPTIONS: Record<FieldType, fc.Arbitrary<Record<string, unknown>>> = {
  text: fc.record({ maxLength: fc.integer({ min: 5, max: 300 }), default: textValue }, { requiredKeys: [] }),
  textarea: fc.record({ maxLength: fc.integer({ min: 5, max: 5000 }), default: textValue }, { requiredKeys: [] }),
  number: numeric,
  currency: numeric.map((options) => ({ ...options, currencyCode: 'CNY' })),
  percent: numeric,
  boolean: fc.record({ default: fc.boolean() }, { requiredKeys: [] }),
  date: fc.record({ default: fc.constantFrom('2025-12-31', '2024-02-29') }, { requiredKeys: [] }),
  datetime: fc.record({ default: datetimeValue }, { requiredKeys: [] }),
  email: fc.record({ default: fc.constant('sales@example.com') }, { requiredKeys: [] }),
  phone: fc.record({ default: fc.constant('+86 10 1234 5678') }, { requiredKeys: [] }),
  url: fc.record({ default: fc.constant('https://example.com/中文') }, { requiredKeys: [] }),
  picklist: picklistValues.map((values) => ({ values })),
  multipicklist: fc.record({ values: picklistValues, maxSelected: fc.integer({ min: 1, max: 4 }) }, { requiredKeys: ['values'] }),
  lookup: fc.record({ target: fc.constant('anchor'), onDelete: fc.constantFrom('restrict', 'setNull', 'cascade') }, { requiredKeys: ['target'] }),
  autonumber: fc.record(
    { format: fc.constantFrom('P-{0000}', '编号-{YYYY}-{000000}'), startAt: fc.integer({ min: 0, max: 1000 }) },
    { requiredKeys: ['format'] },
  ),
  formula,
  rollup: fc.constant({ childObject: 'anchor', childField: 'parent', function: 'count' }),
  user: fc.record({ defaultExpr: fc.constant({ var: '$user.id' }) }, { requiredKeys: [] }),
  richtext: fc.record({ maxLength: fc.integer({ min: 5, max: 5000 }) }, { requiredKeys: [] }),
  time: fc.record({ default: timeValue }, { requiredKeys: [] }),
  polylookup: fc.constant({ targets: ['anchor'] }),
  manytomany: fc.constant({ target: 'anchor' }),
  geolocation: fc.constant({}),
  file: fc.record(
    { multiple: fc.boolean(), maxSizeMb: fc.integer({ min: 1, max: 1024 }), accept: fc.constantFrom(['application/pdf'], ['image/*', 'text/plain']) },
    { requiredKeys: [] },
  ),
  image: fc.record({ multiple: fc.boolean(), maxSizeMb: fc.integer({ min: 1, max: 50 }) }, { requiredKeys: [] }),
};

/** The user every property tenant creates (api-valid.property.test.ts), named by the user values below. */
export const PROPERTY_USER = { email: 'prop.user@example.com', name: '属性 用户' };

/** The fixed object every generated one may look up (and the roll-up counts over). */
export const anchorObject = (target: string): ObjectDef => ({
  apiName: 'anchor',
  labels: { en: 'Anchor', zh: '锚' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name' } },
    { type: 'lookup', apiName: 'parent', labels: { en: 'Parent' }, target },
  ],
});

const fieldArbitrary = (apiName: string): fc.Arbitrary<FieldDef> =>
  fc
    .constantFrom(...FIELD_TYPES)
    .chain((type) =>
      fc.tuple(
        fc.constant(type),
        labels,
        FIELD_OPTIONS[type],
        type === 'formula' || type === 'rollup' || type === 'autonumber' ? fc.constant({}) : optionalFlags,
      ),
    )
    .map(([type, fieldLabels, options, flags]) => ({ type, apiName, labels: fieldLabels, ...options, ...flags }) as FieldDef);

/** A document { objects: [object, anchor] } the validator accepts. */
export function objectDocumentArbitrary(apiName: string): fc.Arbitrary<{ objects: ObjectDef[] }> {
  return fc
    .integer({ min: 1, max: 6 })
    .chain((count) => fc.tuple(...Array.from({ length: count }, (_, index) => fieldArbitrary(`f${index}`))))
    .map((fields) => ({ objects: [{ apiName, labels: { en: apiName, zh: '对象 中文' }, fields }, anchorObject(apiName)] }))
    .filter((document) => validateDocument(document, EMPTY_SNAPSHOT).ok);
}

const dateOnly = fc
  .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 0, 1) / 86_400_000 })
  .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));

/** A value for a field, mostly valid; the properties only require that no answer is a 5xx. */
function fieldValue(field: FieldDef, anchors: string[]): fc.Arbitrary<unknown> | undefined {
  const maxLength = 'maxLength' in field && typeof field.maxLength === 'number' ? field.maxLength : 40;
  switch (field.type) {
    case 'text':
    case 'textarea':
      return textValue.filter((text) => text.length <= maxLength);
    case 'number':
    case 'currency':
    case 'percent': {
      const scale = field.scale ?? (field.type === 'number' ? 0 : 2);
      const bound = Math.min(10 ** ((field.precision ?? 18) - scale) - 1, 1_000_000);
      return scaledNumber(scale, bound);
    }
    case 'boolean':
      return fc.boolean();
    case 'date':
      return dateOnly;
    case 'datetime':
      return datetimeValue;
    case 'email':
      return fc.constantFrom('a@example.com', 'zhang.san@example.cn', 'x+y@example.org');
    case 'phone':
      return fc.constantFrom('+86 138 0000 0000', '010-12345678');
    case 'url':
      return fc.constantFrom('https://example.com', 'https://例子.中国/路径');
    case 'picklist':
      return fc.constantFrom(...field.values.map((value) => value.apiName));
    case 'multipicklist':
      return fc.uniqueArray(fc.constantFrom(...field.values.map((value) => value.apiName)), { maxLength: field.maxSelected ?? 3 });
    case 'lookup':
      return anchors.length ? fc.constantFrom(...anchors) : undefined;
    case 'user':
      // By email or name (no ids known before the run), and one nobody has: a 422, never a 5xx.
      return fc.constantFrom({ email: PROPERTY_USER.email }, { name: PROPERTY_USER.name }, { email: 'nobody@example.com' });
    case 'richtext':
      // Markup, hostile markup and plain text; the sanitised value may be shorter or (entities) longer.
      return fc
        .tuple(fc.constantFrom('<p>', '<b>', '<script>', '<a href="javascript:x">', '<img src=x onerror=y>', ''), textValue)
        .map(([open, text]) => `${open}${text}`)
        .filter((html) => html.length <= maxLength);
    case 'time':
      return timeValue;
    case 'geolocation':
      // Mostly in range (bounds included), sometimes just outside: a 400 naming the part, never a 5xx.
      return fc.record({
        latitude: fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.constantFrom(-90, 90, 90.5)),
        longitude: fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constantFrom(-180, 180, -180.5)),
      });
    case 'polylookup':
      // Mostly a live anchor; sometimes an id no record has (the answer must be a 4xx, never a 5xx).
      return anchors.length
        ? fc.oneof(
            fc.constantFrom(...anchors).map((id) => ({ object: 'anchor', id })),
            fc.uuid().map((id) => ({ object: 'anchor', id })),
          )
        : undefined;
    case 'manytomany':
      // Live anchors, repeats and sometimes an id no record has (a 4xx TSR411, never a 5xx).
      return anchors.length ? fc.array(fc.oneof(fc.constantFrom(...anchors), fc.uuid()), { maxLength: 3 }) : undefined;
    case 'file':
    case 'image': {
      // Ids no upload made (files are uploaded over their own route): always a 4xx, never a 5xx.
      const id = fc.oneof(
        fc.uuid(),
        fc.uuid().map((uuid) => ({ id: uuid })),
      );
      return field.multiple ? fc.array(id, { minLength: 1, maxLength: 3 }) : id;
    }
    default:
      return undefined; // autonumber, formula, roll-up: read-only
  }
}

/** A record body for a definition: some writable fields, nullable unless required. */
export function recordArbitrary(object: ObjectDef, anchors: string[]): fc.Arbitrary<Record<string, unknown>> {
  const entries: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const field of object.fields) {
    const value = fieldValue(field, anchors);
    if (!value) continue;
    entries[field.apiName] = field.required ? value : fc.option(value, { nil: null, freq: 5 });
    if (field.required) required.push(field.apiName);
  }
  return fc.record(entries, { requiredKeys: required });
}
