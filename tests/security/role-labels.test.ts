// Roles and permission sets are named in both languages: `labels { zh, en }` on create and patch,
// `label` kept as the single-language name older clients read (English first when only `labels` is
// sent). Bad labels are refused with a path per problem and change nothing; a package's roles and
// sets install with their labels.
import { testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { type SecurityServer, startSecurityServer, TenantAdmin } from './security-server.ts';

const kinds = await testDriverKinds();

describe.each(kinds)('role and permission set labels on %s', (kind) => {
  let server: SecurityServer;
  let admin: TenantAdmin;

  beforeAll(async () => {
    server = await startSecurityServer(kind);
    admin = new TenantAdmin(server, 'labels', await server.createTenant('labels'));
  });

  afterAll(async () => {
    await server?.close();
  });

  for (const kindOfThing of ['roles', 'permission-sets'] as const) {
    const path = `/api/v1/security/${kindOfThing}`;

    it(`${kindOfThing}: created and re-labelled in both languages, \`label\` following`, async () => {
      const created = await admin.call('POST', path, { name: 'lead', labels: { zh: '组长', en: 'Lead' } });
      expect(created).toMatchObject({ name: 'lead', label: 'Lead', labels: { zh: '组长', en: 'Lead' } });
      const chineseOnly = await admin.call('POST', path, { name: 'clerk', labels: { zh: '文员' } });
      expect(chineseOnly).toMatchObject({ label: '文员', labels: { zh: '文员' } });
      const legacy = await admin.call('POST', path, { name: 'legacy', label: 'Old style' });
      expect(legacy).toMatchObject({ label: 'Old style', labels: {} });

      const patched = await admin.call('PATCH', `${path}/${created.id}`, { labels: { zh: '小组长', en: 'Team lead' } });
      expect(patched).toMatchObject({ label: 'Team lead', labels: { zh: '小组长', en: 'Team lead' } });
      const listed = (await admin.call('GET', path)).data as { name: string; labels: unknown }[];
      expect(listed.find((item) => item.name === 'lead')?.labels).toEqual({ zh: '小组长', en: 'Team lead' });
    });

    it(`${kindOfThing}: bad labels are refused at their paths and nothing is saved`, async () => {
      const before = (await admin.call('GET', path)).data;
      for (const [labels, paths] of [
        [{}, ['/labels']],
        [{ fr: 'Chef' }, ['/labels/fr']],
        [{ zh: '', en: 7 }, ['/labels/zh', '/labels/en']],
        [{ en: 'x'.repeat(201) }, ['/labels/en']],
        ['Lead', ['/labels']],
      ] as const) {
        const refused = await server.request('POST', path, { token: admin.token, body: { name: 'refused', labels } });
        expectProblem(
          refused,
          422,
          'TSR308',
          paths.map((pointer) => ({ path: pointer, code: 'TSR308' })),
        );
      }
      expect((await admin.call('GET', path)).data).toEqual(before);
    });
  }
});
