import { describe, expect, it } from 'vitest';
import { createAjv } from '../ajv/create-ajv.ts';
import { normalise } from '../normalise/normalise.ts';
import { opportunityDef } from '../testing/fixtures.ts';
import { buildRecordOutputSchema } from './build-record-output-schema.ts';
import { buildRecordSchema } from './build-record-schema.ts';

const opportunity = normalise(opportunityDef());
type Props = Record<string, Record<string, unknown>>;

describe('buildRecordSchema', () => {
  it('describes every writable field in create mode', () => {
    const schema = buildRecordSchema(opportunity, 'create');
    const properties = schema.properties as Props;
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['name']);
    expect(Object.keys(properties)).not.toContain('code');
    expect(Object.keys(properties)).not.toContain('version');
    expect(properties.owner_id).toEqual({ title: 'Owner', type: ['string', 'null'], format: 'uuid' });
    expect(properties.name).toEqual({ title: 'Name', type: 'string', maxLength: 120, minLength: 1, pattern: '\\S' });
    expect(properties.amount).toMatchObject({ type: ['number', 'null'], minimum: 0, exclusiveMaximum: 1e16, multipleOf: 0.01 });
    expect(properties.stage).toEqual({ title: 'Stage', type: 'string', enum: ['prospecting', 'closed_won'], default: 'prospecting' });
    expect(properties.tags).toMatchObject({ type: ['array', 'null'], maxItems: 2, uniqueItems: true, items: { enum: ['hot', 'cold'] } });
    expect(properties.website).toMatchObject({ format: 'uri', maxLength: 2048 });
    expect(properties.account).toMatchObject({ title: 'Account', format: 'uuid' });
    expect(properties.close_date).toMatchObject({ format: 'date', default: '2025-12-31' });
  });

  it('requires nothing in patch mode but accepts the expected version', () => {
    const schema = buildRecordSchema(opportunity, 'patch');
    expect(schema.required).toBeUndefined();
    expect((schema.properties as Props).version).toEqual({ title: 'Version', type: 'integer', minimum: 1, maximum: 2_147_483_647 });
    expect((schema.properties as Props).stage).not.toHaveProperty('default');
  });

  it('uses the Chinese label as title when there is no English one', () => {
    const object = normalise({ apiName: 'deal', labels: { zh: '商机' }, fields: [{ type: 'currency', apiName: 'amount', labels: { zh: '金额' } }] });
    const schema = buildRecordSchema(object, 'create');
    expect(schema.title).toBe('商机');
    expect((schema.properties as Props).amount?.title).toBe('金额');
  });

  it('compiles in strict ajv', () => {
    expect(() => createAjv().compile(buildRecordSchema(opportunity, 'create'))).not.toThrow();
  });
});

describe('buildRecordOutputSchema', () => {
  const schema = buildRecordOutputSchema(opportunity);
  const validate = createAjv().compile(schema);
  const record = {
    id: '0190f5a2-7c3e-7d4b-9a1c-2b3c4d5e6f70',
    created_at: '2025-01-02T03:04:05.678Z',
    updated_at: '2025-01-02T03:04:05.678Z',
    created_by: null,
    owner_id: null,
    version: 1,
    deleted_at: null,
    ...Object.fromEntries(opportunity.fields.map((field) => [field.apiName, null])),
    code: 'OPP-2025-0100',
    stage: 'legacy',
    last_call_at: '2025-01-02T03:04:05.000Z',
    amount: 12.5,
  };

  it('lists every field and standard column as required', () => {
    expect(schema.required).toEqual([
      'id',
      'created_at',
      'updated_at',
      'created_by',
      'owner_id',
      'version',
      'deleted_at',
      ...opportunity.fields.map((f) => f.apiName),
    ]);
    expect((schema.properties as Props).code).toMatchObject({ type: 'string', readOnly: true });
  });

  it('accepts a record as the API returns it, including inactive values', () => {
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses instants not in the API format and numbers as strings', () => {
    expect(validate({ ...record, last_call_at: '2025-01-02T03:04:05+08:00' })).toBe(false);
    expect(validate({ ...record, amount: '12.50' })).toBe(false);
    const { id: _id, ...withoutId } = record;
    expect(validate(withoutId)).toBe(false);
  });
});
