// A chain of objects for the lookup-path agreement property: contact → account → region → zone
// (three lookups), each row field of filter-rows.ts placed on one link of the chain, so every rule
// of the filter grammar (rule-arbitraries.ts) can be renamed onto lookup paths and compared with
// json-logic-js over the joined values the API renders (`fields=account.amount,…`). Parents may be
// missing, recycled, or (for the restricted rep) unreadable; `account.secret` is a field the rep
// may not read.
import type { ObjectDef } from '@tessera/metadata';
import fc from 'fast-check';
import { datetimeValue, dateValue, type RowField, scaledNumber, textValue } from './filter-rows.ts';

/** Where each row field of the grammar lives, as the child (contact) reads it. */
export const PATH_OF: Record<RowField, string> = {
  qty: 'qty',
  name: 'name',
  start: 'start',
  amount: 'account.amount',
  active: 'account.active',
  closed_at: 'account.closed_at',
  rate: 'account.secret',
  tags: 'account.tags',
  owner: 'account.region',
  code: 'account.region.code',
  due: 'account.region.zone.due',
};
/** The row field the rep may not read (account.secret). */
export const HIDDEN_FROM_REP: RowField = 'rate';
export const TAG_VALUES = ['vip', 'hot'];

const labels = (en: string, zh: string) => ({ en, zh });
const lookup = (apiName: string, target: string) =>
  ({ apiName, type: 'lookup', labels: labels(apiName, '上级'), target, onDelete: 'setNull' }) as const satisfies ObjectDef['fields'][number];

const ZONE: ObjectDef = {
  apiName: 'pp_zone',
  labels: labels('Zone', '大区'),
  fields: [{ apiName: 'due', type: 'date', labels: labels('Due', '到期') }],
};
const REGION: ObjectDef = {
  apiName: 'pp_region',
  labels: labels('Region', '区域'),
  fields: [{ apiName: 'code', type: 'text', labels: labels('Code', '代码') }, lookup('zone', 'pp_zone')],
};
const ACCOUNT: ObjectDef = {
  apiName: 'pp_account',
  labels: labels('Account', '客户'),
  fields: [
    { apiName: 'amount', type: 'number', labels: labels('Amount', '金额'), precision: 18, scale: 2 },
    { apiName: 'active', type: 'boolean', labels: labels('Active', '有效') },
    { apiName: 'closed_at', type: 'datetime', labels: labels('Closed at', '关闭时间') },
    { apiName: 'secret', type: 'number', labels: labels('Secret', '机密'), precision: 18, scale: 4 },
    {
      apiName: 'tags',
      type: 'multipicklist',
      labels: labels('Tags', '标签'),
      values: TAG_VALUES.map((apiName) => ({ apiName, labels: labels(apiName, apiName) })),
    },
    lookup('region', 'pp_region'),
  ],
};

/** The child; `formula` (when given) is its formula field `f`. */
export function chainDocument(formula?: { returns: string; expression: unknown; scale?: number }): { objects: ObjectDef[] } {
  const contact: ObjectDef = {
    apiName: 'pp_contact',
    labels: labels('Contact', '联系人'),
    fields: [
      { apiName: 'name', type: 'text', labels: labels('Name', '姓名') },
      { apiName: 'qty', type: 'number', labels: labels('Qty', '数量'), precision: 18, scale: 0 },
      { apiName: 'start', type: 'date', labels: labels('Start', '开始') },
      { apiName: 'batch', type: 'number', labels: labels('Batch', '批次'), precision: 18, scale: 0 },
      lookup('account', 'pp_account'),
      ...(formula ? [{ apiName: 'f', type: 'formula', labels: labels('F', '公式'), ...formula } as ObjectDef['fields'][number]] : []),
    ],
  };
  return { objects: [ZONE, REGION, ACCOUNT, contact] };
}

const nullable = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arb, { nil: null, freq: 4 });
/** A link to the previous level: an index taken modulo its length when seeding (none when empty). */
const link = nullable(fc.nat(7));

export interface ChainData {
  zones: { due: string | null }[];
  regions: { code: string | null; zone: number | null }[];
  accounts: {
    amount: number | null;
    active: boolean | null;
    closed_at: string | null;
    secret: number | null;
    tags: string[];
    region: number | null;
    repOwns: boolean;
    recycled: boolean;
  }[];
  contacts: { name: string | null; qty: number | null; start: string | null; account: number | null }[];
}

export const chainDataArbitrary: fc.Arbitrary<ChainData> = fc.record({
  zones: fc.array(fc.record({ due: nullable(dateValue) }), { maxLength: 2 }),
  regions: fc.array(fc.record({ code: nullable(textValue), zone: link }), { maxLength: 3 }),
  accounts: fc.array(
    fc.record({
      amount: nullable(scaledNumber(2)),
      active: nullable(fc.boolean()),
      closed_at: nullable(datetimeValue),
      secret: nullable(scaledNumber(4, 100)),
      tags: fc.subarray(TAG_VALUES),
      region: link,
      repOwns: fc.boolean(),
      recycled: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    }),
    { maxLength: 4 },
  ),
  contacts: fc.array(fc.record({ name: nullable(textValue), qty: nullable(scaledNumber(0, 1000)), start: nullable(dateValue), account: link }), {
    minLength: 1,
    maxLength: 6,
  }),
});

/** The id at `index` modulo the level's ids, or null. */
export const linked = (ids: string[], index: number | null): string | null => (index === null || ids.length === 0 ? null : (ids[index % ids.length] ?? null));

/** A rule of the row grammar with each `var` renamed to its place on the chain. */
export function onChain(rule: unknown): unknown {
  if (Array.isArray(rule)) return rule.map(onChain);
  if (rule === null || typeof rule !== 'object') return rule;
  return Object.fromEntries(
    Object.entries(rule).map(([op, args]) => {
      if (op !== 'var') return [op, onChain(args)];
      const rename = (name: unknown) => (typeof name === 'string' && Object.hasOwn(PATH_OF, name) ? PATH_OF[name as RowField] : name);
      return [op, Array.isArray(args) ? [rename(args[0]), ...args.slice(1).map(onChain)] : rename(args)];
    }),
  );
}

/** Whether a row-grammar rule reads this row field. */
export function reads(rule: unknown, field: RowField): boolean {
  if (Array.isArray(rule)) return rule.some((item) => reads(item, field));
  if (rule === null || typeof rule !== 'object') return false;
  return Object.entries(rule).some(([op, args]) =>
    op === 'var' ? (Array.isArray(args) ? args[0] : args) === field || reads(args, field) : reads(args, field),
  );
}
