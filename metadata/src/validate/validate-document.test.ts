import { describe, expect, it } from 'vitest';
import { EMPTY_SNAPSHOT, type MetadataSnapshot } from '../normalised-types.ts';
import { normalise } from '../normalise/normalise.ts';
import { FIELD_FIXTURES, accountDef, opportunityDef } from '../testing/fixtures.ts';
import { FIELD_TYPES, type FieldDef, type ObjectDef } from '../types.ts';
import { validateDocument } from './validate-document.ts';

const liveWithAccount: MetadataSnapshot = { objects: [normalise(accountDef())] };
// biome-ignore lint/suspicious/noExplicitAny: tests build deliberately wrong metadata
type Loose = any;

function errorsOf(input: unknown, live: MetadataSnapshot = liveWithAccount) {
  const result = validateDocument(input, live);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}
const codesAndPaths = (input: unknown, live?: MetadataSnapshot) => errorsOf(input, live).map((error) => [error.code, error.path]);
const withField = (field: Loose, extra: Partial<ObjectDef> = {}): ObjectDef => ({
  apiName: 'deal',
  labels: { en: 'Deal' },
  fields: [{ type: 'text', apiName: 'name', labels: { en: 'Name' } }, field],
  ...extra,
});

describe('validateDocument: valid input', () => {
  it('accepts one object and returns it normalised, Chinese labels intact', () => {
    const result = validateDocument(opportunityDef(), liveWithAccount);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toHaveLength(1);
    expect(result.value[0]?.labels).toEqual({ en: 'Opportunity', zh: '商机' });
    expect(result.value[0]?.fields.find((f) => f.apiName === 'amount')?.labels).toEqual({ en: 'Amount', zh: '金额' });
  });

  it('accepts a bundle whose objects reference each other and themselves in any order', () => {
    const result = validateDocument({ objects: [opportunityDef(), accountDef()] }, EMPTY_SNAPSHOT);
    expect(result.ok && result.value.map((o) => o.apiName)).toEqual(['opportunity', 'account']);
  });

  // A roll-up needs a child object that looks its object up; tests/rules covers it.
  it.each(FIELD_TYPES.filter((type) => type !== 'rollup'))('accepts a %s field', (type) => {
    const field = structuredClone(FIELD_FIXTURES[type]);
    const object: ObjectDef = { apiName: 'x', labels: { zh: '东西' }, fields: [field] };
    expect(validateDocument(object, liveWithAccount)).toMatchObject({ ok: true });
  });
});

describe('validateDocument: schema errors (TSR201)', () => {
  it('reports one clear error for an unknown field type', () => {
    const errors = errorsOf(withField({ type: 'foo', apiName: 'x', labels: { en: 'X' }, precision: 2 }));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toEqual({
      path: '/fields/1/type',
      code: 'TSR201',
      message: expect.stringMatching(/^deal\.x: unknown field type 'foo'; expected one of text, textarea, .*autonumber, formula, rollup(, \w+)*$/),
    });
  });

  it('points into bundles and names the metadata', () => {
    const object = withField({ type: 'number', apiName: 'amount', labels: { en: 'Amount' }, precision: 'wide' });
    expect(errorsOf({ objects: [accountDef(), object] })).toEqual([
      { path: '/objects/1/fields/1/precision', code: 'TSR201', message: 'deal.amount: precision must be an integer' },
    ]);
    expect(codesAndPaths(object)).toEqual([['TSR201', '/fields/1/precision']]);
  });

  it('reports properties that belong to another field type', () => {
    expect(errorsOf(withField({ type: 'boolean', apiName: 'flag', labels: { en: 'F' }, maxLength: 3 }))).toEqual([
      { path: '/fields/1/maxLength', code: 'TSR201', message: "deal.flag: unknown property 'maxLength' for a boolean field" },
    ]);
  });

  it('reports missing properties, empty labels and bad names together', () => {
    const object: Loose = withField({ type: 'lookup', apiName: 'Account', labels: {} });
    object.indexes = [{ fields: ['Name'] }];
    expect(codesAndPaths(object)).toEqual([
      ['TSR201', '/fields/1/target'],
      ['TSR201', '/fields/1/apiName'],
      ['TSR201', '/fields/1/labels'],
      ['TSR201', '/indexes/0/fields/0'],
    ]);
  });

  it('refuses bad picklist value api names and non-objects', () => {
    const field = { ...FIELD_FIXTURES.picklist, values: [{ apiName: 'has space', labels: { en: 'X' } }] };
    expect(codesAndPaths(withField(field))).toEqual([['TSR201', '/fields/1/values/0/apiName']]);
    expect(errorsOf(42)).toEqual([{ path: '', code: 'TSR201', message: 'document: the document must be an object' }]);
    expect(codesAndPaths({ objects: 'none' })).toEqual([['TSR201', '/objects']]);
  });

  it('reports a default of the wrong type as TSR206', () => {
    expect(errorsOf(withField({ type: 'number', apiName: 'n', labels: { en: 'N' }, default: '12' }))).toEqual([
      { path: '/fields/1/default', code: 'TSR206', message: 'deal.n: default must be a number' },
    ]);
  });
});

describe('validateDocument: semantic errors', () => {
  it('TSR202 duplicate object and field api names', () => {
    expect(codesAndPaths({ objects: [accountDef(), accountDef()] })).toEqual([['TSR202', '/objects/1/apiName']]);
    expect(codesAndPaths(withField({ type: 'text', apiName: 'name', labels: { en: 'Again' } }))).toEqual([['TSR202', '/fields/1/apiName']]);
  });

  it('TSR203 standard column names and pg_ objects', () => {
    const errors = errorsOf({ ...withField({ type: 'text', apiName: 'owner_id', labels: { en: 'Owner' } }), apiName: 'pg_deal' });
    expect(errors.map((e) => [e.code, e.path])).toEqual([
      ['TSR203', '/apiName'],
      ['TSR203', '/fields/1/apiName'],
    ]);
    expect(errors[1]?.message).toMatch(/^field api name 'pg_deal.owner_id' is reserved for a standard field/);
  });

  it('TSR204 unknown lookup target, known from the document or the live snapshot', () => {
    const lookup = { type: 'lookup', apiName: 'partner', labels: { en: 'Partner' }, target: 'partner' };
    expect(errorsOf(withField(lookup))).toEqual([
      { path: '/fields/1/target', code: 'TSR204', message: "lookup deal.partner targets unknown object 'partner'" },
    ]);
    const partner: ObjectDef = { apiName: 'partner', labels: { en: 'Partner' }, fields: [] };
    expect(validateDocument({ objects: [withField(lookup), partner] }, EMPTY_SNAPSHOT).ok).toBe(true);
    expect(validateDocument(withField({ ...lookup, target: 'account' }), liveWithAccount).ok).toBe(true);
    expect(codesAndPaths(withField({ ...lookup, target: 'account' }), EMPTY_SNAPSHOT)).toEqual([['TSR204', '/fields/1/target']]);
  });

  it('TSR205 picklist defaults', () => {
    const values = [
      { apiName: 'a', labels: { en: 'A' }, default: true },
      { apiName: 'b', labels: { en: 'B' }, default: true, inactive: true },
    ];
    expect(codesAndPaths(withField({ type: 'picklist', apiName: 'p', labels: { en: 'P' }, values }))).toEqual([
      ['TSR205', '/fields/1/values/1/default'],
      ['TSR205', '/fields/1/values/1/default'],
    ]);
    const multi = { type: 'multipicklist', apiName: 'm', labels: { en: 'M' }, values: values.slice(0, 1) };
    const three = [0, 1, 2].map((i) => ({ apiName: `v${i}`, labels: { en: `V${i}` }, default: true }));
    expect(validateDocument(withField({ ...multi, values: three }), EMPTY_SNAPSHOT).ok).toBe(true);
    expect(codesAndPaths(withField({ ...multi, values: three, maxSelected: 2 }))).toEqual([['TSR205', '/fields/1/values/2/default']]);
  });

  it('TSR214 duplicate picklist values', () => {
    const values = [
      { apiName: 'a', labels: { en: 'A' } },
      { apiName: 'a', labels: { en: 'A again' } },
    ];
    expect(codesAndPaths(withField({ type: 'picklist', apiName: 'p', labels: { en: 'P' }, values }))).toEqual([['TSR214', '/fields/1/values/1/apiName']]);
  });

  it.each<[string, FieldDef, string]>([
    ['too long text', { type: 'text', apiName: 'f', labels: { en: 'F' }, maxLength: 3, default: 'abcd' }, 'is 4 characters long; maxLength is 3'],
    ['too short text', { type: 'text', apiName: 'f', labels: { en: 'F' }, minLength: 2, default: 'a' }, 'minLength is 2'],
    ['number below min', { type: 'number', apiName: 'f', labels: { en: 'F' }, min: 0, default: -1 }, '-1 is less than min 0'],
    ['number above max', { type: 'percent', apiName: 'f', labels: { en: 'F' }, max: 100, default: 101 }, 'greater than max 100'],
    ['too many decimals', { type: 'currency', apiName: 'f', labels: { en: 'F' }, default: 1.005 }, 'more than 2 digits after'],
    ['too many digits', { type: 'number', apiName: 'f', labels: { en: 'F' }, precision: 3, default: 1000 }, 'more than 3 digits before'],
    ['invalid date', { type: 'date', apiName: 'f', labels: { en: 'F' }, default: '2025-02-30' }, 'is not a date (YYYY-MM-DD)'],
    ['invalid datetime', { type: 'datetime', apiName: 'f', labels: { en: 'F' }, default: '2025-01-01 10:00' }, 'date-time'],
    ['invalid email', { type: 'email', apiName: 'f', labels: { en: 'F' }, default: 'nobody' }, 'is not an email address'],
    ['invalid phone', { type: 'phone', apiName: 'f', labels: { en: 'F' }, default: 'call' }, 'is not a phone number'],
    ['invalid url', { type: 'url', apiName: 'f', labels: { en: 'F' }, default: 'ftp://x.org' }, 'is not an http or https URL'],
  ])('TSR206 %s', (_, field, message) => {
    const errors = errorsOf(withField(field));
    expect(errors.map((e) => [e.code, e.path])).toEqual([['TSR206', '/fields/1/default']]);
    expect(errors[0]?.message).toContain('default of deal.f ');
    expect(errors[0]?.message).toContain(message);
  });

  it('TSR207 autonumber format', () => {
    const field = { type: 'autonumber', apiName: 'code', labels: { en: 'Code' }, format: 'OPP-{00}-{00}' };
    expect(errorsOf(withField(field))).toEqual([
      {
        path: '/fields/1/format',
        code: 'TSR207',
        message: 'deal.code: format needs exactly one counter token such as {0000}; found 2',
      },
    ]);
    expect(validateDocument(withField({ ...field, format: 'OPP-{00}' }), EMPTY_SNAPSHOT).ok).toBe(true);
  });

  it('TSR208 index on an unknown field or a multipicklist; standard columns are indexable', () => {
    const object = withField(FIELD_FIXTURES.multipicklist, {
      indexes: [{ fields: ['name', '-missing'] }, { fields: ['tags'] }, { fields: ['owner_id', '-created_at'] }],
    });
    expect(codesAndPaths(object)).toEqual([
      ['TSR208', '/indexes/0/fields/1'],
      ['TSR208', '/indexes/1/fields/0'],
    ]);
  });

  it('TSR215 duplicate index and duplicate column', () => {
    const object = withField(FIELD_FIXTURES.number, {
      indexes: [{ fields: ['name', 'quantity'] }, { fields: ['name', '-quantity'], unique: true }, { fields: ['name', 'name'] }],
    });
    expect(codesAndPaths(object)).toEqual([
      ['TSR215', '/indexes/1'],
      ['TSR215', '/indexes/2/fields/1'],
    ]);
  });

  it.each<[string, FieldDef, string]>([
    ['min > max', { type: 'number', apiName: 'f', labels: { en: 'F' }, min: 5, max: 1 }, 'min'],
    ['scale > precision', { type: 'number', apiName: 'f', labels: { en: 'F' }, precision: 4, scale: 5 }, 'scale'],
    ['precision > 38', { type: 'currency', apiName: 'f', labels: { en: 'F' }, precision: 39 }, 'precision'],
    ['minLength > maxLength', { type: 'text', apiName: 'f', labels: { en: 'F' }, minLength: 300 }, 'minLength'],
  ])('TSR210 %s', (_, field, property) => {
    expect(codesAndPaths(withField(field))).toEqual([['TSR210', `/fields/1/${property}`]]);
  });

  it('TSR211 unknown name field', () => {
    expect(errorsOf({ ...accountDef(), nameField: 'title' })).toEqual([
      { path: '/nameField', code: 'TSR211', message: "name field 'title' is not a field of 'account'" },
    ]);
  });

  it('TSR212 required lookup with onDelete setNull', () => {
    const lookup = { type: 'lookup', apiName: 'acct', labels: { en: 'A' }, target: 'account', required: true };
    expect(codesAndPaths(withField({ ...lookup, onDelete: 'setNull' }))).toEqual([['TSR212', '/fields/1/onDelete']]);
    expect(validateDocument(withField({ ...lookup, onDelete: 'cascade' }), liveWithAccount).ok).toBe(true);
  });

  it('reports every mistake at once', () => {
    const object: Loose = withField({ type: 'lookup', apiName: 'partner', labels: { zh: '伙伴' }, target: 'nowhere' });
    object.fields.push(
      { type: 'text', apiName: 'version', labels: { en: 'V' } },
      { type: 'number', apiName: 'score', labels: { en: 'S' }, min: 10, max: 1 },
      { type: 'autonumber', apiName: 'code', labels: { en: 'C' }, format: 'X' },
    );
    object.nameField = 'nope';
    expect(codesAndPaths({ objects: [object] }).sort()).toEqual([
      ['TSR203', '/objects/0/fields/2/apiName'],
      ['TSR204', '/objects/0/fields/1/target'],
      ['TSR207', '/objects/0/fields/4/format'],
      ['TSR210', '/objects/0/fields/3/min'],
      ['TSR211', '/objects/0/nameField'],
    ]);
  });
});
