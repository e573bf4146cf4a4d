// Expansion with every field of the generated specimen: the lookup in place, the child lookup to the
// whole specimen, user fields (and owner_id, created_by) to {id, name, email}, other fields unchanged.
import type { NormalisedField } from '@tessera/metadata';
import { testDriverKinds } from '@tessera/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, LINE, LINE_PARENT } from './conformance-document.ts';
import { type ConformanceTenant, recordsPath } from './conformance-tenant.ts';
import type { Rec } from './expected-values.ts';
import { SPECIMENS, surfaceSuite } from './surface-suite.ts';

const kinds = await testDriverKinds();

describe.each(kinds)('every field expanded on %s', (kind) => {
  const suite = surfaceSuite(kind);
  const { fields, openApi } = suite;
  let tenant: ConformanceTenant;
  let listed: Rec[];
  // The suite's members, bound once its setup ran, so the tests read as they did in one file.
  beforeAll(() => {
    ({ tenant, listed } = suite);
  });

  it('expands the lookup in place and the child lookup to the whole specimen, every field unchanged', async () => {
    const lookup = fields().find((field) => field.type === 'lookup') as NormalisedField;
    const expanded = await tenant.api.query(SPECIMENS, { expand: lookup.apiName, limit: 200 });
    expect(expanded.status, expanded.text.slice(0, 600)).toBe(200);
    openApi(SPECIMENS, 'get', '200', expanded.body);
    for (const record of expanded.body.data as Rec[]) {
      const plain = listed.find((full) => full.id === record.id) as Rec;
      const target = tenant.accounts.find((account) => account.id === plain[lookup.apiName]) ?? null;
      expect(record[lookup.apiName], `expand ${lookup.apiName}`).toEqual(target);
      expect({ ...record, [lookup.apiName]: plain[lookup.apiName] }).toEqual(plain);
    }
    const children = await tenant.api.query(recordsPath(LINE), { expand: LINE_PARENT, limit: 200 });
    expect(children.status, children.text.slice(0, 600)).toBe(200);
    expect(children.body.data.length).toBe(tenant.lines.length);
    for (const line of children.body.data as Rec[]) {
      const parent = listed.find((full) => full.id === tenant.lines.find((written) => written.id === line.id)?.[LINE_PARENT]);
      for (const field of fields()) {
        expect(line[LINE_PARENT][field.apiName], `expand ${LINE_PARENT}.${field.apiName}`).toEqual(parent?.[field.apiName]);
        tenant.api.count('expand');
      }
    }
    expect(tenant.accounts.map((account) => account.id).length).toBeGreaterThan(0);
    expect((await tenant.api.get(`${recordsPath(ACCOUNT)}/${tenant.accounts[0]?.id}`)).body).toEqual(tenant.accounts[0]);
  });

  it('expands every user field, owner_id and created_by to {id, name, email}, other fields unchanged', async () => {
    const names = [
      ...fields()
        .filter((field) => field.type === 'user')
        .map((field) => field.apiName),
      'owner_id',
      'created_by',
    ];
    expect(names.length).toBeGreaterThan(2);
    const expanded = await tenant.api.query(SPECIMENS, { expand: names.join(','), limit: 200 });
    expect(expanded.status, expanded.text.slice(0, 600)).toBe(200);
    openApi(SPECIMENS, 'get', '200', expanded.body);
    let named = 0;
    for (const record of expanded.body.data as Rec[]) {
      const plain = listed.find((full) => full.id === record.id) as Rec;
      for (const name of names) {
        const user = tenant.users.find((candidate) => candidate.id === plain[name]);
        if (user) named++;
        expect(record[name], `expand ${name}`).toEqual(user ? { id: user.id, name: user.name, email: user.email } : null);
        tenant.api.count('expand');
      }
      expect({ ...record, ...Object.fromEntries(names.map((name) => [name, plain[name]])) }).toEqual(plain);
    }
    expect(named, 'records name the suite users').toBeGreaterThan(0);
  });

  it('ran at least the cases the registries imply on the expand surface', () => {
    suite.expectCasesRan({ expand: tenant.lines.length * fields().length });
  });
});
