import { describe, expect, it } from 'vitest';
import { normalise } from '../normalise/normalise.ts';
import { buildRecordOutputSchema } from '../records/build-record-output-schema.ts';
import { buildRecordSchema } from '../records/build-record-schema.ts';
import { compileRecordValidator } from '../records/compile-record-validator.ts';
import { accountDef } from '../testing/fixtures.ts';
import { dealDef } from '../testing/layout-fixtures.ts';

const deal = normalise(dealDef());
const create = compileRecordValidator(deal, 'create');
const patch = compileRecordValidator(deal, 'patch');
const codes = (problems: { path: string; code: string }[]) => problems.map(({ path, code }) => `${code} ${path}`);

describe('record types in the record validator', () => {
  it('checks a create without record_type against the default record type', () => {
    expect(create({ name: 'A', stage: 'tender' })).toEqual([]);
    const problems = create({ name: 'A', stage: 'quote' });
    expect(codes(problems)).toEqual(['TSR405 /stage']);
    expect(problems[0]?.message).toBe("'quote' is not offered by record type 'government' of deal; deal.stage allows new, tender, won");
  });

  it('checks against the record type the body names, and refuses unknown ones', () => {
    expect(create({ name: 'A', record_type: 'commercial', stage: 'quote' })).toEqual([]);
    expect(codes(create({ name: 'A', record_type: 'commercial', stage: 'tender' }))).toEqual(['TSR405 /stage']);
    const unknown = create({ name: 'A', record_type: 'retail' });
    expect(codes(unknown)).toEqual(['TSR414 /record_type']);
    expect(unknown[0]?.message).toContain('expected one of commercial, government');
  });

  it('reports a value that is no value of the picklist once, as such', () => {
    const problems = create({ name: 'A', stage: 'nope' });
    expect(codes(problems)).toEqual(['TSR405 /stage']);
    expect(problems[0]?.message).toContain('is not a value of deal.stage');
  });

  it('leaves a patch without record_type to the service (it knows the stored record type)', () => {
    expect(patch({ stage: 'quote' })).toEqual([]);
    expect(codes(patch({ record_type: 'government', stage: 'quote' }))).toEqual(['TSR405 /stage']);
  });

  it('describes record_type in the input and output schemas of objects that have record types only', () => {
    expect((buildRecordSchema(deal, 'create').properties as Record<string, unknown>).record_type).toEqual({
      title: 'Record type',
      type: 'string',
      enum: ['commercial', 'government'],
      default: 'government',
    });
    expect((buildRecordOutputSchema(deal).properties as Record<string, unknown>).record_type).toMatchObject({ enum: ['commercial', 'government', null] });
    const account = normalise(accountDef());
    expect(buildRecordSchema(account, 'create').properties).not.toHaveProperty('record_type');
    expect(codes(compileRecordValidator(account, 'create')({ name: 'A', record_type: 'x' }))).toEqual(['TSR408 /record_type']);
  });
});
