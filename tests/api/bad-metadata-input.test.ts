// Bad definitions and settings (issue #15 property findings, issue #22 "Correctness under bad
// input"): each once saved fine and then made record writes or reads answer 500, or answered 500
// itself. Now each is refused with a 4xx naming the path, or works. PostgreSQL and PGlite (the
// apply that meets concurrent writes needs a second connection: PostgreSQL only, said in a line).
import { applyChange, testDriverKinds } from '@tessera/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/api-assertions.ts';
import { startTestServer, type TenantClient, type TestServer } from '../support/test-server.ts';
import { account, DUPLICATE_RULES, opportunity } from '../rules/rules-fixtures.ts';

const kinds = await testDriverKinds();
const labels = { en: 'Field' };

describe.each(kinds)('bad metadata input on %s', (kind) => {
  let server: TestServer;
  let tenants = 0;
  const freshTenant = async (): Promise<{ api: TenantClient; slug: string }> => {
    tenants += 1;
    const slug = `badmeta_${tenants}`;
    return { api: server.tenant(await server.createTenant(slug)), slug };
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses a picklist or multi-select without an active value at save (422 TSR233), naming its values', async () => {
    const { api } = await freshTenant();
    const document = {
      objects: [
        {
          apiName: 'ticket',
          labels: { en: 'Ticket' },
          fields: [
            { apiName: 'name', type: 'text', labels, required: true },
            { apiName: 'f0', type: 'picklist', labels, values: [{ apiName: 'open', labels, inactive: true }] },
            {
              apiName: 'f1',
              type: 'multipicklist',
              labels,
              values: [
                { apiName: 'a', labels, inactive: true },
                { apiName: 'b', labels, inactive: true },
              ],
            },
          ],
        },
      ],
    };
    const refused = await api.apply(document);
    expectProblem(
      refused,
      422,
      'TSR200',
      [
        { path: '/objects/0/fields/1/values', code: 'TSR233' },
        { path: '/objects/0/fields/2/values', code: 'TSR233' },
      ],
      true,
    );
    expect((await api.get('/api/v1/metadata')).body.objects ?? []).toEqual([]);
    // One active value is enough, and records take it.
    document.objects[0]!.fields[1]!.values = [
      { apiName: 'open', labels, inactive: true },
      { apiName: 'closed', labels },
    ] as never;
    document.objects[0]!.fields[2]!.values![1] = { apiName: 'b', labels } as never;
    expect((await api.apply(document)).status).toBe(200);
    const created = await api.post('/api/v1/objects/ticket/records', { name: 't', f0: 'closed', f1: ['b'] });
    expect(created.status, created.text).toBe(201);
    expectProblem(await api.post('/api/v1/objects/ticket/records', { name: 't', f0: 'open' }), 400, 'TSR400', [{ path: '/f0', code: 'TSR406' }], true);
  });

  it('answers 4xx, not 500, for validation rules and formulas nested 2,000 levels deep', async () => {
    const { api } = await freshTenant();
    let condition: unknown = { '==': [{ var: 'name' }, 'x'] };
    for (let depth = 0; depth < 2000; depth++) condition = { '!': [condition] };
    let expression: unknown = 1;
    for (let depth = 0; depth < 2000; depth++) expression = { '+': [expression, 1] };
    const document = {
      objects: [
        {
          ...account(),
          fields: [...account().fields, { type: 'formula', apiName: 'deep', labels, returns: 'number', expression }],
          validationRules: [{ apiName: 'deep_rule', condition, message: { en: 'no' } }],
        },
      ],
    };
    const refused = await api.apply(document);
    expect(refused.status, refused.text.slice(0, 400)).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    const paths = (refused.body.errors as { path: string }[]).map((error) => error.path);
    expect(
      paths.some((path) => path.startsWith('/objects/0/validationRules/0')),
      paths.join(', '),
    ).toBe(true);
    expect(
      paths.some((path) => path.startsWith('/objects/0/fields/2')),
      paths.join(', '),
    ).toBe(true);
  });

  it('stores duplicate keys of a 10 kB text value and still blocks its duplicate (digest index)', async () => {
    const { api } = await freshTenant();
    const longText = { type: 'textarea', apiName: 'bio', labels, maxLength: 20000 };
    const rules = [...DUPLICATE_RULES, { apiName: 'same_bio', fields: [{ field: 'bio', normalise: ['case', 'whitespace'] }], action: 'block' }];
    const applied = await api.apply({ objects: [account([longText], { duplicateRules: rules }), opportunity()] });
    expect(applied.status, applied.text).toBe(200);
    const bio = Array.from({ length: 2000 }, (_, index) => `word${index}`)
      .join(' ')
      .slice(0, 10_240);
    const first = await api.post('/api/v1/objects/account/records', { name: 'First', bio });
    expect(first.status, first.text).toBe(201);
    // Same text in another case and spacing: the same normalised key, so blocked.
    const duplicate = await api.post('/api/v1/objects/account/records', { name: 'Second', bio: `  ${bio.toUpperCase()} ` });
    expectProblem(duplicate, 409, 'TSR510');
    const other = await api.post('/api/v1/objects/account/records', { name: 'Third', bio: `${bio} more` });
    expect(other.status, other.text).toBe(201);
    expect((await api.list('account', { sort: 'name' })).body.data.map((record: { name: string }) => record.name)).toEqual(['First', 'Third']);
  });
});

// While an apply runs inside its transaction, a record is written on another connection: PGlite
// has one connection, so there the write would wait for the apply and the race cannot happen.
if (kinds.includes('postgres')) {
  describe('an apply meeting concurrent writes on postgres', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer('postgres');
    });
    afterAll(async () => {
      await server?.close();
    });

    it('answers 409 TSR213 when records written during an apply break one of its steps', async () => {
      const tenantSlug = 'badmeta_concurrent';
      const api = server.tenant(await server.createTenant(tenantSlug));
      const slug = tenantSlug;
      const ticket = (required: boolean) => ({
        objects: [
          {
            apiName: 'ticket',
            labels: { en: 'Ticket' },
            fields: [
              { apiName: 'name', type: 'text', labels },
              { apiName: 'note', type: 'text', labels, required },
            ],
          },
        ],
      });
      expect((await api.apply(ticket(false))).status).toBe(200);
      expect((await api.post('/api/v1/objects/ticket/records', { name: 'a', note: 'filled' })).status).toBe(201);
      const outcome = await applyChange(
        server.database.db,
        { slug, schema: `t_${slug}` },
        { document: ticket(true) },
        {
          author: 'test',
          // The plan has checked that no ticket lacks a note; another request now saves one without.
          beforeStep: async () => {
            const written = await api.post('/api/v1/objects/ticket/records', { name: 'b' });
            expect(written.status, written.text).toBe(201);
          },
        },
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(outcome).toMatchObject({ code: 'TSR213', status: 409, errors: [{ path: '/steps/0', code: 'TSR213' }] });
      // Nothing was applied: the field is still optional, and both tickets are there.
      const definition = await api.get('/api/v1/metadata');
      expect(definition.body.objects[0].fields.find((field: { apiName: string }) => field.apiName === 'note').required).toBeFalsy();
      expect((await api.list('ticket')).body.data).toHaveLength(2);
    });
  });
} else {
  console.log('bad-metadata-input: no PostgreSQL server, so the apply-meets-concurrent-writes case (it needs a second connection) does not run');
}
