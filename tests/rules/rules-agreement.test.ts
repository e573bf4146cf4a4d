// Three-way agreement: for every record of a fixture table, every formula, validation rule and
// layout visibility rule gives the same answer (1) in SQL — formulas as the catalog renders them,
// rules through compileFilter with previous.* on a joined row —, (2) in the server's evaluator
// (metadata's evaluateFormulas / failingValidationRules, what RecordService and the form use) and
// (3) in json-logic-js applied directly. Runs on PostgreSQL and PGlite with an injected clock.
import {
  EMPTY_SNAPSHOT,
  evaluateFormulas,
  failingValidationRules,
  formulaResult,
  type JsonLogicRule,
  type NormalisedFormulaField,
  type NormalisedObject,
  type ObjectDef,
  ruleContextAt,
  ruleData,
  validateDocument,
} from '@tessera/metadata';
import jsonLogic from 'json-logic-js';
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCatalog } from '../../runtime/src/catalog/compile-catalog.ts';
import { ruleContextSql } from '../../runtime/src/catalog/rule-context-sql.ts';
import { createTestDatabase, type TestDatabase, testDriverKinds } from '../../runtime/src/db/test-database.ts';
import { compileFilter, type FilterScope } from '../../runtime/src/filter/index.ts';
import { filterScope } from '../../runtime/src/records/filter-scope.ts';
import { bindObject } from '../../runtime/src/rules/bind-rule-context.ts';

const USER = '01900000-0000-7000-8000-0000000000aa';
const context = ruleContextAt(new Date('2026-03-15T23:30:00.000Z'), USER);
const v = (name: string) => ({ var: name });
const f = (apiName: string, returns: 'number' | 'currency' | 'percent' | 'text' | 'boolean' | 'date', expression: JsonLogicRule, scale?: number) => ({
  type: 'formula' as const,
  apiName,
  labels: { en: apiName },
  returns,
  expression,
  ...(scale === undefined ? {} : { scale }),
});

const FORMULAS = [
  f('weighted', 'currency', { '*': [v('amount'), { '/': [v('probability'), 100] }] }),
  f('per_unit', 'number', { '/': [v('amount'), v('qty')] }, 4),
  f('net', 'currency', { '-': [v('amount'), v('discount')] }),
  f('gross', 'currency', { '+': [v('amount'), v('discount'), 1.005] }),
  f('remainder', 'number', { '%': [v('qty'), 3] }, 0),
  f('smallest', 'number', { min: [v('amount'), v('discount'), 100] }),
  f('days_left', 'number', { days_between: [{ today: [] }, v('close_date')] }, 0),
  f('age_days', 'number', { days_between: [v('closed_at'), { var: '$today' }] }, 0),
  f('follow_up', 'date', { add_days: [v('close_date'), v('qty')] }),
  f('renewal', 'date', { if: [v('close_date'), { add_days: [v('close_date'), 365] }, { add_days: [{ today: [] }, 30] }] }),
  f('close_year', 'number', { year: v('close_date') }, 0),
  f('close_month', 'number', { month: v('closed_at') }, 0),
  f('overdue', 'boolean', { and: [v('close_date'), { '<': [v('close_date'), { today: [] }] }, { '!=': [v('stage'), 'won'] }] }),
  f('is_big', 'boolean', { '>=': [v('weighted'), 5000] }),
  f('vip', 'boolean', { in: ['vip', v('tags')] }),
  f('has_name', 'boolean', v('name')),
  f('mine', 'boolean', { '==': [v('owner_id'), { var: '$user.id' }] }),
  f('title', 'text', { cat: [v('stage'), ': ', v('name')] }),
  f('initial', 'text', { substr: [v('name'), 0, 1] }),
  f('bucket', 'text', { if: [{ '>': [v('amount'), 10000] }, 'large', { '>': [v('amount'), 1000] }, 'medium', v('amount'), 'small', 'none'] }),
  f('score', 'percent', { '*': [{ '+': [v('probability'), { if: [v('active'), 10, 0] }] }, 1] }, 1),
  f('weighted_share', 'percent', { '/': [{ '*': [v('weighted'), 100] }, v('amount')] }),
];

const VALIDATION_RULES = [
  { apiName: 'amount_positive', condition: { '>': [v('amount'), 0] }, field: 'amount' },
  { apiName: 'won_needs_close', condition: { or: [{ '!=': [v('stage'), 'won'] }, { '!!': v('close_date') }] }, field: 'close_date' },
  { apiName: 'no_past_close', condition: { or: [{ '==': [v('close_date'), null] }, { '>=': [v('close_date'), { add_days: [{ today: [] }, -365] }] }] } },
  { apiName: 'no_reopen', condition: { '!': { and: [{ '==': [v('previous.stage'), 'won'] }, { '!=': [v('stage'), 'won'] }] } } },
  { apiName: 'amount_not_cut', condition: { or: [{ '==': [v('previous'), null] }, { '>=': [v('amount'), v('previous.amount')] }] } },
  { apiName: 'discount_le_amount', condition: { '<=': [v('discount'), v('amount')] } },
  { apiName: 'name_format', condition: { or: [{ starts_with: [v('name'), 'Deal'] }, { icontains: [v('name'), '华为'] }] }, field: 'name' },
  { apiName: 'probability_range', condition: { '<=': [0, v('probability'), 100] } },
  { apiName: 'vip_needs_owner', condition: { or: [{ '!': { in: ['vip', v('tags')] } }, { '==': [v('owner_id'), { var: '$user.id' }] }] } },
  { apiName: 'weighted_cap', condition: { '<': [v('weighted'), 50000] } },
  { apiName: 'days_left_ok', condition: { '!': { '<': [v('days_left'), -30] } } },
].map((rule) => ({ ...rule, message: { en: rule.apiName, zh: `规则 ${rule.apiName}` } }));

const VISIBILITY_RULES: JsonLogicRule[] = [
  { '==': [v('stage'), 'lost'] },
  { in: [v('stage'), ['won', 'lost']] },
  { '>': [v('amount'), 1000] },
  { '!': v('active') },
  { and: [v('is_big'), { '!=': [v('stage'), 'won'] }] },
  { '<=': [v('days_left'), 30] },
];

const dealDef: ObjectDef = {
  apiName: 'deal',
  labels: { en: 'Deal', zh: '商机' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name' } },
    { type: 'currency', apiName: 'amount', labels: { en: 'Amount' } },
    { type: 'currency', apiName: 'discount', labels: { en: 'Discount' } },
    { type: 'percent', apiName: 'probability', labels: { en: 'Probability' } },
    { type: 'number', apiName: 'qty', labels: { en: 'Qty' } },
    { type: 'date', apiName: 'close_date', labels: { en: 'Close' } },
    { type: 'datetime', apiName: 'closed_at', labels: { en: 'Closed at' } },
    {
      type: 'picklist',
      apiName: 'stage',
      labels: { en: 'Stage' },
      values: ['open', 'won', 'lost'].map((apiName) => ({ apiName, labels: { en: apiName } })),
    },
    { type: 'boolean', apiName: 'active', labels: { en: 'Active' } },
    {
      type: 'multipicklist',
      apiName: 'tags',
      labels: { en: 'Tags' },
      values: ['vip', 'hot'].map((apiName) => ({ apiName, labels: { en: apiName } })),
    },
    ...FORMULAS,
  ],
  validationRules: VALIDATION_RULES,
  layouts: [
    {
      apiName: 'main',
      labels: { en: 'Main' },
      sections: [
        { fields: VISIBILITY_RULES.slice(0, 3).map((rule, index) => ({ field: ['name', 'amount', 'discount'][index] as string, visibleWhen: rule })) },
        {
          visibleWhen: VISIBILITY_RULES[3],
          fields: [
            { field: 'qty', visibleWhen: VISIBILITY_RULES[4] },
            { field: 'close_date', visibleWhen: VISIBILITY_RULES[5] },
          ],
        },
      ],
    },
  ],
} as unknown as ObjectDef;

const pick = <T>(values: readonly T[], index: number): T => values[index % values.length] as T;
const amounts = [null, 0, -5, 12.5, 999.99, 1000, 1000.01, 12000, 50000, 0.01, 7, 2500.5, 100000];
const discounts = [null, 0, 5, 1000, 0.01, 12.5, -3];
const probabilities = [null, 0, 10, 33.33, 50, 75.5, 100, 120];
const quantities = [null, 0, 1, 3, 7, -2, 10, 365];
const closes = [null, '2026-03-15', '2026-03-16', '2026-03-14', '2025-01-01', '2024-02-29', '2026-12-31', '2030-01-01', '2025-03-15'];
const closedAts = [null, '2026-03-15T23:59:59.999Z', '2026-03-16T00:00:00.000Z', '2025-12-31T12:00:00.000Z', '2024-02-29T00:00:00.000Z'];
const stages = [null, 'open', 'won', 'lost'];
const names = [null, '', 'Deal one', 'deal two', '华为技术有限公司', 'Acme 华为', 'x'];
const tagSets = [null, [], ['vip'], ['hot'], ['vip', 'hot']];
const owners = [null, USER, '01900000-0000-7000-8000-0000000000bb'];

const ROWS = 48;
const fixtures = Array.from({ length: ROWS }, (_, i) => ({
  id: `01900000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
  name: pick(names, i * 5),
  amount: pick(amounts, i),
  discount: pick(discounts, i * 3),
  probability: pick(probabilities, i * 5),
  qty: pick(quantities, i * 7),
  close_date: pick(closes, i * 2),
  closed_at: pick(closedAts, i * 3),
  stage: pick(stages, i),
  active: pick([null, true, false], i * 2),
  tags: pick(tagSets, i * 3),
  owner_id: pick(owners, i),
}));
// Every other record is an update of the one before it: `previous` is that record.
const previousOf = (index: number): string | null => (index % 2 === 1 ? (fixtures[index - 1]?.id ?? null) : null);

const definition = (() => {
  const result = validateDocument(dealDef, EMPTY_SNAPSHOT);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value[0] as NormalisedObject;
})();
const formulas = definition.fields.filter((field): field is NormalisedFormulaField => field.type === 'formula');
const STORED = ['name', 'amount', 'discount', 'probability', 'qty', 'close_date', 'closed_at', 'stage', 'active', 'tags'];

const kinds = await testDriverKinds();

describe.each(kinds)('formulas and rules agree in SQL, the server and json-logic-js on %s', (kind) => {
  let database: TestDatabase;
  let records: Record<string, unknown>[];
  let ruleValues: Record<string, boolean>[];

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const db = database.db;
    await sql`create schema agree`.execute(db);
    await sql`create table agree.deal (id uuid primary key, name varchar(255), amount numeric(18,2), discount numeric(18,2), probability numeric(18,2),
      qty numeric(18,0), close_date date, closed_at timestamptz(3), stage varchar(80), active boolean, tags jsonb,
      owner_id uuid, created_by uuid, created_at timestamptz(3) not null default now(), updated_at timestamptz(3) not null default now(),
      version integer not null default 1, deleted_at timestamptz(3), previous_id uuid)`.execute(db);
    for (const [index, row] of fixtures.entries()) {
      await sql`insert into agree.deal (id, name, amount, discount, probability, qty, close_date, closed_at, stage, active, tags, owner_id, previous_id)
        values (${row.id}::uuid, ${row.name}, ${row.amount}, ${row.discount}, ${row.probability}, ${row.qty}, cast(${row.close_date} as date),
        cast(${row.closed_at} as timestamptz), ${row.stage}, ${row.active}, cast(${row.tags === null ? null : JSON.stringify(row.tags)} as jsonb),
        cast(${row.owner_id} as uuid), cast(${previousOf(index)} as uuid))`.execute(db);
    }
    const catalog = compileCatalog({ tenant: 'agree', schema: 'agree', revision: 1, snapshot: { objects: [definition] } });
    const object = bindObject(catalog.objects.get('deal') as never, ruleContextSql(context));
    expect(object.formulaProblems ?? []).toEqual([]);
    // previous.<field> reads the joined row p; `previous` itself is p's id (null on create).
    const own = filterScope(object);
    const scope: FilterScope = {
      resolve(name) {
        if (name === 'previous') return { ref: sql.ref('p.id'), type: 'uuid' };
        if (name.startsWith('previous.')) {
          const field = own.resolve(name.slice('previous.'.length));
          return field ? { ...field, ref: sql.ref(`p.${name.slice('previous.'.length)}`) } : undefined;
        }
        return own.resolve(name);
      },
    };
    const ruleColumns: RawBuilder<unknown>[] = [...VALIDATION_RULES.map((rule) => rule.condition), ...VISIBILITY_RULES].map((rule, index) => {
      const compiled = compileFilter(rule, scope);
      if (!compiled.ok) throw new Error(`${JSON.stringify(rule)}: ${JSON.stringify(compiled.errors)}`);
      return sql`coalesce(${compiled.value}, false) as ${sql.id(`r${index}`)}`;
    });
    const result = await sql<{ j: string } & Record<string, boolean>>`
      select ${object.recordJson('t')}::text as j, ${sql.join(ruleColumns)}
      from agree.deal t left join agree.deal p on p.id = t.previous_id order by t.id`.execute(db);
    records = result.rows.map((row) => JSON.parse(row.j) as Record<string, unknown>);
    ruleValues = result.rows.map(({ j: _json, ...values }) => values);
  });

  afterAll(async () => {
    await database?.close();
  });

  const storedOf = (record: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(record).filter(([name]) => !formulas.some((field) => field.apiName === name)));

  it('reads the stored fields back as the fixtures', () => {
    expect(records.map((record) => Object.fromEntries(STORED.map((name) => [name, record[name]])))).toEqual(
      fixtures.map((row) => Object.fromEntries(STORED.map((name) => [name, row[name as keyof typeof row]]))),
    );
  });

  it.each(formulas.map((field) => [field.apiName, field] as const))('formula %s', (_, field) => {
    for (const record of records) {
      const server = evaluateFormulas(definition, storedOf(record), context)[field.apiName];
      const direct = formulaResult(field.returns, field.scale, jsonLogic.apply(field.expression as never, ruleData(record, context)));
      expect({ id: record.id, sql: record[field.apiName] }).toEqual({ id: record.id, sql: server });
      expect({ id: record.id, direct }).toEqual({ id: record.id, direct: server });
    }
  });

  it.each(VALIDATION_RULES.map((rule, index) => [rule.apiName, index] as const))('validation rule %s', (name, index) => {
    records.forEach((record, position) => {
      const previousId = previousOf(fixtures.findIndex((row) => row.id === record.id));
      const previous = previousId ? (records.find((candidate) => candidate.id === previousId) ?? null) : null;
      const server = !failingValidationRules(definition, record, previous, context).some((rule) => rule.apiName === name);
      const rule = VALIDATION_RULES[index] as (typeof VALIDATION_RULES)[number];
      const direct = jsonLogic.truthy(jsonLogic.apply(rule.condition as never, ruleData(record, context, previous)));
      expect({ id: record.id, sql: ruleValues[position]?.[`r${index}`] }).toEqual({ id: record.id, sql: server });
      expect(direct).toBe(server);
    });
  });

  it.each(VISIBILITY_RULES.map((rule, index) => [JSON.stringify(rule), index] as const))('visibility rule %s', (_, index) => {
    const rule = VISIBILITY_RULES[index];
    records.forEach((record, position) => {
      // The form evaluates visibility on the record being edited, with json-logic-js.
      const browser = jsonLogic.truthy(jsonLogic.apply(rule as never, ruleData(record, context)));
      expect({ id: record.id, sql: ruleValues[position]?.[`r${VALIDATION_RULES.length + index}`] }).toEqual({ id: record.id, sql: browser });
    });
  });

  it('uses rules and formulas that split the records (a constant answer would prove little)', () => {
    for (const field of formulas)
      expect(new Set(records.map((record) => JSON.stringify(record[field.apiName]))).size, field.apiName).toBeGreaterThan(
        2 - (field.returns === 'boolean' ? 1 : 0),
      );
    for (let index = 0; index < VALIDATION_RULES.length + VISIBILITY_RULES.length; index++) {
      expect(new Set(ruleValues.map((values) => values[`r${index}`])).size, `rule ${index}`).toBe(2);
    }
    expect(records.some((record) => record.weighted === null) && records.some((record) => record.per_unit === null)).toBe(true);
  });
});
