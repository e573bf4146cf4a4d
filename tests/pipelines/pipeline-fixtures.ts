// A `deal` object with two record types and two pipelines: `sales` (default: forward-only, stage
// requirements of every kind, a time limit with reassignment) and `renewal` (explicit transition
// graph, an approval on won). Used by the pipeline suites.
import type { ObjectDef } from '@tessera/metadata';

const value = (apiName: string, en: string, zh: string) => ({ apiName, labels: { en, zh } });

export const BACKUP_EMAIL = 'backup.rep@example.com';

export const dealObject: ObjectDef = {
  apiName: 'deal',
  labels: { en: 'Deal', zh: '商机' },
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Name', zh: '名称' }, required: true },
    { apiName: 'amount', type: 'currency', labels: { en: 'Amount', zh: '金额' }, min: 0 },
    { apiName: 'probability', type: 'percent', labels: { en: 'Probability', zh: '赢率' }, min: 0, max: 100 },
    { apiName: 'close_date', type: 'date', labels: { en: 'Close date', zh: '预计成交日期' } },
    { apiName: 'discount', type: 'number', labels: { en: 'Discount %', zh: '折扣' } },
    { apiName: 'next_step', type: 'text', labels: { en: 'Next step', zh: '下一步' } },
    { apiName: 'loss_reason', type: 'text', labels: { en: 'Loss reason', zh: '输单原因' } },
    {
      apiName: 'stage',
      type: 'picklist',
      labels: { en: 'Stage', zh: '阶段' },
      values: [
        { ...value('prospecting', 'Prospecting', '初步接洽'), default: true },
        value('qualification', 'Qualification', '需求确认'),
        value('proposal', 'Proposal', '方案报价'),
        value('negotiation', 'Negotiation', '商务谈判'),
        value('won', 'Closed won', '赢单'),
        value('lost', 'Closed lost', '输单'),
      ],
    },
  ],
  indexes: [{ fields: ['stage', '-amount'] }],
  recordTypes: [
    { apiName: 'new_business', labels: { en: 'New business', zh: '新业务' }, default: true },
    { apiName: 'renewal', labels: { en: 'Renewal', zh: '续约' } },
  ],
  pipelines: [
    {
      apiName: 'sales',
      labels: { en: 'Sales', zh: '销售漏斗' },
      stageField: 'stage',
      amountField: 'amount',
      closeDateField: 'close_date',
      probabilityField: 'probability',
      reasonField: 'loss_reason',
      transitions: 'forward',
      stages: [
        {
          value: 'prospecting',
          probability: 10,
          guidance: { en: 'Find the decision maker', zh: '找到决策人' },
          timeLimit: { hours: 48, reassign: { afterHours: 24, toUser: BACKUP_EMAIL } },
        },
        { value: 'qualification', probability: 25, requiredFields: ['next_step'] },
        { value: 'proposal', probability: 60, requiredFields: ['amount', 'close_date'], entryCriteria: { '>': [{ var: 'amount' }, 0] } },
        { value: 'negotiation', probability: 80, entryCriteria: { '<=': [{ var: 'discount' }, 20] } },
        { value: 'won', category: 'won' },
        { value: 'lost', category: 'lost', requiresReason: true },
      ],
    },
    {
      apiName: 'renewal',
      labels: { en: 'Renewal', zh: '续约' },
      stageField: 'stage',
      amountField: 'amount',
      closeDateField: 'close_date',
      recordTypes: ['renewal'],
      transitions: { qualification: ['won', 'lost'], lost: ['qualification'] },
      stages: [
        { value: 'qualification', probability: 50 },
        { value: 'won', category: 'won', approvalFlow: 'renewal_discount' },
        { value: 'lost', category: 'lost' },
      ],
    },
  ],
};

/** The sales pipeline's stage order and probabilities, as the tests' independent SQL uses them. */
export const SALES_STAGES = ['prospecting', 'qualification', 'proposal', 'negotiation', 'won', 'lost'] as const;
export const SALES_PROBABILITY: Record<string, number> = { prospecting: 10, qualification: 25, proposal: 60, negotiation: 80, won: 100, lost: 0 };
