// Related lists (issue #18): every lookup to a record's object, with the count of children the
// reader may read and the newest few; one list paged with the record list's parameters; row and
// field security (a hidden child, child object or lookup field never shows); bad input as
// problem+json; the routes in OpenAPI. On PostgreSQL and PGlite.
import type { ObjectDef } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { labels } from '../security/stage-picklist.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();

const client: ObjectDef = { apiName: 'client', labels: labels('Client'), fields: [{ apiName: 'name', type: 'text', labels: labels('Name'), required: true }] };
const deal: ObjectDef = {
  apiName: 'deal',
  labels: labels('Deal'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'amount', type: 'currency', labels: labels('Amount') },
    { apiName: 'notes', type: 'textarea', labels: labels('Notes') },
    { apiName: 'client', type: 'lookup', target: 'client', labels: labels('Client') },
    { apiName: 'referrer', type: 'lookup', target: 'client', labels: labels('Referred by') },
  ],
};
const ticket: ObjectDef = {
  apiName: 'ticket',
  labels: labels('Ticket'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'client', type: 'lookup', target: 'client', labels: labels('Client') },
  ],
};

describe.each(kinds)('related lists on %s', (kind) => {
  let server: RunningSecurityServer;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const get = (who: string, path: string) => server.request<Json>('GET', path, { token: tokens[who] });

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    tokens.tenant = await server.createTenant('related');
    const admin = new TenantAdmin(server, 'related', tokens.tenant);
    await admin.call('POST', '/api/v1/metadata/apply', { objects: [client, deal, ticket] });
    await admin.call('PUT', '/api/v1/security/object-access/deal', { defaultAccess: 'private' });
    // Ann: clients, her own deals without amounts or referrers; no tickets at all.
    const sellers = await admin.permissionSet('sellers', {
      client: { read: true, viewAll: true },
      deal: { read: true, create: true, edit: true, fields: { amount: 'none', referrer: 'none' } },
    });
    const annId = await admin.user('ann@example.com', { permissionSetIds: [sellers] });
    await admin.user('boss@example.com', { admin: true });
    for (const who of ['ann', 'boss']) tokens[who] = await admin.userToken(`${who}@example.com`);
    const create = async (object: string, body: Json) => {
      const created = await server.request<Json>('POST', `/api/v1/objects/${object}/records`, { token: tokens.tenant, body });
      expect(created.status, created.text).toBe(201);
      return created.body.id as string;
    };
    ids.acme = await create('client', { name: 'Acme' });
    ids.other = await create('client', { name: 'Other' });
    for (let i = 1; i <= 7; i++)
      ids[`deal${i}`] = await create('deal', { name: `Deal ${i}`, amount: i * 100, client: ids.acme, referrer: ids.acme, owner_id: annId });
    ids.bossDeal = await create('deal', { name: 'Boss deal', amount: 1, client: ids.acme });
    await create('deal', { name: 'Elsewhere', client: ids.other, owner_id: annId });
    await create('ticket', { name: 'T1', client: ids.acme });
  }, 120_000);
  afterAll(async () => server?.close());

  it('lists every lookup to the record with counts and the newest records', async () => {
    const result = await get('boss', `/api/v1/objects/client/records/${ids.acme}/related?limit=3`);
    expect(result.status, result.text).toBe(200);
    const lists = Object.fromEntries(result.body.data.map((list: Json) => [`${list.object}.${list.field}`, list]));
    expect(Object.keys(lists).sort()).toEqual(['deal.client', 'deal.referrer', 'ticket.client']);
    expect(lists['deal.client']).toMatchObject({ count: 8, columns: ['name', 'amount'], pipeline: null });
    expect(lists['deal.client'].records.map((record: Json) => record.name)).toEqual(['Boss deal', 'Deal 7', 'Deal 6']);
    expect(Object.keys(lists['deal.client'].records[0]).sort()).toEqual(['amount', 'id', 'name']);
    expect(lists['deal.referrer'].count).toBe(7);
    expect(lists['ticket.client'].count).toBe(1);
  });

  it('shows a reader only the children, objects, lookups and fields they may read', async () => {
    const result = await get('ann', `/api/v1/objects/client/records/${ids.acme}/related?limit=20`);
    expect(result.status, result.text).toBe(200);
    // No tickets (object hidden), no referrer list (lookup field hidden), only her 7 deals.
    expect(result.body.data.map((list: Json) => `${list.object}.${list.field}`)).toEqual(['deal.client']);
    const [deals] = result.body.data;
    expect(deals.count).toBe(7);
    expect(deals.columns).toEqual(['name']);
    expect(deals.records.map((record: Json) => record.id)).not.toContain(ids.bossDeal);
    expect(result.text).not.toContain('amount');
    const hidden = await get('ann', `/api/v1/objects/client/records/${ids.acme}/related/deal/referrer`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('TSR107');
  });

  it('pages one related list with the list’s parameters', async () => {
    const first = await get('ann', `/api/v1/objects/client/records/${ids.acme}/related/deal/client?limit=4&sort=name&fields=name`);
    expect(first.status, first.text).toBe(200);
    expect(first.body.data.map((record: Json) => record.name)).toEqual(['Deal 1', 'Deal 2', 'Deal 3', 'Deal 4']);
    const second = await get(
      'ann',
      `/api/v1/objects/client/records/${ids.acme}/related/deal/client?limit=4&sort=name&fields=name&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.data.map((record: Json) => record.name)).toEqual(['Deal 5', 'Deal 6', 'Deal 7']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('refuses bad input and unknown or hidden records like the record API', async () => {
    const badLimit = await get('boss', `/api/v1/objects/client/records/${ids.acme}/related?limit=99&x=1`);
    expect(badLimit.status).toBe(400);
    expect(badLimit.headers.get('content-type')).toContain('application/problem+json');
    expect(badLimit.body.errors.map((error: Json) => error.path).sort()).toEqual(['limit', 'x']);
    const badPage = await get('boss', `/api/v1/objects/client/records/${ids.acme}/related/deal/client?sort=nope&filter=%7B%7D`);
    expect(badPage.status).toBe(400);
    expect(badPage.body.errors.map((error: Json) => error.path).sort()).toEqual(['filter']);
    expect((await get('boss', '/api/v1/objects/client/records/not-an-id/related')).body.code).toBe('TSR111');
    expect((await get('boss', '/api/v1/objects/nope/records/00000000-0000-7000-8000-000000000000/related')).body.code).toBe('TSR110');
    expect((await get('boss', `/api/v1/objects/client/records/${ids.acme}/related/deal/name`)).status).toBe(404);
    // A deal Ann may not read has no related lists for her either: 404 as the record API answers.
    expect((await get('ann', `/api/v1/objects/deal/records/${ids.bossDeal}/related`)).body.code).toBe('TSR111');
  });

  it('is described in OpenAPI with its problem responses', async () => {
    const document = (await get('boss', '/api/v1/openapi.json')).body;
    const summary = document.paths['/api/v1/objects/{object}/records/{id}/related'].get;
    expect(summary.parameters[0].schema.enum).toEqual(['client']);
    expect(Object.keys(summary.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
    expect(document.paths['/api/v1/objects/{object}/records/{id}/related/{childObject}/{lookupField}'].get.operationId).toBe('listRelatedRecords');
  });
});
