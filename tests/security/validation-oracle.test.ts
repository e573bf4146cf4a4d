// Validation rules that read hidden fields are an oracle (issue #22, Access 3): the plan warns the
// admin which permission sets could probe which hidden fields through which rule (TSR320 warnings),
// and writes failing validation are limited per user and object (429 TSR313 + Retry-After, an
// audit entry when the limit trips). The bisection below is the attack that recovered a hidden
// margin in 24 patches; with a limit of 5 it stops at the 6th. PostgreSQL and PGlite.
import type { ObjectDef } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from './security-server.ts';
import { labels } from './stage-picklist.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();
const LIMIT = 5;

const deal: ObjectDef = {
  apiName: 'deal',
  labels: labels('Deal'),
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name'), required: true },
    { apiName: 'discount', type: 'number', labels: labels('Discount') },
    { apiName: 'margin', type: 'number', labels: labels('Margin') },
  ],
  validationRules: [
    {
      apiName: 'discount_within_margin',
      condition: { or: [{ '==': [{ var: 'discount' }, null] }, { '<=': [{ var: 'discount' }, { var: 'margin' }] }] },
      message: labels('Discount too high'),
    },
    { apiName: 'name_allowed', condition: { '!=': [{ var: 'name' }, 'forbidden'] }, message: labels('Name not allowed') },
  ],
};

describe.each(kinds)('validation oracle on %s', (kind) => {
  let server: RunningSecurityServer;
  const tokens: Record<string, string> = {};
  const call = (who: string, method: string, path: string, body?: unknown) =>
    server.request<Json>(method, path, { token: tokens[who], ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false, validationFailures: { perMinute: LIMIT } });
    tokens.tenant = await server.createTenant('oracle');
    const admin = new TenantAdmin(server, 'oracle', tokens.tenant);
    await admin.call('POST', '/api/v1/metadata/apply', { objects: [deal] });
    const reps = await admin.permissionSet('reps', { deal: { create: true, read: true, edit: true, fields: { margin: 'none' } } });
    await admin.permissionSet('viewers', { deal: { read: true, fields: { margin: 'none' } } });
    await admin.permissionSet('finance', { deal: { read: true, edit: true } });
    for (const name of ['rep', 'other']) {
      await admin.user(`${name}@example.com`, { permissionSetIds: [reps] });
      tokens[name] = await admin.userToken(`${name}@example.com`);
    }
  }, 120_000);
  afterAll(async () => server?.close());

  it('the plan warns which permission set could probe which hidden field through which rule', async () => {
    const plan = await call('tenant', 'POST', '/api/v1/metadata/plan', { objects: [deal] });
    expect(plan.status, plan.text).toBe(200);
    // Only `reps` writes deals without seeing margin: viewers cannot write, finance sees margin.
    expect(plan.body.warnings).toEqual([
      {
        code: 'TSR320',
        object: 'deal',
        rule: 'discount_within_margin',
        permissionSet: 'reps',
        fields: ['margin'],
        message: expect.stringContaining("'discount_within_margin'"),
      },
    ]);
    const safe = { ...deal, validationRules: deal.validationRules?.slice(1) };
    const safePlan = await call('tenant', 'POST', '/api/v1/metadata/plan', { objects: [safe] });
    expect(safePlan.body.warnings).toEqual([]);
  });

  it('failed validations are limited per user and object: 429 TSR313, audited; others are unaffected', async () => {
    const created = await call('rep', 'POST', '/api/v1/objects/deal/records', { name: 'Probe' });
    expect(created.status, created.text).toBe(201);
    const id = created.body.id;
    expect((await call('tenant', 'PATCH', `/api/v1/objects/deal/records/${id}`, { margin: 370_001 })).status).toBe(200);
    // Bisect the hidden margin through the rule, as the attacker did.
    let low = 0;
    let high = 1_000_000;
    const answers: number[] = [];
    for (let attempt = 0; attempt < 24; attempt++) {
      const guess = Math.floor((low + high) / 2);
      const result = await call('rep', 'PATCH', `/api/v1/objects/deal/records/${id}`, { discount: guess });
      answers.push(result.status);
      if (result.status === 429) {
        expect(result.body).toMatchObject({ code: 'TSR313', status: 429 });
        expect(Number(result.headers.get('retry-after'))).toBeGreaterThan(0);
        break;
      }
      if (result.status === 200) low = guess;
      else high = guess;
    }
    expect(answers.filter((status) => status === 422)).toHaveLength(LIMIT);
    expect(answers.at(-1)).toBe(429);
    expect(high - low).toBeGreaterThan(1); // the margin was not recovered
    // The limit is per user: another rep still writes, and gets the plain validation answer.
    const other = await call('other', 'POST', '/api/v1/objects/deal/records', { name: 'Fine' });
    expect(other.status).toBe(201);
    const log = await call('tenant', 'GET', '/api/v1/audit/log?event=validation.throttled');
    expect(log.status, log.text).toBe(200);
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0]).toMatchObject({ event: 'validation.throttled', target: 'deal', detail: { object: 'deal', failures: LIMIT } });
  });
});
