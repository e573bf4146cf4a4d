// Snapshots of the SQL each read plan compiles to (text and parameters), so a change in a query
// shows in review. Plans come from the parse stage, as on a request; the catalog is compiled from
// fixture metadata without a database (the HTTP suites run the same statements on PostgreSQL).
import { ruleContextAt } from '@tessera/metadata';
import type { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Catalog, CompiledObject } from '../../catalog/catalog-types.ts';
import { compileCatalog } from '../../catalog/compile-catalog.ts';
import { crmSnapshot } from '../../openapi/openapi-fixtures.ts';
import { bindRuleContext } from '../../rules/bind-rule-context.ts';
import { secureCatalog } from '../../security/secure-catalog.ts';
import type { ObjectPermission, TenantSecurity, UserAccess } from '../../security/security-types.ts';
import { encodeCursor } from '../cursor.ts';
import { getPlan, parseGetPlan } from './parse-get.ts';
import { parseListPlan } from './parse-list.ts';
import type { GetPlan, ListPlan } from './read-plan.ts';
import { readPlanSql } from './read-plan-sql.ts';
import { recordJsonSql } from './record-json-sql.ts';

const RECORD_ID = '0190a6c2-7d4e-7000-8000-000000000001';
const USER_ID = '0190a6c2-7d4e-7000-8000-0000000000aa';
// The request's clock and user, bound as the read service binds them.
const catalog = bindRuleContext(
  compileCatalog({ tenant: 'acme', schema: 't_acme', revision: 7, snapshot: crmSnapshot() }),
  ruleContextAt(new Date('2026-03-01T09:30:00Z'), null),
);

function object(from: Catalog, name: string): CompiledObject {
  const found = from.objects.get(name);
  if (!found) throw new Error(`fixture lacks ${name}`);
  return found;
}

function listPlan(name: string, query: Record<string, string>, from: Catalog = catalog): ListPlan {
  const parsed = parseListPlan(query, object(from, name), from);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

function getPlanOf(name: string, expand: string | undefined, from: Catalog = catalog): GetPlan {
  const parsed = parseGetPlan(RECORD_ID, expand, object(from, name));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

/** The statement as a reviewer reads it: one clause per line, indentation dropped. */
function statement(query: CompiledQuery<unknown>): { sql: string[]; parameters: readonly unknown[] } {
  const lines = query.sql.split('\n').map((line) => line.trim());
  return { sql: lines.filter((line) => line !== ''), parameters: query.parameters };
}

describe('get plans', () => {
  it('compiles the plain get to one text per object, binding only the id', () => {
    const compiled = readPlanSql(catalog, getPlanOf('account', undefined));
    expect(statement(compiled)).toMatchSnapshot();
    const other = readPlanSql(catalog, getPlan('account', '0190a6c2-7d4e-7000-8000-000000000002'));
    expect(other.sql).toBe(compiled.sql);
    expect(other.parameters).toEqual(['0190a6c2-7d4e-7000-8000-000000000002']);
  });

  it('renders an expanded lookup as the target record', () => {
    expect(statement(readPlanSql(catalog, getPlanOf('opportunity', 'account')))).toMatchSnapshot();
  });

  it('projects columns and expands a lookup among them', () => {
    expect(statement(readPlanSql(catalog, getPlan('opportunity', RECORD_ID, { columns: ['id', 'name', 'account'], expand: ['account'] })))).toMatchSnapshot();
  });

  it('reads a deleted record when the plan asks for deleted rows', () => {
    const compiled = readPlanSql(catalog, getPlan('account', RECORD_ID, { deleted: 'only' }));
    expect(statement(compiled)).toMatchSnapshot();
    expect(compiled.sql).toContain('t.deleted_at is not null');
  });
});

describe('list plans', () => {
  it('compiles the default list: live rows by id, one row more than the page', () => {
    expect(statement(readPlanSql(catalog, listPlan('account', {})))).toMatchSnapshot();
  });

  it('compiles a filter, a sort, a projection and a page size', () => {
    const filter = JSON.stringify({ and: [{ '>=': [{ var: 'amount' }, 1000] }, { '<=': [{ var: 'close_date' }, { today: [] }] }] });
    const plan = listPlan('opportunity', { filter, sort: '-amount,name', fields: 'name,amount', expand: 'account', limit: '20' });
    expect(statement(readPlanSql(catalog, plan))).toMatchSnapshot();
  });

  it('starts a page after the cursor under the same sort', () => {
    const cursor = encodeCursor({ sort: '-amount,name,id', values: ['1500.00', null, RECORD_ID] });
    const plan = listPlan('opportunity', { sort: '-amount,name', cursor, limit: '10' });
    expect(plan.page.after).toEqual({ values: ['1500.00', null, RECORD_ID], fromRow: [] });
    expect(statement(readPlanSql(catalog, plan))).toMatchSnapshot();
  });

  it('reads a long text key of the cursor from the row its id names', () => {
    const long = 'x'.repeat(300); // past INLINE_VALUE_LIMIT: the cursor carries the id only
    const cursor = encodeCursor({ sort: 'name,id', values: [long, RECORD_ID] });
    const plan = listPlan('account', { sort: 'name', cursor });
    expect(plan.page.after).toEqual({ values: [null, RECORD_ID], fromRow: [0] });
    expect(statement(readPlanSql(catalog, plan))).toMatchSnapshot();
  });

  it('builds a projection once per object and shape, not per request', () => {
    const opportunity = object(catalog, 'opportunity');
    const first = recordJsonSql(catalog, opportunity, ['id', 'name', 'account'], ['account']);
    expect(recordJsonSql(catalog, opportunity, ['id', 'name', 'account'], ['account'])).toBe(first);
    expect(recordJsonSql(catalog, opportunity, ['id', 'account'], ['account'])).not.toBe(first);
  });

  it.each(['only', 'include'])('compiles deleted=%s', (deleted) => {
    expect(statement(readPlanSql(catalog, listPlan('account', { deleted })))).toMatchSnapshot();
  });
});

describe('plans of a user with row access', () => {
  const permission: ObjectPermission = {
    create: true,
    read: true,
    edit: true,
    delete: false,
    viewAll: false,
    modifyAll: false,
    grants: [{ read: true, edit: true }],
  };
  const security: TenantSecurity = {
    slug: 'acme',
    schema: 't_acme',
    revision: 3,
    roles: new Map(),
    permissionSets: new Map(),
    objectAccess: new Map(),
    sharingRules: [],
    trackedFields: new Map(),
    users: new Map(),
    credentials: new Map(),
  };
  const user: UserAccess = {
    userId: USER_ID,
    email: 'rep@acme.test',
    name: 'Rep',
    admin: false,
    active: true,
    roleId: 'r1',
    rolePath: '/r0/r1/',
    permissionSetIds: [],
    objects: new Map([
      ['account', permission],
      ['opportunity', permission],
    ]),
  };
  const view = bindRuleContext(
    secureCatalog(compileCatalog({ tenant: 'acme', schema: 't_acme', revision: 7, snapshot: crmSnapshot() }), security, user),
    ruleContextAt(new Date('2026-03-01T09:30:00Z'), USER_ID),
  );

  it('ANDs the reader’s reach (owner, subordinates, shares) into a list', () => {
    const compiled = readPlanSql(view, listPlan('account', {}, view));
    expect(statement(compiled)).toMatchSnapshot();
    expect(compiled.parameters).toContain(USER_ID);
  });

  it('compiles a get per request and expands only lookups the reader may see', () => {
    const compiled = readPlanSql(view, getPlanOf('opportunity', 'account', view));
    expect(statement(compiled)).toMatchSnapshot();
    expect(compiled.parameters).toContain(RECORD_ID);
    expect(compiled.sql).toContain('coalesce(');
  });

  it('compiles a projection once per shape, yet never serves one user’s view of a target to another', () => {
    const readAll = (fields?: Record<string, 'none'>): ObjectPermission => ({
      ...permission,
      viewAll: true,
      grants: [{ read: true, viewAll: true, ...(fields ? { fields } : {}) }],
    });
    const base = compileCatalog({ tenant: 'acme', schema: 't_acme', revision: 8, snapshot: crmSnapshot() });
    const sees = secureCatalog(base, security, {
      ...user,
      userId: '0190a6c2-7d4e-7000-8000-0000000000b1',
      objects: new Map([
        ['account', readAll()],
        ['opportunity', readAll()],
      ]),
    });
    const blind = secureCatalog(base, security, {
      ...user,
      userId: '0190a6c2-7d4e-7000-8000-0000000000b2',
      objects: new Map([
        ['account', readAll({ name: 'none' })],
        ['opportunity', readAll()],
      ]),
    });
    const sql = (view: Catalog) => readPlanSql(view, listPlan('opportunity', { fields: 'name', expand: 'account' }, view)).sql;
    expect(sql(sees)).toContain('"x_account"."name"');
    expect(sql(blind)).not.toContain('"x_account"."name"');
    expect(sql(sees)).toContain('"x_account"."name"');
  });
});

describe('plans with lookup paths', () => {
  it('reads a path through a correlated subquery on the parent, in filter, sort and projection alike', () => {
    const plan = listPlan('opportunity', { filter: '{"==":[{"var":"account.name"},"Acme"]}', sort: '-account.name', fields: 'name,account.name' });
    const compiled = readPlanSql(catalog, plan);
    expect(statement(compiled)).toMatchSnapshot();
    expect(compiled.sql).toContain('from "t_acme"."account" as "t_account" where "t_account"."id" = "t"."account" and "t_account"."deleted_at" is null');
  });

  it('leaves a list without paths exactly as before (no path columns, same text)', () => {
    const plain = listPlan('opportunity', { sort: '-amount', fields: 'name' });
    expect(plain.paths).toBeUndefined();
    expect(readPlanSql(catalog, plain).sql).not.toContain('t_account');
  });
});
