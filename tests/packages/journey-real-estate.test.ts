// real-estate, from its `npm pack` tarball, installed after crm-core on a fresh tenant: an agent
// lists a property (record types narrow the property kinds), a crm contact makes an offer more
// than 10% below the list price, the move to 已接受 waits for the offer approval (the branch
// manager, then crm-core's sales director role), and the contract needs a deposit; the property's
// roll-ups follow. PostgreSQL and PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import type { RunningSecurityServer } from '../security/security-server.ts';
import { type JourneyTenant, packageUser, packTarball, shippedPackage, startJourneyServer, tenantWithPackages } from './journey-support.ts';

const kinds = await testDriverKinds();
const realEstate = shippedPackage('real-estate');
const sample = (object: string) => realEstate.sampleData.filter((set) => set.object === object).flatMap((set) => set.records);

describe.each(kinds)('real-estate journey on %s', (kind) => {
  let server: RunningSecurityServer;
  let tenant: JourneyTenant;
  const users: Record<string, { id: string; token: string }> = {};

  beforeAll(async () => {
    server = await startJourneyServer(kind);
    tenant = await tenantWithPackages(server, 'homes', ['crm-core', packTarball('real-estate')]);
    users.agent = await packageUser(tenant, 'agent@example.com', 'property_agent', ['property_agent']);
    users.branch = await packageUser(tenant, 'branch@example.com', 'branch_manager', ['branch_manager']);
    users.director = await packageUser(tenant, 'director@example.com', 'sales_director', ['branch_manager']);
  });
  afterAll(async () => server?.close());

  const call = (user: string, method: string, path: string, body?: unknown) => server.request(method, path, { token: users[user]?.token, body });
  const ref = (name: string) => tenant.installed['real-estate']?.records.get(name)?.id as string;

  it('installs the sample listings, and each property’s roll-ups agree with its sample offers', async () => {
    const offers = sample('offer');
    for (const property of sample('property')) {
      const mine = offers.filter((offer) => (offer.property as { $ref: string }).$ref === property.$ref);
      const open = mine.filter((offer) => !['rejected', 'withdrawn'].includes(String(offer.stage))).map((offer) => Number(offer.amount));
      const stored = (await call('agent', 'GET', `/api/v1/objects/property/records/${ref(String(property.$ref))}`)).body;
      expect({ offers: stored.offers, best: stored.best_offer }, String(property.name)).toEqual({
        offers: mine.length,
        best: open.length ? Math.max(...open) : null,
      });
    }
    const brokers = (await call('agent', 'GET', '/api/v1/objects/broker/records?limit=200')).body.data;
    expect(brokers).toHaveLength(sample('broker').length);
  });

  let propertyId = '';
  let offerId = '';
  it('an agent lists a property and a crm contact makes an offer', async () => {
    const office = await call('agent', 'POST', '/api/v1/objects/property/records', {
      name: '钱江新城公寓',
      city: '杭州',
      address: '富春路 8 号 2 幢 601',
      kind: 'office',
      list_price: 4000000,
    });
    expect(office.status).toBe(400);
    expect(office.body.errors).toEqual([expect.objectContaining({ path: '/kind', code: 'TSR405' })]);
    const listed = await call('agent', 'POST', '/api/v1/objects/property/records', {
      name: '钱江新城公寓',
      city: '杭州',
      address: '富春路 8 号 2 幢 601',
      kind: 'apartment',
      area: 100,
      bedrooms: 2,
      list_price: 4000000,
    });
    expect(listed.status, listed.text).toBe(201);
    expect(listed.body).toMatchObject({ record_type: 'residential', price_per_m2: 40000, offers: 0, best_offer: null, status: 'available' });
    propertyId = listed.body.id;
    const sameAddress = await call('agent', 'POST', '/api/v1/objects/property/records', {
      name: '重复房源',
      city: '杭州',
      address: '富春路8号2幢601',
      list_price: 1,
    });
    expect(sameAddress.status).toBe(409);
    expect(sameAddress.body.code).toBe('TSR510');

    const buyer = await call('agent', 'POST', '/api/v1/objects/contact/records', { name: '林晓', mobile: '136 0000 1234' });
    expect(buyer.status, buyer.text).toBe(201);
    const noBuyer = await call('agent', 'POST', '/api/v1/objects/offer/records', { property: propertyId, list_price: 4000000, amount: 3500000 });
    expect(noBuyer.status).toBe(422);
    expect(noBuyer.body.errors).toEqual([expect.objectContaining({ path: '/buyer_contact', code: 'TSR500' })]);
    const offered = await call('agent', 'POST', '/api/v1/objects/offer/records', {
      property: propertyId,
      buyer_contact: buyer.body.id,
      list_price: 4000000,
      amount: 3500000,
      valid_until: '2026-12-31',
    });
    expect(offered.status, offered.text).toBe(201);
    expect(offered.body).toMatchObject({ stage: 'submitted', below_list: 12.5, approval_status: 'none' });
    offerId = offered.body.id;
    const property = (await call('agent', 'GET', `/api/v1/objects/property/records/${propertyId}`)).body;
    expect(property).toMatchObject({ offers: 1, best_offer: 3500000 });
  });

  it('accepting the offer waits for the branch manager and, 12.5% below list, the sales director', async () => {
    const stage = `/api/v1/objects/offer/records/${offerId}/stage`;
    const direct = await call('agent', 'POST', stage, { stage: 'accepted' });
    expect(direct.status).toBe(422);
    expect(direct.body.code).toBe('TSR530');
    expect(direct.body.errors.map((error: { code: string }) => error.code).sort()).toEqual(['TSR531', 'TSR535']);
    expect((await call('agent', 'PATCH', `/api/v1/objects/offer/records/${offerId}`, { financing: 'mortgage' })).status).toBe(200);
    const gated = await call('agent', 'POST', stage, { stage: 'accepted' });
    expect(gated.status).toBe(409);
    expect(gated.body.code).toBe('TSR535');

    const submitted = await call('agent', 'POST', '/api/v1/approvals/requests', { object: 'offer', recordId: offerId, stage: 'accepted' });
    expect(submitted.status, submitted.text).toBe(201);
    const requestId = submitted.body.id;
    const directorTooEarly = await call('director', 'POST', `/api/v1/approvals/requests/${requestId}/approve`, {});
    expect(directorTooEarly.body.code).toBe('TSR556');
    const branchApproves = await call('branch', 'POST', `/api/v1/approvals/requests/${requestId}/approve`, {
      comment: '可以接受',
      fields: { deposit: 200000 },
    });
    expect(branchApproves.status, branchApproves.text).toBe(200);
    expect((await call('agent', 'GET', `/api/v1/objects/offer/records/${offerId}`)).body.stage).toBe('submitted');
    expect((await call('director', 'POST', `/api/v1/approvals/requests/${requestId}/approve`, {})).status).toBe(200);
    const accepted = (await call('agent', 'GET', `/api/v1/objects/offer/records/${offerId}`)).body;
    expect(accepted).toMatchObject({ stage: 'accepted', approval_status: 'approved', deposit: 200000 });
  });

  it('the contract needs a deposit within the offer; a withdrawn offer needs a reason and leaves the best offer', async () => {
    const stage = `/api/v1/objects/offer/records/${offerId}/stage`;
    const tooMuch = await call('agent', 'PATCH', `/api/v1/objects/offer/records/${offerId}`, { deposit: 5000000 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.errors).toEqual([expect.objectContaining({ path: '/deposit', code: 'TSR500' })]);
    const signed = await call('agent', 'POST', stage, { stage: 'contract' });
    expect(signed.status, signed.text).toBe(200);
    const second = await call('agent', 'POST', '/api/v1/objects/offer/records', {
      property: propertyId,
      buyer_account: tenant.installed['crm-core']?.records.get('northwind')?.id,
      list_price: 4000000,
      amount: 3900000,
    });
    expect(second.status, second.text).toBe(201);
    expect((await call('agent', 'GET', `/api/v1/objects/property/records/${propertyId}`)).body).toMatchObject({ offers: 2, best_offer: 3900000 });
    const silent = await call('agent', 'POST', `/api/v1/objects/offer/records/${second.body.id}/stage`, { stage: 'withdrawn' });
    expect(silent.status).toBe(422);
    expect(silent.body.code).toBe('TSR534');
    const withdrawn = await call('agent', 'POST', `/api/v1/objects/offer/records/${second.body.id}/stage`, { stage: 'withdrawn', reason: '买方资金未到位' });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    expect((await call('agent', 'GET', `/api/v1/objects/property/records/${propertyId}`)).body).toMatchObject({ offers: 2, best_offer: 3500000 });
  });
});
