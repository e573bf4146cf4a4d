import { describe, expect, it } from 'vitest';
import type { NormalisedObject } from '../normalised-types.ts';
import { validateDocument } from '../validate/validate-document.ts';
import { evaluateFormula } from './evaluate-rules.ts';
import { bindPathValues, resolveLookupPath } from './lookup-paths.ts';
import { TESSERA_OPERATOR_IMPLEMENTATIONS } from './operators.ts';
import { ruleContextAt } from './evaluate-rules.ts';

const labels = { en: 'X', zh: '某' };
const account = {
  apiName: 'account',
  labels,
  fields: [
    { apiName: 'name', type: 'text', labels },
    { apiName: 'region', type: 'text', labels },
    { apiName: 'parent', type: 'lookup', labels, target: 'account', onDelete: 'setNull' },
  ],
};
const deal = {
  apiName: 'deal',
  labels,
  fields: [
    { apiName: 'account', type: 'lookup', labels, target: 'account', onDelete: 'setNull' },
    { apiName: 'region', type: 'formula', labels, returns: 'text', expression: { var: 'account.parent.region' } },
  ],
};
const empty = { objects: [] };

function normalised(): Map<string, NormalisedObject> {
  const result = validateDocument({ objects: [account, deal] }, empty);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return new Map(result.value.map((object) => [object.apiName, object]));
}

describe('lookup paths in metadata', () => {
  it('resolves through lookups and refuses non-lookups, depth past 3, unknown fields', () => {
    const objects = normalised();
    const at = (path: string) => resolveLookupPath((name) => objects.get(name), objects.get('deal') as NormalisedObject, path, { formulas: false });
    const end = at('account.parent.region');
    expect(end.ok && end.hops.map((hop) => hop.lookup)).toEqual(['account', 'parent']);
    expect(at('account.created_at').ok).toBe(true);
    expect(at('account.name.x')).toEqual({ ok: false, message: "'account.name.x': account.name is not a lookup field" });
    expect(at('account.parent.parent.parent.name')).toMatchObject({ ok: false, message: expect.stringContaining('at most 3') });
    expect(at('account.nope')).toEqual({ ok: false, message: "'account.nope': account has no field 'nope'" });
    expect(at('region.x')).toMatchObject({ ok: false });
  });

  it('refuses a formula over a missing path, naming the path, and a drop that breaks another object’s formula', () => {
    const broken = validateDocument(
      { objects: [account, { ...deal, fields: [deal.fields[0], { ...deal.fields[1], expression: { var: 'account.regio' } }] }] },
      empty,
    );
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors).toEqual([expect.objectContaining({ code: 'TSR502', message: "'account.regio': account has no field 'regio'" })]);
    const live = { objects: [...normalised().values()] };
    const dropped = validateDocument({ ...account, fields: account.fields.filter((field) => field.apiName !== 'region') }, live as never);
    expect(dropped.ok).toBe(false);
    if (!dropped.ok) expect(dropped.errors[0]?.message).toContain('formula deal.region reads');
    // Keeping the field is fine.
    expect(validateDocument(account, live as never).ok).toBe(true);
  });

  it('evaluates a path formula from the value the read plan fetched, null without one', () => {
    const objects = normalised();
    const formula = (objects.get('deal') as NormalisedObject).fields[1] as never;
    const context = ruleContextAt(new Date('2026-01-01T00:00:00Z'), null);
    expect(evaluateFormula(formula, { 'account.parent.region': 'emea' }, context)).toBe('emea');
    expect(evaluateFormula(formula, {}, context)).toBeNull();
    expect(bindPathValues({ cat: [{ var: 'a.b' }, { var: 'c' }] }, { 'a.b': 'x' })).toEqual({ cat: ['x', { var: 'c' }] });
  });
});

describe('add_hours and hours_between', () => {
  const addHours = TESSERA_OPERATOR_IMPLEMENTATIONS.add_hours as unknown as (a: unknown, b: unknown) => unknown;
  const hoursBetween = TESSERA_OPERATOR_IMPLEMENTATIONS.hours_between as unknown as (a: unknown, b: unknown) => unknown;
  it('adds hours to instants and dates, rounding milliseconds half away from zero, null outside years 1-9999', () => {
    expect(addHours('2026-01-01T22:30:00.000Z', 4)).toBe('2026-01-02T02:30:00.000Z');
    expect(addHours('2026-01-01', 1.5)).toBe('2026-01-01T01:30:00.000Z');
    expect(addHours('2026-01-01T00:00:00.000Z', 1 / 256)).toBe('2026-01-01T00:00:14.063Z');
    expect(addHours('2026-01-01T00:00:00.000Z', -1 / 256)).toBe('2025-12-31T23:59:45.937Z');
    expect(addHours('9999-12-31T23:00:00.000Z', 1)).toBeNull();
    expect(addHours(null, 1)).toBeNull();
    expect(addHours('2026-01-01', '1')).toBeNull();
  });
  it('gives fractional hours between instants, null for a non-date', () => {
    expect(hoursBetween('2026-01-01', '2026-01-01T01:30:00.000Z')).toBe(1.5);
    expect(hoursBetween('2026-01-02', '2026-01-01')).toBe(-24);
    expect(hoursBetween('x', '2026-01-01')).toBeNull();
  });
});
