import { describe, expect, it } from 'vitest';
import { createAjv } from '../ajv/create-ajv.ts';
import { normalise } from '../normalise/normalise.ts';
import { opportunityDef } from '../testing/fixtures.ts';
import { compileRecordValidator } from './compile-record-validator.ts';

const opportunity = normalise(opportunityDef());
const ajv = createAjv();
const create = compileRecordValidator(opportunity, 'create', ajv);
const patch = compileRecordValidator(opportunity, 'patch', ajv);
const UUID = '0190f5a2-7c3e-7d4b-9a1c-2b3c4d5e6f70';
const minimal = { name: '商机一号' };
const codes = (problems: { code: string; path: string }[]) => problems.map((p) => [p.code, p.path]);

describe('compileRecordValidator: success', () => {
  it('accepts a minimal create body (stage has a default) and a full one', () => {
    expect(create(minimal)).toEqual([]);
    expect(
      create({
        name: '商机一号',
        notes: '备注',
        quantity: 10,
        amount: 1234.5,
        probability: 99.99,
        is_private: true,
        close_date: '2025-06-30',
        last_call_at: '2025-06-30T08:00:00+08:00',
        contact_email: 'li@example.cn',
        contact_phone: '+86 10 1234 5678 ext. 9',
        website: 'https://example.cn/a',
        stage: 'closed_won',
        tags: ['hot', 'cold'],
        account: UUID,
        owner_id: UUID,
      }),
    ).toEqual([]);
  });

  it('accepts null for optional fields and nothing in a patch', () => {
    expect(create({ ...minimal, notes: null, amount: null, tags: null, account: null, owner_id: null })).toEqual([]);
    expect(patch({})).toEqual([]);
    expect(patch({ version: 3, amount: 0.07 })).toEqual([]);
  });
});

describe('compileRecordValidator: failures', () => {
  it('TSR401 wrong type and a non-object record', () => {
    expect(create({ ...minimal, amount: '12', is_private: 'yes' })).toEqual([
      { path: '/amount', code: 'TSR401', message: 'opportunity.amount must be a number or null' },
      { path: '/is_private', code: 'TSR401', message: 'opportunity.is_private must be true or false or null' },
    ]);
    expect(codes(create([]))).toEqual([['TSR401', '']]);
    expect(codes(create({ ...minimal, stage: 3 }))).toEqual([['TSR401', '/stage']]);
  });

  it('TSR402 missing required field on create, null required field on patch', () => {
    expect(create({})).toEqual([{ path: '/name', code: 'TSR402', message: 'opportunity.name is required' }]);
    expect(patch({ name: null, stage: null })).toEqual([
      { path: '/name', code: 'TSR402', message: 'opportunity.name is required and cannot be null' },
      { path: '/stage', code: 'TSR402', message: 'opportunity.stage is required and cannot be null' },
    ]);
  });

  it('TSR403 text length', () => {
    expect(create({ name: '' })).toEqual([{ path: '/name', code: 'TSR402', message: 'opportunity.name is required and cannot be blank' }]);
    expect(create({ name: '   ' })).toEqual([{ path: '/name', code: 'TSR402', message: 'opportunity.name is required and cannot be blank' }]);
    expect(codes(create({ name: 'x'.repeat(121) }))).toEqual([['TSR403', '/name']]);
    expect(codes(create({ ...minimal, contact_email: `${'a'.repeat(250)}@x.io` }))).toEqual([['TSR403', '/contact_email']]);
  });

  it('TSR404 min and max', () => {
    expect(create({ ...minimal, probability: 100.5, amount: -1 })).toEqual([
      { path: '/amount', code: 'TSR404', message: 'opportunity.amount must be at least 0' },
      { path: '/probability', code: 'TSR404', message: 'opportunity.probability must be at most 100' },
    ]);
  });

  it('TSR405 not a picklist value, TSR406 inactive value', () => {
    expect(create({ ...minimal, stage: 'lost' })).toEqual([
      {
        path: '/stage',
        code: 'TSR405',
        message: '"lost" is not a value of opportunity.stage; expected one of prospecting, closed_won',
        allowed: ['prospecting', 'closed_won'],
      },
    ]);
    expect(create({ ...minimal, stage: 'legacy', tags: ['hot', 'old'] })).toEqual([
      { path: '/stage', code: 'TSR406', message: "'legacy' is no longer an active value of opportunity.stage", allowed: ['prospecting', 'closed_won'] },
      { path: '/tags/1', code: 'TSR406', message: "'old' is no longer an active value of opportunity.tags", allowed: ['hot', 'cold'] },
    ]);
    expect(codes(create({ ...minimal, tags: ['hot', 'hot'] }))).toEqual([['TSR405', '/tags']]);
    expect(codes(create({ ...minimal, tags: ['hot', 'cold', 'hot'] }))).toEqual([
      ['TSR403', '/tags'],
      ['TSR405', '/tags'],
    ]);
  });

  it.each([
    ['contact_email', 'not-an-email', 'must be an email address'],
    ['website', 'ftp://example.com', 'must be an http or https URL'],
    ['website', 'example.com', 'must be an http or https URL'],
    ['contact_phone', 'call me', 'must be a phone number'],
    ['close_date', '2025-02-30', 'must be a date (YYYY-MM-DD)'],
    ['last_call_at', '2025-01-01T10:00:00', 'must be an ISO 8601 date-time with a time zone'],
    ['account', 'acc-1', 'must be a record id (UUID)'],
    ['owner_id', 'me', 'must be a user id (UUID)'],
  ])('TSR407 %s = %s', (field, value, message) => {
    const problems = create({ ...minimal, [field]: value });
    expect(codes(problems)).toEqual([['TSR407', `/${field}`]]);
    expect(problems[0]?.message).toBe(
      `opportunity.${field} ${message}${field === 'contact_phone' ? ' (digits, spaces, + - ( ) . and an optional extension)' : ''}`,
    );
  });

  it('TSR408 unknown field and TSR409 read-only fields', () => {
    expect(create({ ...minimal, colour: 'red' })).toEqual([{ path: '/colour', code: 'TSR408', message: "opportunity has no field 'colour'" }]);
    expect(codes(create({ ...minimal, id: UUID, created_at: 'x', updated_at: 'x', created_by: UUID, deleted_at: null, code: 'OPP-1', version: 1 }))).toEqual([
      ['TSR409', '/id'],
      ['TSR409', '/created_at'],
      ['TSR409', '/updated_at'],
      ['TSR409', '/created_by'],
      ['TSR409', '/deleted_at'],
      ['TSR409', '/code'],
      ['TSR409', '/version'],
    ]);
    expect(codes(patch({ code: 'OPP-1', id: UUID }))).toEqual([
      ['TSR409', '/code'],
      ['TSR409', '/id'],
    ]);
    expect(codes(patch({ version: 0 }))).toEqual([['TSR404', '/version']]);
  });

  it('TSR413 too many digits', () => {
    expect(create({ ...minimal, amount: 1.005, quantity: 12345678901 })).toEqual([
      { path: '/quantity', code: 'TSR404', message: 'opportunity.quantity must be at most 1000' },
      { path: '/quantity', code: 'TSR413', message: 'opportunity.quantity allows at most 10 digits before the decimal point' },
      { path: '/amount', code: 'TSR413', message: 'opportunity.amount allows at most 2 digits after the decimal point' },
    ]);
    expect(create({ ...minimal, quantity: 1.5 })).toEqual([{ path: '/quantity', code: 'TSR413', message: 'opportunity.quantity must be a whole number' }]);
    expect(create({ ...minimal, amount: 0.1 + 0.2 })).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = create({ name: 'x'.repeat(200), amount: 'lots', stage: 'nope', website: 'nope', colour: 1 });
    expect(codes(problems).sort()).toEqual([
      ['TSR401', '/amount'],
      ['TSR403', '/name'],
      ['TSR405', '/stage'],
      ['TSR407', '/website'],
      ['TSR408', '/colour'],
    ]);
  });
});
