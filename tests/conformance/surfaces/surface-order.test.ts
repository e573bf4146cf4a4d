// Sorting on every field of the generated specimen: the JavaScript order of the API values, nulls
// last, unsortable fields refused; and cursor pages over each sort yield every record exactly once.
import { testDriverKinds } from '@tessera/runtime';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HttpResult } from '../../support/test-server.ts';
import type { ConformanceTenant } from './conformance-tenant.ts';
import type { Rec } from './expected-values.ts';
import { ids, SPECIMENS, surfaceSuite } from './surface-suite.ts';
import { orderOf, sortedValues, userNameOrder } from './value-order.ts';

const kinds = await testDriverKinds();

describe.each(kinds)('every field sorted and paged on %s', (kind) => {
  const suite = surfaceSuite(kind);
  const { fields } = suite;
  let tenant: ConformanceTenant;
  let listed: Rec[];
  // The suite's members, bound once its setup ran, so the tests read as they did in one file.
  beforeAll(() => {
    ({ tenant, listed } = suite);
  });

  it('sorts in the JavaScript order of the API values, nulls last, and refuses unsortable fields', async () => {
    for (const field of fields()) {
      // A user field sorts by the user's display name, then the id.
      const order = field.type === 'user' ? userNameOrder(tenant.users) : orderOf(field);
      for (const descending of [false, true]) {
        const sort = `${descending ? '-' : ''}${field.apiName}`;
        const page = await tenant.api.query(SPECIMENS, { sort, limit: 200 });
        tenant.api.count('sort');
        if (order === 'unsortable') {
          expect(page.status, `sort ${sort}`).toBe(400);
          expect(page.body.code).toBe('TSR104');
          continue;
        }
        expect(page.status, `sort ${sort}: ${page.text.slice(0, 600)}`).toBe(200);
        const values = page.body.data.map((record: Rec) => record[field.apiName]);
        expect(values, `sort ${sort}`).toEqual(sortedValues(values, order, descending));
        expect(ids(page.body.data).sort()).toEqual(ids(listed).sort());
      }
    }
  });

  it('cursor pages of 1 and 2 over a sort on each field yield every record exactly once, in order', async () => {
    for (const field of fields()) {
      if (orderOf(field) === 'unsortable') continue;
      for (const [limit, sort] of [
        [1, `-${field.apiName}`],
        [2, field.apiName],
      ] as const) {
        const whole = await tenant.api.query(SPECIMENS, { sort, limit: 200 });
        const paged: Rec[] = [];
        let cursor: string | null = null;
        do {
          const page: HttpResult<{ data: Rec[]; nextCursor: string | null }> = await tenant.api.query(SPECIMENS, {
            sort,
            limit,
            ...(cursor ? { cursor } : {}),
          });
          expect(page.status, `sort ${sort} page ${paged.length / limit}: ${page.text.slice(0, 600)}`).toBe(200);
          expect(page.body.data.length).toBeLessThanOrEqual(limit);
          paged.push(...page.body.data);
          cursor = page.body.nextCursor;
          expect(paged.length, `sort ${sort}: more pages than records`).toBeLessThanOrEqual(listed.length);
        } while (cursor);
        expect(ids(paged), `cursor pages of ${limit} over ${sort}`).toEqual(ids(whole.body.data));
        expect(new Set(ids(paged)).size).toBe(listed.length);
        tenant.api.count('cursor');
      }
    }
  }, 240_000); // one paging walk per sortable field and direction: minutes under load

  it('ran at least the cases the registries imply on the sort and cursor surfaces', () => {
    suite.expectCasesRan({ sort: fields().length * 2, cursor: fields().filter((field) => orderOf(field) !== 'unsortable').length * 2 });
  });
});
