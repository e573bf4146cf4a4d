// Property (issue #21): lookup paths agree with json-logic-js. Random rules of the filter grammar,
// renamed onto a chain contact → account → region → zone (path-chain.ts), filter the contacts of
// one generated batch; the rows the API selects are exactly the rows json-logic-js finds truthy
// when each is given its joined values as the API renders them (`fields=account.amount,…`), for
// the admin and for a rep who may not read `account.secret` nor accounts they do not own (those
// read as null, and a rule reading the hidden field is refused with TSR160 naming it). Random value
// rules over the same paths, saved as the contact's formula `f`, answer what the metamodel's
// evaluator computes on those joined values. Rows a documented divergence names are left out by
// name (divergences.ts). PostgreSQL and PGlite.
import { evaluateFormula, type NormalisedFormulaField, type NormalisedObject, registerTesseraOperators, ruleContextAt } from '@tessera/metadata';
import { testDriverKinds } from '@tessera/runtime';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSecurityServer, startSecurityServer, TenantAdmin } from '../security/security-server.ts';
import type { HttpResult } from '../support/test-server.ts';
import { divergencesOf } from './divergences.ts';
import { NOW, ROW_FIELD_NAMES, type Row, TODAY } from './filter-rows.ts';
import { expectProblemJson } from './http-answers.ts';
import { type ChainData, chainDataArbitrary, chainDocument, HIDDEN_FROM_REP, linked, onChain, PATH_OF, reads } from './path-chain.ts';
import { announceSeed, propertyParameters } from './property-config.ts';
import { ruleGrammar } from './rule-arbitraries.ts';

registerTesseraOperators(jsonLogic);
announceSeed('path-agreement.property');

const kinds = await testDriverKinds();
const grammar = ruleGrammar();
const filterRule = fc.oneof(grammar.cond, grammar.any);
/** A value rule and the formula return type its slot fills. */
const formulaRule = fc.oneof(
  grammar.num.map((rule) => ({ rule, returns: 'number' })),
  grammar.text.map((rule) => ({ rule, returns: 'text' })),
  grammar.date.map((rule) => ({ rule, returns: 'date' })),
  grammar.cond.map((rule) => ({ rule, returns: 'boolean' })),
);
const records = (object: string) => `/api/v1/objects/${object}/records`;
const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const FORMULA_SCALE = 4;
type ListAnswer = { data: Array<Record<string, unknown>> };

describe.each(kinds)('lookup paths agree with json-logic-js on %s', (kind) => {
  let server: RunningSecurityServer;
  let admin: TenantAdmin;
  let rep: string;
  let repId: string;
  let batches = 0;
  /** Rows both sides selected, and joined values read through two or three lookups: a property over empty joins would prove little. */
  const seen = { selected: 0, deepValues: 0 };
  const asAdmin = (method: string, path: string, body?: unknown) => server.request(method, path, { token: admin.token, body });
  const asRep = (path: string) => server.request<ListAnswer>('GET', path, { cookie: rep });

  beforeAll(async () => {
    server = await startSecurityServer(kind, {}, { clock: () => new Date(NOW) });
    admin = new TenantAdmin(server, 'pathprops', await server.createTenant('pathprops'));
    await admin.call('POST', '/api/v1/metadata/apply', chainDocument());
    const reps = await admin.permissionSet('reps', {
      pp_contact: { read: true },
      pp_account: { read: true, fields: { secret: 'none' } },
      pp_region: { read: true },
      pp_zone: { read: true },
    });
    repId = await admin.user('rep@example.com', { permissionSetIds: [reps] });
    rep = await admin.signIn('rep@example.com');
    // Accounts are private: the rep reads the ones generated as theirs; the others read as null.
    await admin.call('PUT', '/api/v1/security/object-access/pp_account', { defaultAccess: 'private' });
  }, 300_000); // a server, a tenant, four objects and a user: minutes on a loaded machine

  afterAll(async () => {
    await server?.close();
  });

  /** Creates one batch of the chain through the API (recycling the accounts marked so); its number. */
  async function seed(data: ChainData): Promise<number> {
    const batch = ++batches;
    const create = async (object: string, body: Record<string, unknown>) => (await admin.call<{ id: string }>('POST', records(object), body)).id;
    const zones: string[] = [];
    for (const zone of data.zones) zones.push(await create('pp_zone', zone));
    const regions: string[] = [];
    for (const { code, zone } of data.regions) regions.push(await create('pp_region', { code, zone: linked(zones, zone) }));
    const accounts: string[] = [];
    for (const { repOwns, recycled: _, region, ...fields } of data.accounts)
      accounts.push(await create('pp_account', { ...fields, region: linked(regions, region), ...(repOwns ? { owner_id: repId } : {}) }));
    for (const { account, ...fields } of data.contacts) await create('pp_contact', { ...fields, batch, account: linked(accounts, account), owner_id: repId });
    for (const [index, account] of data.accounts.entries()) if (account.recycled) await admin.call('DELETE', `${records('pp_account')}/${accounts[index]}`);
    return batch;
  }

  const inBatch = (batch: number, rule?: unknown) => {
    const own = { '==': [{ var: 'batch' }, batch] };
    return q(rule === undefined ? own : { and: [own, rule] });
  };

  /** The batch's contacts as json-logic-js rows: each row field read from its path as the API renders it. */
  async function joinedRows(get: (path: string) => Promise<HttpResult<ListAnswer>>, batch: number, hidden: readonly string[], withFormula = false) {
    const paths = ROW_FIELD_NAMES.filter((name) => !hidden.includes(name)).map((name) => PATH_OF[name]);
    const listed = await get(
      `${records('pp_contact')}?limit=200&sort=created_at,id&fields=${[...paths, ...(withFormula ? ['f'] : [])].join(',')}&filter=${inBatch(batch)}`,
    );
    expect(listed.status, listed.text.slice(0, 600)).toBe(200);
    const api = listed.body.data as Array<Record<string, unknown>>;
    const rows = api.map((record, index) => {
      const values = Object.fromEntries(ROW_FIELD_NAMES.map((name) => [name, record[PATH_OF[name]]]));
      return { id: index + 1, ...values, $today: TODAY, $now: NOW } as Row;
    });
    return { rows, ids: api.map((record) => record.id as string), api };
  }

  async function expectAgreement(
    get: (path: string) => Promise<HttpResult<ListAnswer>>,
    batch: number,
    rule: unknown,
    hidden: readonly string[],
  ): Promise<boolean> {
    const { rows, ids } = await joinedRows(get, batch, hidden);
    const selected = await get(`${records('pp_contact')}?limit=200&fields=id&filter=${inBatch(batch, onChain(rule))}`);
    const summary = `${JSON.stringify(onChain(rule))} → ${selected.status} ${selected.text.slice(0, 400)}`;
    if (selected.status !== 200) {
      expect(selected.status, summary).toBe(400);
      for (const error of expectProblemJson(selected, summary).errors) expect(error.code, summary).toMatch(/^TSR[15]\d\d$/);
      return false;
    }
    const comparable = rows.filter((row) => divergencesOf(rule, row).length === 0);
    const bySql = new Set(selected.body.data.map((record) => record.id));
    const expected = comparable.filter((row) => jsonLogic.truthy(jsonLogic.apply(rule as never, row))).map((row) => ids[row.id - 1]);
    const got = comparable.map((row) => ids[row.id - 1]).filter((id) => bySql.has(id as string));
    expect(got, `${summary}\nrows ${JSON.stringify(rows)}`).toEqual(expected);
    seen.selected += got.length;
    seen.deepValues += rows.filter((row) => row.code !== null || row.due !== null).length;
    return true;
  }

  it('list filters over paths select exactly the rows json-logic-js selects on the joined values, for the admin and a restricted rep', async () => {
    let accepted = 0;
    let refusedHidden = 0;
    await fc.assert(
      fc.asyncProperty(chainDataArbitrary, fc.array(filterRule, { minLength: 1, maxLength: 6 }), async (data, rules) => {
        const batch = await seed(data);
        for (const rule of rules) {
          if (await expectAgreement((path) => server.request<ListAnswer>('GET', path, { token: admin.token }), batch, rule, [])) accepted += 1;
          if (!reads(rule, HIDDEN_FROM_REP)) await expectAgreement(asRep, batch, rule, [HIDDEN_FROM_REP]);
          else {
            // A field the rep may not read is refused like an unknown one, naming the path.
            const refused = await asRep(`${records('pp_contact')}?fields=id&filter=${inBatch(batch, onChain(rule))}`);
            expect(refused.status, refused.text).toBe(400);
            expect(refused.text).toContain(PATH_OF[HIDDEN_FROM_REP]);
            refusedHidden += 1;
          }
        }
      }),
      propertyParameters(40),
    );
    expect(accepted).toBeGreaterThan(propertyParameters(40).numRuns! / 2);
    expect(refusedHidden).toBeGreaterThan(0);
    expect(seen.selected).toBeGreaterThan(10);
    expect(seen.deepValues).toBeGreaterThan(10);
  }, 600_000);

  it('a formula reading paths answers what the evaluator computes on the joined values', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(chainDataArbitrary, formulaRule, async (data, { rule, returns }) => {
        const scale = returns === 'number' ? { scale: FORMULA_SCALE } : {};
        const applied = await asAdmin('POST', '/api/v1/metadata/apply', chainDocument({ returns, expression: onChain(rule), ...scale }));
        const summary = `${returns} ${JSON.stringify(onChain(rule))} → ${applied.status} ${applied.text.slice(0, 400)}`;
        if (applied.status !== 200) {
          expect(applied.status, summary).toBe(422);
          for (const error of expectProblemJson(applied, summary).errors) expect(error.code, summary).toMatch(/^TSR[15]\d\d$/);
          return;
        }
        accepted += 1;
        const batch = await seed(data);
        const model = await asAdmin('GET', '/api/v1/metadata');
        const contact = (model.body.objects as NormalisedObject[]).find((object) => object.apiName === 'pp_contact');
        const field = contact?.fields.find((candidate) => candidate.apiName === 'f') as NormalisedFormulaField;
        const { rows, api } = await joinedRows((path) => server.request<ListAnswer>('GET', path, { token: admin.token }), batch, [], true);
        const comparable = rows.filter((row) => divergencesOf(rule, row).length === 0);
        const bySql = comparable.map((row) => [row.id, api[row.id - 1]?.f]);
        // The metamodel's evaluator reads each path from the key the list rendered it under.
        const byJs = comparable.map((row) => [row.id, evaluateFormula(field, api[row.id - 1] ?? {}, ruleContextAt(new Date(NOW)))]);
        expect(bySql, `${summary}\nrows ${JSON.stringify(rows)}`).toEqual(byJs);
      }),
      propertyParameters(30),
    );
    expect(accepted).toBeGreaterThan(propertyParameters(30).numRuns! / 4);
  }, 600_000);
});
