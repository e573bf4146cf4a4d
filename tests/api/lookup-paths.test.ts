// Lookup paths (`account.region`, `account.parent.name`) in list filters, sort, `fields` and
// formulas: values read live through the lookup, null for an empty, deleted or unreadable parent,
// hidden parent fields refused exactly like unknown ones, and what is refused (depth, non-lookups).
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { type SecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { lookupPathBundle } from './lookup-path-objects.ts';

const kinds = await testDriverKinds();
const ACCOUNTS = '/api/v1/objects/account/records';
const DEALS = '/api/v1/objects/deal/records';

describe.each(kinds)('lookup paths on %s', (kind) => {
  let server: SecurityServer;
  let admin: TenantAdmin;
  let rep: string;
  let repId: string;
  const account: Record<string, string> = {};
  const deal: Record<string, string> = {};
  const q = (rule: unknown) => encodeURIComponent(JSON.stringify(rule));
  const asRep = (path: string) => server.request('GET', path, { cookie: rep });
  const asAdmin = (path: string) => server.request('GET', path, { token: admin.token });
  const names = async (result: Awaited<ReturnType<typeof asAdmin>>) => {
    expect(result.status, result.text).toBe(200);
    return (result.body.data as { name: string }[]).map((row) => row.name);
  };

  beforeAll(async () => {
    server = await startSecurityServer(kind);
    admin = new TenantAdmin(server, 'paths', await server.createTenant('paths'));
    await admin.call('POST', '/api/v1/metadata/apply', lookupPathBundle);
    const sales = await admin.permissionSet('sales', {
      account: { read: true, fields: { secret: 'none' } },
      deal: { create: true, read: true, edit: true },
    });
    repId = await admin.user('rep@example.com', { permissionSetIds: [sales] });
    rep = await admin.signIn('rep@example.com');
    // Accounts are private: the rep reads only the ones they own.
    await admin.call('PUT', '/api/v1/security/object-access/account', { defaultAccess: 'private' });
    account.group = (await admin.call('POST', ACCOUNTS, { name: 'Group', region: 'apac', owner_id: repId })).id;
    account.east = (await admin.call('POST', ACCOUNTS, { name: 'East', region: 'emea', parent: account.group, secret: 's-east', owner_id: repId })).id;
    account.west = (await admin.call('POST', ACCOUNTS, { name: 'West', region: 'apac', secret: 's-west' })).id;
    for (const [name, amount, of] of [
      ['D1', 10, 'east'],
      ['D2', 20, 'west'],
      ['D3', 30, undefined],
      ['D4', 40, 'group'],
    ] as const) {
      deal[name] = (await admin.call('POST', DEALS, { name, amount, account: of ? account[of] : null, owner_id: repId })).id;
    }
  });

  afterAll(async () => {
    await server?.close();
  });

  it('filters, sorts and projects through one and two lookups', async () => {
    expect(await names(await asAdmin(`${DEALS}?sort=name&filter=${q({ '==': [{ var: 'account.region' }, 'apac'] })}`))).toEqual(['D2', 'D4']);
    expect(await names(await asAdmin(`${DEALS}?sort=name&filter=${q({ '==': [{ var: 'account.parent.name' }, 'Group'] })}`))).toEqual(['D1']);
    // A missing parent is null, as an empty field: `!=` keeps it, as json-logic-js would.
    expect(await names(await asAdmin(`${DEALS}?sort=name&filter=${q({ '!=': [{ var: 'account.region' }, 'apac'] })}`))).toEqual(['D1', 'D3']);
    expect(await names(await asAdmin(`${DEALS}?sort=-account.name,name`))).toEqual(['D2', 'D4', 'D1', 'D3']);
    const projected = await asAdmin(`${DEALS}?sort=name&fields=name,account.region,account.parent.name`);
    expect(projected.body.data).toEqual([
      { id: deal.D1, name: 'D1', 'account.region': 'emea', 'account.parent.name': 'Group' },
      { id: deal.D2, name: 'D2', 'account.region': 'apac', 'account.parent.name': null },
      { id: deal.D3, name: 'D3', 'account.region': null, 'account.parent.name': null },
      { id: deal.D4, name: 'D4', 'account.region': 'apac', 'account.parent.name': null },
    ]);
  });

  it('pages a path sort with cursors, every row once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof asAdmin>> = await asAdmin(`${DEALS}?sort=account.name,name&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...(await names(page)));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['D1', 'D4', 'D2', 'D3']);
  });

  it('reads the parent live in a formula: a parent change shows at once', async () => {
    const before = await asAdmin(`${DEALS}/${deal.D1}`);
    expect(before.body.account_region).toBe('emea');
    expect(before.body.big_in_region).toBe('emea:10');
    await admin.call('PATCH', `${ACCOUNTS}/${account.east}`, { region: 'apac' });
    expect((await asAdmin(`${DEALS}/${deal.D1}`)).body.account_region).toBe('apac');
    expect(await names(await asAdmin(`${DEALS}?sort=name&filter=${q({ '==': [{ var: 'account_region' }, 'apac'] })}`))).toEqual(['D1', 'D2', 'D4']);
    await admin.call('PATCH', `${ACCOUNTS}/${account.east}`, { region: 'emea' });
  });

  it('reads an unreadable parent as null, and a filter cannot tell hidden from empty', async () => {
    const rows = (await asRep(`${DEALS}?sort=name&fields=name,account.name`)).body.data;
    expect(rows.map((row: Record<string, unknown>) => row['account.name'])).toEqual(['East', null, null, 'Group']);
    // D2's account (West) is not the rep's: it answers exactly as D3's empty lookup.
    expect(await names(await asRep(`${DEALS}?sort=name&filter=${q({ '==': [{ var: 'account.name' }, 'West'] })}`))).toEqual([]);
    expect(await names(await asRep(`${DEALS}?sort=name&filter=${q({ '==': [{ var: 'account.name' }, null] })}`))).toEqual(['D2', 'D3']);
  });

  it('refuses a hidden parent field exactly like an unknown one', async () => {
    for (const name of ['account.secret', 'account.nope']) {
      expectProblem(
        await asRep(`${DEALS}?filter=${q({ '==': [{ var: name }, 's-west'] })}`),
        400,
        'TSR160',
        [{ path: 'filter/==/0/var', code: 'TSR160' }],
        true,
      );
      expectProblem(await asRep(`${DEALS}?sort=${name}`), 400, 'TSR160', [{ path: 'sort', code: 'TSR160' }], true);
      expectProblem(await asRep(`${DEALS}?fields=${name}`), 400, 'TSR160', [{ path: 'fields', code: 'TSR160' }], true);
    }
    const hidden = await asRep(`${DEALS}?sort=account.secret`);
    const unknown = await asRep(`${DEALS}?sort=account.nope`);
    expect(hidden.body.errors[0].message.replaceAll('secret', 'X')).toBe(unknown.body.errors[0].message.replaceAll('nope', 'X'));
    // A formula over the hidden parent field is hidden from the rep too; the administrator reads both.
    const mine = await asRep(`${DEALS}/${deal.D1}`);
    expect(mine.status, mine.text).toBe(200);
    expect(mine.body).not.toHaveProperty('account_secret');
    expect(mine.body.account_region).toBe('emea');
    expect((await asAdmin(`${DEALS}/${deal.D1}`)).body.account_secret).toBe('s-east');
    expect((await asAdmin(`${DEALS}?sort=name&fields=account.secret`)).body.data[0]['account.secret']).toBe('s-east');
  });

  it('refuses paths through a non-lookup, past three lookups, or malformed', async () => {
    for (const [path, text] of [
      ['name.length', 'is not a lookup field'],
      ['account.parent.parent.parent.name', 'at most 3'],
      ['account..name', 'not a lookup path'],
    ] as const) {
      const result = await asAdmin(`${DEALS}?sort=${path}`);
      expectProblem(result, 400, 'TSR160', [{ path: 'sort', code: 'TSR160' }], true);
      expect(result.body.errors[0].message).toContain(text);
    }
    // Three hops are allowed.
    expect((await asAdmin(`${DEALS}?fields=account.parent.parent.name`)).status).toBe(200);
    // A picklist through a path keeps its values: a typo is refused, not an empty list.
    expectProblem(await asAdmin(`${DEALS}?filter=${q({ '==': [{ var: 'account.region' }, 'asia'] })}`), 400, 'TSR103');
  });

  it('refuses a formula through a non-lookup or an unknown parent field when the metadata is saved', async () => {
    const bad = structuredClone(lookupPathBundle);
    const dealObject = bad.objects[1] as { fields: unknown[] };
    dealObject.fields.push({ apiName: 'broken', type: 'formula', labels: { en: 'Broken', zh: '错误' }, returns: 'text', expression: { var: 'account.nope' } });
    const refused = await server.request('POST', '/api/v1/metadata/validate', { token: admin.token, body: bad });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.text).toContain('account.nope');
  });
});
