// Metadata and helpers of the rules-over-HTTP suite: an account with roll-ups and duplicate rules,
// an opportunity with formulas, defaults and validation rules, and the suite's fixed clock.

/** A record as the API returns it: ids and fields are read, never computed on here. */
// biome-ignore lint/suspicious/noExplicitAny: records are dynamic JSON
export type Rec = Record<string, any>;

export const NOW = new Date('2026-03-15T10:00:00.000Z');
export const v = (name: string) => ({ var: name });

export const account = (extraFields: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  apiName: 'account',
  labels: { en: 'Account', zh: '客户' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    { type: 'phone', apiName: 'phone', labels: { en: 'Phone', zh: '电话' } },
    ...extraFields,
  ],
  ...extra,
});

export const ROLLUPS = [
  {
    type: 'rollup',
    apiName: 'won_total',
    labels: { en: 'Won total', zh: '赢单金额' },
    childObject: 'opportunity',
    childField: 'account',
    function: 'sum',
    aggregateField: 'amount',
    filter: { '==': [v('stage'), 'won'] },
  },
  { type: 'rollup', apiName: 'deal_count', labels: { en: 'Deals', zh: '商机数' }, childObject: 'opportunity', childField: 'account', function: 'count' },
  {
    type: 'rollup',
    apiName: 'largest',
    labels: { en: 'Largest deal' },
    childObject: 'opportunity',
    childField: 'account',
    function: 'max',
    aggregateField: 'amount',
  },
  {
    type: 'rollup',
    apiName: 'first_close',
    labels: { en: 'First close' },
    childObject: 'opportunity',
    childField: 'account',
    function: 'min',
    aggregateField: 'close_date',
  },
];

export const DUPLICATE_RULES = [
  {
    apiName: 'same_name',
    fields: [{ field: 'name', normalise: ['width', 'case', 'whitespace', 'punctuation'] }],
    action: 'block',
    message: { en: 'An account with this name exists', zh: '已存在同名客户' },
  },
  { apiName: 'same_phone', fields: [{ field: 'phone', normalise: ['width', 'digits'] }], action: 'warn' },
];

export const opportunity = (extra: Record<string, unknown> = {}) => ({
  apiName: 'opportunity',
  labels: { en: 'Opportunity', zh: '商机' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    { type: 'lookup', apiName: 'account', labels: { en: 'Account', zh: '客户' }, target: 'account' },
    {
      type: 'picklist',
      apiName: 'stage',
      labels: { en: 'Stage', zh: '阶段' },
      values: ['prospecting', 'proposal', 'won', 'lost'].map((apiName, order) => ({ apiName, labels: { en: apiName }, default: order === 0 })),
    },
    { type: 'currency', apiName: 'amount', labels: { en: 'Amount', zh: '金额' } },
    { type: 'percent', apiName: 'probability', labels: { en: 'Probability', zh: '赢率' } },
    { type: 'date', apiName: 'close_date', labels: { en: 'Close date', zh: '结束日期' }, defaultExpr: { add_days: [{ today: [] }, 30] } },
    {
      type: 'formula',
      apiName: 'weighted',
      labels: { en: 'Weighted', zh: '加权金额' },
      returns: 'currency',
      expression: { '*': [v('amount'), { '/': [v('probability'), 100] }] },
    },
    {
      type: 'formula',
      apiName: 'days_left',
      labels: { en: 'Days left', zh: '剩余天数' },
      returns: 'number',
      scale: 0,
      expression: { days_between: [{ today: [] }, v('close_date')] },
    },
    {
      type: 'formula',
      apiName: 'hot',
      labels: { en: 'Hot' },
      returns: 'boolean',
      expression: { and: [{ '>=': [v('weighted'), 1000] }, { '<=': [v('days_left'), 30] }] },
    },
    { type: 'formula', apiName: 'title', labels: { en: 'Title' }, returns: 'text', expression: { cat: [v('name'), ' (', v('stage'), ')'] } },
  ],
  validationRules: [
    {
      apiName: 'amount_positive',
      condition: { or: [{ '==': [v('amount'), null] }, { '>': [v('amount'), 0] }] },
      field: 'amount',
      message: { en: 'Amount must be greater than zero', zh: '金额必须大于零' },
    },
    {
      apiName: 'probability_range',
      condition: { '<=': [0, v('probability'), 100] },
      field: 'probability',
      message: { en: 'Probability is between 0 and 100', zh: '赢率必须在 0 到 100 之间' },
    },
    {
      apiName: 'won_stays_won',
      condition: { '!': { and: [{ '==': [v('previous.stage'), 'won'] }, { '!=': [v('stage'), 'won'] }] } },
      message: { en: 'A won opportunity cannot be reopened', zh: '已赢单的商机不能重新打开' },
    },
    { apiName: 'retired', active: false, condition: false, message: { en: 'never checked' } },
  ],
  ...extra,
});
