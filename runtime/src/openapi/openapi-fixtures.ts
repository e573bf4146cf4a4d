// Hand-written normalised snapshots for the OpenAPI tests: `account`, and `opportunity` with one
// field of every type and Chinese labels. Typed as NormalisedObject, so the compiler keeps them
// complete when the metamodel grows.
import type { MetadataSnapshot, NormalisedField, NormalisedObject } from '@tessera/metadata';

export const accountObject = (): NormalisedObject => ({
  apiName: 'account',
  labels: { en: 'Account', zh: '客户' },
  pluralLabels: { en: 'Accounts', zh: '客户' },
  nameField: 'name',
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true, unique: false, maxLength: 255 },
    {
      type: 'lookup',
      apiName: 'parent',
      labels: { en: 'Parent account', zh: '上级客户' },
      required: false,
      unique: false,
      target: 'account',
      onDelete: 'setNull',
      constraintName: 'fk_account_parent',
    },
  ],
  indexes: [],
});

/** One field per field type, keyed by type so a new type fails to compile here. */
export const opportunityFields = (): Record<NormalisedField['type'], NormalisedField> => ({
  text: { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true, unique: false, maxLength: 120, minLength: 1 },
  textarea: { type: 'textarea', apiName: 'notes', labels: { en: 'Notes', zh: '备注' }, required: false, unique: false, maxLength: 32768 },
  number: {
    type: 'number',
    apiName: 'quantity',
    labels: { en: 'Quantity', zh: '数量' },
    required: false,
    unique: false,
    precision: 10,
    scale: 0,
    min: 0,
    max: 1000,
  },
  currency: {
    type: 'currency',
    apiName: 'amount',
    labels: { en: 'Amount', zh: '金额' },
    helpText: { en: 'Including tax', zh: '含税金额' },
    required: false,
    unique: false,
    precision: 18,
    scale: 2,
    currencyCode: 'CNY',
    min: 0,
  },
  percent: { type: 'percent', apiName: 'probability', labels: { en: 'Probability', zh: '赢率' }, required: false, unique: false, precision: 5, scale: 2 },
  boolean: { type: 'boolean', apiName: 'is_private', labels: { en: 'Private', zh: '私密' }, required: false, unique: false, default: false },
  date: { type: 'date', apiName: 'close_date', labels: { en: 'Close date', zh: '结束日期' }, required: false, unique: false },
  datetime: { type: 'datetime', apiName: 'last_call_at', labels: { en: 'Last call', zh: '最近通话' }, required: false, unique: false },
  email: { type: 'email', apiName: 'contact_email', labels: { en: 'Email', zh: '邮箱' }, required: false, unique: true, maxLength: 254 },
  phone: { type: 'phone', apiName: 'contact_phone', labels: { en: 'Phone', zh: '电话' }, required: false, unique: false, maxLength: 40 },
  url: { type: 'url', apiName: 'website', labels: { en: 'Website', zh: '网站' }, required: false, unique: false, maxLength: 2048 },
  picklist: {
    type: 'picklist',
    apiName: 'stage',
    labels: { en: 'Stage', zh: '阶段' },
    description: 'Where the deal stands.',
    required: true,
    unique: false,
    values: [
      { apiName: 'prospecting', labels: { en: 'Prospecting', zh: '寻找客户' }, order: 0, default: true, inactive: false },
      { apiName: 'won', labels: { en: 'Closed won', zh: '赢单' }, order: 1, default: false, inactive: false },
      { apiName: 'legacy', labels: { en: 'Legacy', zh: '旧阶段' }, order: 2, default: false, inactive: true },
    ],
  },
  multipicklist: {
    type: 'multipicklist',
    apiName: 'tags',
    labels: { en: 'Tags', zh: '标签' },
    required: false,
    unique: false,
    maxSelected: 2,
    values: [
      { apiName: 'hot', labels: { en: 'Hot', zh: '热' }, order: 0, default: false, inactive: false },
      { apiName: 'cold', labels: { en: 'Cold', zh: '冷' }, order: 1, default: false, inactive: false },
    ],
  },
  lookup: {
    type: 'lookup',
    apiName: 'account',
    labels: { en: 'Account', zh: '客户' },
    required: true,
    unique: false,
    target: 'account',
    onDelete: 'restrict',
    constraintName: 'fk_opportunity_account',
  },
  autonumber: {
    type: 'autonumber',
    apiName: 'code',
    labels: { en: 'Code', zh: '编号' },
    required: false,
    unique: true,
    format: 'OPP-{YYYY}-{0000}',
    startAt: 1,
    sequenceName: 'opportunity_code_seq',
  },
  formula: {
    type: 'formula',
    apiName: 'weighted_amount',
    labels: { en: 'Weighted amount', zh: '加权金额' },
    required: false,
    unique: false,
    returns: 'currency',
    expression: { '*': [{ var: 'amount' }, { '/': [{ var: 'probability' }, 100] }] },
    scale: 2,
  },
  rollup: {
    type: 'rollup',
    apiName: 'sub_deals',
    labels: { en: 'Sub-deals', zh: '子商机数' },
    required: false,
    unique: false,
    childObject: 'opportunity',
    childField: 'parent_deal',
    function: 'count',
    result: { type: 'number', precision: 18, scale: 0 },
  },
  user: {
    type: 'user',
    apiName: 'reviewer',
    labels: { en: 'Reviewer', zh: '审核人' },
    required: false,
    unique: false,
    constraintName: 'fk_opportunity_reviewer',
  },
  richtext: { type: 'richtext', apiName: 'summary', labels: { en: 'Summary', zh: '摘要' }, required: false, unique: false, maxLength: 65536 },
  time: { type: 'time', apiName: 'call_window', labels: { en: 'Call window', zh: '通话时间' }, required: false, unique: false },
  polylookup: { type: 'polylookup', apiName: 'related_to', labels: { en: 'Related to', zh: '相关对象' }, required: false, unique: false, targets: ['account'] },
  manytomany: {
    type: 'manytomany',
    apiName: 'partners',
    labels: { en: 'Partners', zh: '合作伙伴' },
    required: false,
    unique: false,
    target: 'account',
    junctionTable: '_links_opportunity_partners',
  },
  geolocation: { type: 'geolocation', apiName: 'location', labels: { en: 'Location', zh: '位置' }, required: false, unique: false },
});

export const opportunityObject = (): NormalisedObject => ({
  apiName: 'opportunity',
  labels: { en: 'Opportunity', zh: '商机' },
  pluralLabels: { en: 'Opportunities', zh: '商机' },
  description: 'A deal in progress.',
  nameField: 'name',
  fields: Object.values(opportunityFields()),
  indexes: [
    {
      name: 'ix_opportunity_stage_amount',
      columns: [
        { field: 'stage', descending: false },
        { field: 'amount', descending: true },
      ],
      unique: false,
    },
  ],
});

export const crmSnapshot = (): MetadataSnapshot => ({ objects: [accountObject(), opportunityObject()] });
