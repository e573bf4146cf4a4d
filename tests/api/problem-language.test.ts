// Problems in the request's language (issue #18): with Accept-Language preferring Chinese, the
// codes end users meet — a sign-in refused, a bad filter, a record missing a required field, a
// stage move refused, a record locked by a pending approval — come back with Chinese title,
// detail and per-path messages; the code, status and paths are the same as in English, which
// stays the default (no header, `en`, or Chinese ranked below English).
import { type ErrorCode, type ObjectDef, PROBLEM_TITLES_ZH } from '@tessera/metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import { dealObject } from '../pipelines/pipeline-fixtures.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are dynamic JSON
type Json = Record<string, any>;
const kinds = await testDriverKinds();
const HAN = /[\u3400-\u9fff]/;
const ZH = { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' };

const deal: ObjectDef = {
  ...dealObject,
  approvalFlows: [
    {
      apiName: 'big_deal',
      labels: { en: 'Big deal', zh: '大额商机' },
      steps: [{ apiName: 'boss', labels: { en: 'Boss', zh: '老板' }, approvers: [{ type: 'user', email: 'boss@example.com' }] }],
    },
  ],
};

describe.each(kinds)('problem messages by Accept-Language on %s', (kind) => {
  let server: RunningSecurityServer;
  let token = '';
  let seller = '';
  const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    server.request<Json>(method, path, { token, ...(body === undefined ? {} : { body }), headers });
  const records = '/api/v1/objects/deal/records';

  /** The same request in English and Chinese: same status, code and paths; Chinese texts only in zh. */
  async function both(method: string, path: string, body: unknown, auth = true) {
    const request = (headers: Record<string, string>) =>
      auth ? send(method, path, body, headers) : server.request<Json>(method, path, { ...(body === undefined ? {} : { body }), headers });
    const en = await request({ 'accept-language': 'en-US' });
    const zh = await request(ZH);
    expect(zh.status, zh.text).toBe(en.status);
    expect(zh.headers.get('content-type')).toContain('application/problem+json');
    expect(zh.body.code).toBe(en.body.code);
    expect(zh.body.errors.map((error: Json) => [error.path, error.code])).toEqual(en.body.errors.map((error: Json) => [error.path, error.code]));
    expect(HAN.test(en.body.title) || HAN.test(en.body.detail)).toBe(false);
    expect(zh.body.title).toBe(PROBLEM_TITLES_ZH[zh.body.code as ErrorCode]);
    expect(zh.body.detail).toMatch(HAN);
    for (const error of zh.body.errors) expect(error.message, JSON.stringify(error)).toMatch(HAN);
    return { en: en.body, zh: zh.body };
  }

  beforeAll(async () => {
    server = await startSecurityServer(kind, { rateLimit: false });
    token = await server.createTenant('language');
    const admin = new TenantAdmin(server, 'language', token);
    await admin.user('boss@example.com', { admin: true });
    await admin.call('POST', '/api/v1/metadata/apply', { objects: [deal] });
    const sellers = await admin.permissionSet('sellers', { deal: { read: true, create: true, edit: true, viewAll: true, modifyAll: true } });
    await admin.user('ann@example.com', { permissionSetIds: [sellers] });
    seller = await admin.userToken('ann@example.com');
  }, 120_000);
  afterAll(async () => server?.close());

  it('a refused sign-in', async () => {
    const { zh } = await both('POST', '/api/v1/auth/sign-in', { tenant: 'language', email: 'ann@example.com', password: 'wrong password!' }, false);
    expect(zh.code).toBe('TSR301');
    expect(zh.detail).toBe('邮箱或密码不正确，或登录已过期。');
  });

  it('a filter the list cannot read, naming each place', async () => {
    const filter = encodeURIComponent(JSON.stringify({ and: [{ '>': [{ var: 'ghost' }, 1] }, { '==': [{ var: 'amount' }, 'lots'] }] }));
    const { zh } = await both('GET', `${records}?filter=${filter}`, undefined);
    expect(zh.errors.length).toBeGreaterThanOrEqual(1);
    for (const error of zh.errors) expect(error.message).toBe(PROBLEM_TITLES_ZH[error.code as ErrorCode]);
  });

  it('a record without its required field and with a value out of range', async () => {
    const { zh, en } = await both('POST', records, { amount: -5 });
    expect(en.errors.map((error: Json) => error.path).sort()).toEqual(['/amount', '/name']);
    expect(zh.errors.find((error: Json) => error.path === '/name')?.message).toBe('缺少必填字段');
  });

  it('a stage move refused for a missing field', async () => {
    const created = await send('POST', records, { name: 'Stage', amount: 100 });
    expect(created.status, created.text).toBe(201);
    const { zh } = await both('POST', `${records}/${created.body.id}/stage`, { stage: 'qualification' });
    expect(zh.code).toMatch(/^TSR53\d$/);
    expect(zh.errors.some((error: Json) => error.path.includes('next_step'))).toBe(true);
  });

  it('a record locked by a pending approval', async () => {
    const created = await send('POST', records, { name: 'Locked', amount: 100 });
    const submitted = await send('POST', '/api/v1/approvals/requests', { object: 'deal', recordId: created.body.id, flow: 'big_deal' });
    expect(submitted.status, submitted.text).toBe(201);
    // A seller (not an administrator, who could still edit) tries to change the locked record.
    const locked = async (headers: Record<string, string>) =>
      server.request<Json>('PATCH', `${records}/${created.body.id}`, { token: seller, body: { name: 'x' }, headers });
    const en = await locked({});
    const zh = await locked(ZH);
    expect(en.status, en.text).toBe(409);
    expect(en.body).toMatchObject({ code: 'TSR559', title: 'Record is locked by a pending approval' });
    expect(zh.status).toBe(409);
    expect(zh.body).toMatchObject({ code: 'TSR559', title: '记录审批中，已锁定', detail: '记录正在审批中，已锁定，审批完成前不能修改。' });
    expect(zh.body.errors).toEqual([{ path: '', code: 'TSR559', message: '记录审批中，已锁定' }]);
  });

  it('keeps English by default and when Chinese is ranked lower', async () => {
    for (const headers of [{}, { 'accept-language': 'en-GB,zh;q=0.5' }, { 'accept-language': 'fr' }] as Record<string, string>[]) {
      const response = await send('GET', '/api/v1/objects/ghost/records', undefined, headers);
      expect(response.body).toMatchObject({ code: 'TSR110', title: 'Object not found' });
    }
    const zh = await send('GET', '/api/v1/objects/ghost/records', undefined, { 'accept-language': 'fr;q=0.9, zh-TW' });
    expect(zh.body).toMatchObject({ code: 'TSR110', title: '对象不存在' });
  });
});
