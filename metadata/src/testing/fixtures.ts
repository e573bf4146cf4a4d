// Shared test fixtures: one object with every field type (typed as ObjectDef, so the compiler
// checks them against types.ts while the tests check them against the JSON Schema).
import type { FieldDef, ObjectDef } from '../types.ts';

export const FIELD_FIXTURES: Record<FieldDef['type'], FieldDef> = {
  text: { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true, maxLength: 120, minLength: 1 },
  textarea: { type: 'textarea', apiName: 'notes', labels: { en: 'Notes', zh: '备注' }, default: '无' },
  number: { type: 'number', apiName: 'quantity', labels: { en: 'Quantity' }, precision: 10, scale: 0, min: 0, max: 1000, default: 1 },
  currency: {
    type: 'currency',
    apiName: 'amount',
    labels: { en: 'Amount', zh: '金额' },
    currencyCode: 'CNY',
    min: 0,
    helpText: { zh: '含税金额' },
  },
  percent: { type: 'percent', apiName: 'probability', labels: { en: 'Probability' }, precision: 5, scale: 2, min: 0, max: 100 },
  boolean: { type: 'boolean', apiName: 'is_private', labels: { en: 'Private' }, default: false },
  date: { type: 'date', apiName: 'close_date', labels: { en: 'Close date', zh: '结束日期' }, default: '2025-12-31' },
  datetime: { type: 'datetime', apiName: 'last_call_at', labels: { en: 'Last call' }, default: '2025-01-02T03:04:05.000Z' },
  email: { type: 'email', apiName: 'contact_email', labels: { en: 'Email' }, unique: true, default: 'sales@example.com' },
  phone: { type: 'phone', apiName: 'contact_phone', labels: { en: 'Phone' }, default: '+86 (10) 1234-5678' },
  url: { type: 'url', apiName: 'website', labels: { en: 'Website' }, default: 'https://example.com' },
  picklist: {
    type: 'picklist',
    apiName: 'stage',
    labels: { en: 'Stage', zh: '阶段' },
    required: true,
    values: [
      { apiName: 'prospecting', labels: { en: 'Prospecting', zh: '寻找客户' }, default: true },
      { apiName: 'closed_won', labels: { en: 'Closed won' } },
      { apiName: 'legacy', labels: { en: 'Legacy' }, inactive: true },
    ],
  },
  multipicklist: {
    type: 'multipicklist',
    apiName: 'tags',
    labels: { en: 'Tags' },
    maxSelected: 2,
    values: [
      { apiName: 'hot', labels: { en: 'Hot' } },
      { apiName: 'cold', labels: { en: 'Cold' } },
      { apiName: 'old', labels: { en: 'Old' }, inactive: true },
    ],
  },
  lookup: { type: 'lookup', apiName: 'account', labels: { en: 'Account', zh: '客户' }, target: 'account' },
  autonumber: { type: 'autonumber', apiName: 'code', labels: { en: 'Code' }, format: 'OPP-{YYYY}-{0000}', startAt: 100 },
  // Computed fields: valid on their own (the formula reads only context), the roll-up on `account`
  // (it counts the accounts whose parent is this one).
  formula: {
    type: 'formula',
    apiName: 'follow_up',
    labels: { en: 'Follow up', zh: '跟进日期' },
    returns: 'date',
    expression: { add_days: [{ today: [] }, 30] },
  },
  rollup: {
    type: 'rollup',
    apiName: 'subsidiaries',
    labels: { en: 'Subsidiaries', zh: '子公司数' },
    childObject: 'account',
    childField: 'parent',
    function: 'count',
  },
  user: { type: 'user', apiName: 'reviewer', labels: { en: 'Reviewer', zh: '审核人' } },
  richtext: { type: 'richtext', apiName: 'summary', labels: { en: 'Summary', zh: '摘要' }, maxLength: 4000 },
  time: { type: 'time', apiName: 'call_window', labels: { en: 'Call window', zh: '通话时间' }, default: '09:30' },
  polylookup: { type: 'polylookup', apiName: 'related_to', labels: { en: 'Related to', zh: '相关对象' }, targets: ['account'] },
  manytomany: { type: 'manytomany', apiName: 'partners', labels: { en: 'Partners', zh: '合作伙伴' }, target: 'account' },
  geolocation: { type: 'geolocation', apiName: 'location', labels: { en: 'Location', zh: '位置' } },
  file: { type: 'file', apiName: 'contracts', labels: { en: 'Contracts', zh: '合同' }, multiple: true, maxSizeMb: 5, accept: ['application/pdf', 'image/*'] },
  image: { type: 'image', apiName: 'logo', labels: { en: 'Logo', zh: '标志' } },
};

/** Field types that take input and have a column; the computed ones (formula, roll-up) have suites of their own. */
export const STORED_FIELD_FIXTURES = (): FieldDef[] => Object.values(FIELD_FIXTURES).filter((field) => field.type !== 'formula' && field.type !== 'rollup');

export const opportunityDef = (): ObjectDef => ({
  $schema: 'https://tessera.dev/schemas/v1/object.schema.json',
  apiName: 'opportunity',
  labels: { en: 'Opportunity', zh: '商机' },
  pluralLabels: { en: 'Opportunities', zh: '商机' },
  description: 'A deal in progress',
  fields: structuredClone(STORED_FIELD_FIXTURES()),
  indexes: [{ fields: ['stage', '-amount'] }, { fields: ['code'], unique: true }],
});

export const accountDef = (): ObjectDef => ({
  apiName: 'account',
  labels: { en: 'Account', zh: '客户' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    { type: 'lookup', apiName: 'parent', labels: { en: 'Parent' }, target: 'account' },
  ],
});
