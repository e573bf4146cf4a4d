// Filters on every field of the generated specimen select exactly the records json-logic-js
// selects on the API values: `==` on each value held, null checks, polylookups through their parts,
// points by distance; file fields are refused naming the field. Values past 15 significant digits
// are the one documented divergence (json-number-precision.ts), printed after the run.
import { applyRule, isTruthy, type NormalisedField, richTextPlain } from '@tessera/metadata';
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceTenant } from './conformance-tenant.ts';
import type { Rec } from './expected-values.ts';
import { JSON_EXACT_DIGITS, readsAsAnotherNumber, significantDigits } from './json-number-precision.ts';
import { formulaOrRollup, ids, isFile, SPECIMENS, surfaceSuite } from './surface-suite.ts';

const kinds = await testDriverKinds();

describe.each(kinds)('every field filtered on %s', (kind) => {
  const suite = surfaceSuite(kind);
  const { fields, decimalsSent } = suite;
  let tenant: ConformanceTenant;
  let listed: Rec[];
  // The suite's members, bound once its setup ran, so the tests read as they did in one file.
  beforeAll(() => {
    ({ tenant, listed } = suite);
  });

  /** A record as filters read it: rich text by its plain text (filters match words, not tags). */
  const filterView = (record: Rec): Rec => {
    const view = { ...record };
    for (const field of fields())
      if (field.type === 'richtext' && typeof view[field.apiName] === 'string') view[field.apiName] = richTextPlain(view[field.apiName] as string);
    return view;
  };

  /** `==` with each value the records hold (a multi-select: contains its first value) and a null check. */
  const equalityRules = (field: NormalisedField): unknown[] => {
    if (field.type === 'polylookup') return polylookupRules(field.apiName, field.targets);
    if (field.type === 'geolocation') return geolocationRules(field.apiName);
    const values = [...new Map(listed.map(filterView).map((record) => [JSON.stringify(record[field.apiName]), record[field.apiName]])).values()];
    const rules = values
      .filter((value) => value !== null && !(Array.isArray(value) && value.length === 0))
      .map((value) => {
        if (Array.isArray(value)) return { in: [value[0], { var: field.apiName }] };
        // A request line carries at most 16 KiB: long texts are matched on their first 1000 characters.
        if (typeof value === 'string' && value.length > 1000) return { '==': [{ substr: [{ var: field.apiName }, 0, 1000] }, value.slice(0, 1000)] };
        return { '==': [{ var: field.apiName }, value] };
      });
    return [...rules, { '==': [{ var: field.apiName }, null] }, { '!=': [{ var: field.apiName }, null] }];
  };

  /** A polylookup is filtered through its parts: `==` on each id held, `in` on the object, null checks. */
  const polylookupRules = (name: string, targets: readonly string[]): unknown[] => {
    const held = listed.map((record) => (record[name] as { id?: string } | null)?.id).filter((id): id is string => typeof id === 'string');
    return [
      ...[...new Set(held)].map((id) => ({ '==': [{ var: `${name}.id` }, id] })),
      { in: [{ var: `${name}.object` }, [...targets]] },
      { '==': [{ var: `${name}.id` }, null] },
      { '!=': [{ var: `${name}.id` }, null] },
    ];
  };

  /** A point is matched by distance, not `==` (an object literal is no filter value): within 1 m of each held point, null checks. */
  const geolocationRules = (name: string): unknown[] => {
    const held = [...new Map(listed.map((record) => [JSON.stringify(record[name]), record[name]])).values()].filter((value) => value !== null);
    return [
      ...held.map((point) => ({ '<=': [{ distance: [{ var: name }, point] }, 0.001] })),
      { '==': [{ var: name }, null] },
      { '!=': [{ var: name }, null] },
    ];
  };

  /** The `==` rules checked under the named divergence, printed after the run. */
  const pastFifteenDigits: string[] = [];
  /**
   * The named divergence, results beyond 15 significant digits: `==` on a value some record holds as
   * a decimal the client reads as another number (see json-number-precision.ts).
   */
  const readsInexactly = (field: NormalisedField, rule: unknown): boolean => {
    const value = (rule as { '=='?: unknown[] })['==']?.[1];
    if (typeof value !== 'number') return false;
    const sent = listed.filter((record) => record[field.apiName] === value).map((record) => decimalsSent.get(record.id)?.get(field.apiName));
    const inexact = sent.filter((decimal): decimal is string => decimal !== undefined && readsAsAnotherNumber(decimal));
    if (inexact.length === 0) return false;
    // Up to 15 digits every decimal reads back exactly, and stored fields hold what was written.
    expect(
      inexact.filter((decimal) => significantDigits(decimal) <= JSON_EXACT_DIGITS),
      `${field.apiName} read inexactly`,
    ).toEqual([]);
    expect(formulaOrRollup(field), `${field.apiName} is stored yet reads inexactly`).toBe(true);
    pastFifteenDigits.push(`${JSON.stringify(rule)} (sent ${inexact.join(', ')})`);
    return true;
  };

  afterAll(() => {
    console.log(`filters on values past 15 significant digits (subset only, documented divergence) on ${kind}: ${pastFifteenDigits.join(', ') || 'none'}`);
  });

  it('filters select exactly the records json-logic-js selects on the API values', async () => {
    for (const field of fields()) {
      if (isFile(field)) {
        // Not applicable: records are not filtered by their files. The refusal is a 400 naming the field.
        for (const rule of [{ '==': [{ var: field.apiName }, null] }, { '!=': [{ var: field.apiName }, null] }]) {
          const refused = await tenant.api.query(SPECIMENS, { filter: rule, limit: 200 });
          expect(refused.status, `filter ${JSON.stringify(rule)}: ${refused.text.slice(0, 600)}`).toBe(400);
          expect(JSON.stringify(refused.body.errors), `filter ${JSON.stringify(rule)}`).toContain(field.apiName);
          tenant.api.count('filter');
        }
        continue;
      }
      for (const rule of equalityRules(field)) {
        const page = await tenant.api.query(SPECIMENS, { filter: rule, limit: 200 });
        expect(page.status, `filter ${JSON.stringify(rule)}: ${page.text.slice(0, 600)}`).toBe(200);
        const expected = listed.filter((record) => isTruthy(applyRule(rule, filterView(record))));
        if (readsInexactly(field, rule)) {
          // Documented divergence, results beyond 15 significant digits: the value read is the
          // nearest double, SQL compares the exact decimal, so only the records whose decimal is that
          // double match; never one that reads as another value.
          expect(
            ids(page.body.data).filter((id) => !ids(expected).includes(id)),
            `filter ${JSON.stringify(rule)}`,
          ).toEqual([]);
        } else expect(ids(page.body.data).sort(), `filter ${JSON.stringify(rule)}`).toEqual(ids(expected).sort());
        tenant.api.count('filter');
      }
    }
  });

  it('ran at least the cases the registries imply on the filter surface', () => {
    suite.expectCasesRan({ filter: fields().length * 3 });
  });
});
