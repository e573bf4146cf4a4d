import { describe, expect, it } from 'vitest';
import { toObjectDef } from '../evolution/to-object-def.ts';
import { EMPTY_SNAPSHOT } from '../normalised-types.ts';
import { normalise } from '../normalise/normalise.ts';
import { dealDef } from '../testing/layout-fixtures.ts';
import type { ObjectDef } from '../types.ts';
import { validateDocument } from '../validate/validate-document.ts';

const errorsOf = (def: ObjectDef) => {
  const result = validateDocument(def, EMPTY_SNAPSHOT);
  return result.ok ? [] : result.errors.map(({ path, code }) => `${code} ${path}`);
};

describe('record types and layouts at save time', () => {
  it('accepts the fixture and normalises defaults', () => {
    const result = validateDocument(dealDef(), EMPTY_SNAPSHOT);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const [deal] = result.value;
    expect(deal?.recordTypes).toEqual([
      {
        apiName: 'commercial',
        labels: { en: 'Commercial', zh: '商业' },
        picklistValues: { stage: ['new', 'quote', 'won'] },
        default: false,
        layout: 'standard',
        active: true,
      },
      {
        apiName: 'government',
        labels: { en: 'Government', zh: '政府' },
        picklistValues: { stage: ['new', 'tender', 'won'] },
        default: true,
        layout: 'public_sector',
        active: true,
      },
    ]);
    expect(deal?.layouts?.[0]?.sections[1]).toEqual({
      labels: { en: 'Outcome', zh: '结果' },
      columns: 1,
      fields: [
        { field: 'loss_reason', readOnly: false, required: false, visibleWhen: { '==': [{ var: 'stage' }, 'won'] } },
        { field: 'number', readOnly: false, required: false },
      ],
    });
  });

  it('leaves objects without record types or layouts as they were', () => {
    const { layouts: _layouts, recordTypes: _recordTypes, ...plain } = dealDef();
    const result = validateDocument(plain, EMPTY_SNAPSHOT);
    expect(result.ok && Object.keys(result.value[0] as object)).not.toContain('layouts');
    expect(result.ok && Object.keys(result.value[0] as object)).not.toContain('recordTypes');
  });

  it('refuses unknown properties through the JSON Schema', () => {
    const def = dealDef();
    (def.layouts?.[0]?.sections[0]?.fields[0] as unknown as Record<string, unknown>).hidden = true;
    (def.layouts?.[0]?.sections[0] as unknown as Record<string, unknown>).columns = 3;
    expect(errorsOf(def)).toEqual(expect.arrayContaining(['TSR201 /layouts/0/sections/0/fields/0/hidden', 'TSR201 /layouts/0/sections/0/columns']));
  });

  it('reports every semantic problem at once, each with a pointer', () => {
    const def = dealDef();
    const [standard, publicSector] = def.layouts ?? [];
    const [commercial, government] = def.recordTypes ?? [];
    if (!standard || !publicSector || !commercial || !government) throw new Error('fixture');
    standard.sections[0]?.fields.push({ field: 'nope' }, { field: 'name' });
    standard.sections[1]?.fields.push({ field: 'tags', visibleWhen: { merge: [{ var: 'ghost' }] } });
    publicSector.apiName = 'standard';
    publicSector.sections[0]?.fields.push({ field: 'number', required: true });
    commercial.layout = 'missing';
    commercial.picklistValues = { stage: ['won', 'legacy', 'lost'], amount: ['1'] };
    commercial.default = true;
    expect(errorsOf(def).sort()).toEqual(
      [
        'TSR230 /layouts/0/sections/0/fields/3/field',
        'TSR230 /layouts/0/sections/0/fields/4/field',
        'TSR232 /layouts/0/sections/1/fields/2/visibleWhen/merge',
        'TSR202 /layouts/1/apiName',
        'TSR230 /layouts/1/sections/0/fields/4/required',
        'TSR231 /recordTypes/1/default',
        'TSR231 /recordTypes/0/layout',
        'TSR231 /recordTypes/1/layout',
        'TSR231 /recordTypes/0/picklistValues/stage/1',
        'TSR231 /recordTypes/0/picklistValues/stage/2',
        'TSR231 /recordTypes/0/picklistValues/amount',
      ].sort(),
    );
  });

  it('checks the fields and operators of visibility rules', () => {
    const def = dealDef();
    const section = def.layouts?.[0]?.sections[1];
    if (!section) throw new Error('fixture');
    section.visibleWhen = {
      and: [{ '>': [{ var: 'amount' }, 0] }, { icontains: [{ var: ['name', ''] }, 'x'] }, { '==': [{ var: 'record_type' }, 'government'] }],
    };
    expect(errorsOf(def)).toEqual([]);
    section.visibleWhen = { and: [{ var: 'ghost' }, { some: [[], true] }, { a: 1, b: 2 }] };
    expect(errorsOf(def).sort()).toEqual(
      [
        'TSR232 /layouts/0/sections/1/visibleWhen/and/0/var',
        'TSR232 /layouts/0/sections/1/visibleWhen/and/1/some',
        'TSR232 /layouts/0/sections/1/visibleWhen/and/2',
      ].sort(),
    );
  });

  it('survive the round trip through toObjectDef (revert)', () => {
    const deal = normalise(dealDef());
    const def = toObjectDef(deal);
    expect(validateDocument(def, EMPTY_SNAPSHOT).ok).toBe(true);
    expect(normalise(def)).toEqual(deal);
  });
});
