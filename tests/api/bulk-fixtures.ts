// The object of the bulk tests: a validation rule, a blocking duplicate rule and an external id.
import type { ObjectDef } from '@tessera/metadata';

const labels = (en: string, zh: string) => ({ en, zh });
export const bulkDeal: ObjectDef = {
  apiName: 'deal',
  labels: labels('Deal', '交易'),
  nameField: 'name',
  fields: [
    { apiName: 'name', type: 'text', labels: labels('Name', '名称'), required: true },
    { apiName: 'amount', type: 'currency', labels: labels('Amount', '金额') },
    { apiName: 'code', type: 'text', labels: labels('Code', '代码'), externalId: true },
  ],
  validationRules: [
    { apiName: 'amount_positive', condition: { '>=': [{ var: 'amount' }, 0] }, message: { en: 'amount must not be negative', zh: '金额不能为负' } },
  ],
  duplicateRules: [{ apiName: 'same_name', fields: [{ field: 'name' }], action: 'block' }],
};
