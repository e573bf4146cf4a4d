// Property: random valid object definitions (from the field-type registry, accepted by the
// validator) apply over HTTP, and random records of each definition go through create, get,
// patch, list, filter, sort, projection and cursor paging; every answer is 2xx or a 4xx
// problem+json, never ≥ 500. One tenant per definition. PostgreSQL and PGlite.
import { testDriverKinds } from '@tessera/runtime';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { expectNo5xx } from './http-answers.ts';
import { objectDocumentArbitrary, PROPERTY_USER, recordArbitrary } from './object-arbitraries.ts';
import { openDocumentDefect } from './open-defects.ts';
import { announceSeed, propertyParameters } from './property-config.ts';

announceSeed('api-valid.property');
const kinds = await testDriverKinds();
const OBJECT = 'prop';
const records = `/api/v1/objects/${OBJECT}/records`;
const ANCHOR_PLACEHOLDERS = ['@anchor0', '@anchor1'];

// A definition, then records and patches drawn from it (lookups name anchors created at run time).
const scenario = objectDocumentArbitrary(OBJECT)
  .filter((document) => openDocumentDefect(document) === undefined)
  .chain((document) => {
    const object = document.objects[0]!;
    const body = recordArbitrary(object, ANCHOR_PLACEHOLDERS);
    return fc.record({ document: fc.constant(document), creates: fc.array(body, { minLength: 1, maxLength: 4 }), patches: fc.array(body, { maxLength: 2 }) });
  });

const withAnchors = (body: Record<string, unknown>, anchors: string[]) =>
  Object.fromEntries(
    Object.entries(body).map(([key, value]) => [key, typeof value === 'string' && value.startsWith('@anchor') ? anchors[Number(value.slice(7))] : value]),
  );

/** Filters over one field: null checks, comparison with a value a record holds, text and set tests. */
function filtersFor(field: string, sample: unknown): unknown[] {
  const v = { var: field };
  const filters: unknown[] = [{ '==': [v, null] }, { '!': v }, { '!=': [v, null] }];
  if (sample !== null && sample !== undefined && !Array.isArray(sample)) filters.push({ '==': [v, sample] }, { '<': [v, sample] }, { in: [v, [sample]] });
  if (typeof sample === 'string') filters.push({ starts_with: [v, sample.slice(0, 1)] }, { icontains: [v, sample] });
  if (Array.isArray(sample) && sample.length) filters.push({ in: [sample[0], v] });
  return filters;
}

describe.each(kinds)('random valid definitions and records never get a 5xx on %s', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('apply, create, get, patch, list, filter and sort answer 2xx or 4xx problem+json', async () => {
    let tenants = 0;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ document, creates, patches }) => {
        const api: TenantClient = server.tenant(await server.createTenant(`prop_${kind}_${tenants++}`));
        const applied = await api.apply(document);
        expectNo5xx(applied, `apply ${JSON.stringify(document)}`);
        expect(applied.status, applied.text.slice(0, 400)).toBe(200);
        const user = await api.post('/api/v1/security/users', PROPERTY_USER);
        expect(user.status, user.text).toBe(201);
        const anchors: string[] = [];
        for (const name of ['锚 1', '😀']) {
          const created = await api.post('/api/v1/objects/anchor/records', { name });
          expect(created.status, created.text).toBe(201);
          anchors.push(created.body.id);
        }
        const ids: string[] = [];
        for (const body of creates) {
          const created = await api.post(records, withAnchors(body, anchors));
          expectNo5xx(created, `create ${JSON.stringify(body)}`);
          if (created.status === 201) ids.push(created.body.id);
        }
        for (const [index, body] of patches.entries()) {
          const id = ids[index % Math.max(ids.length, 1)];
          if (!id) break;
          const current = await api.get(`${records}/${id}`);
          expectNo5xx(current, `get ${id}`);
          const patched = await api.patch(`${records}/${id}`, withAnchors(body, anchors), { 'if-match': `"${current.body.version}"` });
          expectNo5xx(patched, `patch ${JSON.stringify(body)}`);
        }
        const sample = ids.length ? (await api.get(`${records}/${ids[0]}`)).body : {};
        for (const field of document.objects[0]!.fields) {
          for (const sort of [field.apiName, `-${field.apiName}`]) {
            let cursor: string | null = null;
            for (let page = 0; page < 3; page++) {
              const query: Record<string, string | number> = { sort, limit: 2, fields: field.apiName, ...(cursor ? { cursor } : {}) };
              const listed = await api.list(OBJECT, query);
              expectNo5xx(listed, `list ${JSON.stringify(query)}`);
              cursor = listed.status === 200 ? listed.body.nextCursor : null;
              if (!cursor) break;
            }
          }
          for (const filter of filtersFor(field.apiName, sample[field.apiName])) {
            const listed = await api.list(OBJECT, { filter: JSON.stringify(filter) });
            expectNo5xx(listed, `filter ${JSON.stringify(filter)}`);
          }
        }
      }),
      propertyParameters(8),
    );
  }, 300_000); // a failure shrinks through many tenants; a passing run takes ~15 s per driver
});
