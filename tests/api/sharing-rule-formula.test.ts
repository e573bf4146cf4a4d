// A sharing rule whose criteria read a formula field (issue #22, "Correctness under bad input"):
// it was accepted, and then every read by the role answered 500. PostgreSQL and PGlite.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { type SecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { opportunity } from '../rules/rules-fixtures.ts';

const kinds = await testDriverKinds();
const OPPS = '/api/v1/objects/opportunity/records';
const account = { apiName: 'account', labels: { en: 'Account' }, fields: [{ type: 'text', apiName: 'name', labels: { en: 'Name' }, required: true }] };

describe.each(kinds)('sharing rules over formula fields on %s', (kind) => {
  let server: SecurityServer;
  let admin: TenantAdmin;
  let cookie: string;
  let role: string;

  beforeAll(async () => {
    server = await startSecurityServer(kind);
    admin = new TenantAdmin(server, 'share_formula', await server.createTenant('share_formula'));
    await admin.call('POST', '/api/v1/metadata/apply', { objects: [account, opportunity()] });
    role = await admin.role('rep');
    const sales = await admin.permissionSet('sales', { opportunity: { read: true, create: true, edit: true } });
    await admin.user('rep@example.com', { roleId: role, permissionSetIds: [sales] });
    cookie = await admin.signIn('rep@example.com');
    for (const [name, amount, probability] of [
      ['big', 5000, 50],
      ['small', 100, 10],
    ] as const) {
      await admin.call('POST', OPPS, { name, amount, probability });
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses criteria over a formula or roll-up field at save (422 TSR308 naming the var), and reads keep working', async () => {
    const saved = await server.request('POST', '/api/v1/security/sharing-rules', {
      token: admin.token,
      body: {
        object: 'opportunity',
        name: 'weighted_to_rep',
        criteria: { and: [{ '>=': [{ var: 'weighted' }, 1000] }, { '==': [{ var: 'hot' }, true] }] },
        roleId: role,
        access: 'read',
      },
    });
    expectProblem(
      saved,
      422,
      'TSR308',
      [
        { path: '/criteria/and/0/>=/0/var', code: 'TSR308' },
        { path: '/criteria/and/1/==/0/var', code: 'TSR308' },
      ],
      true,
    );
    expect(saved.body.errors[0].message).toContain('formula');
    const listed = await server.request('GET', `${OPPS}?sort=name`, { cookie });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.body.data).toEqual([]);
    // Criteria over the stored fields the formula reads share the same records.
    await admin.call('POST', '/api/v1/security/sharing-rules', {
      object: 'opportunity',
      name: 'amount_to_rep',
      criteria: { '>=': [{ '*': [{ var: 'amount' }, { '/': [{ var: 'probability' }, 100] }] }, 1000] },
      roleId: role,
      access: 'read',
    });
    const shared = await server.request('GET', `${OPPS}?sort=name`, { cookie });
    expect(shared.status, shared.text).toBe(200);
    expect((shared.body.data as { name: string }[]).map((record) => record.name)).toEqual(['big']);
  });
});
