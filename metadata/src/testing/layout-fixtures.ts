// A deal object with two record types, two layouts, a visibility rule, a lookup and help texts:
// the shared fixture of the layout, record type and form tests.
import type { ObjectDef } from '../types.ts';

export const dealDef = (): ObjectDef => ({
  apiName: 'deal',
  labels: { en: 'Deal', zh: '交易' },
  fields: [
    { type: 'text', apiName: 'name', labels: { en: 'Name', zh: '名称' }, required: true },
    {
      type: 'picklist',
      apiName: 'stage',
      labels: { en: 'Stage', zh: '阶段' },
      required: true,
      values: [
        { apiName: 'new', labels: { en: 'New', zh: '新建' }, default: true },
        { apiName: 'quote', labels: { en: 'Quote', zh: '报价' } },
        { apiName: 'tender', labels: { en: 'Tender', zh: '招标' } },
        { apiName: 'won', labels: { en: 'Won', zh: '赢单' } },
        { apiName: 'legacy', labels: { en: 'Legacy' }, inactive: true },
      ],
    },
    { type: 'currency', apiName: 'amount', labels: { en: 'Amount', zh: '金额' }, min: 0, helpText: { en: 'Before tax', zh: '税前金额' } },
    { type: 'text', apiName: 'loss_reason', labels: { en: 'Loss reason', zh: '丢单原因' } },
    { type: 'lookup', apiName: 'account', labels: { en: 'Account', zh: '客户' }, target: 'deal' },
    {
      type: 'multipicklist',
      apiName: 'tags',
      labels: { en: 'Tags', zh: '标签' },
      values: [
        { apiName: 'hot', labels: { en: 'Hot', zh: '热' } },
        { apiName: 'gov', labels: { en: 'Government', zh: '政府' } },
      ],
    },
    { type: 'autonumber', apiName: 'number', labels: { en: 'Number', zh: '编号' }, format: 'D-{0000}' },
  ],
  layouts: [
    {
      apiName: 'standard',
      labels: { en: 'Standard', zh: '标准' },
      sections: [
        { labels: { en: 'Basics', zh: '基本信息' }, columns: 2, fields: [{ field: 'name' }, { field: 'stage' }, { field: 'amount', required: true }] },
        {
          labels: { en: 'Outcome', zh: '结果' },
          fields: [{ field: 'loss_reason', visibleWhen: { '==': [{ var: 'stage' }, 'won'] } }, { field: 'number' }],
        },
      ],
    },
    {
      apiName: 'public_sector',
      labels: { en: 'Public sector', zh: '政企' },
      sections: [{ fields: [{ field: 'name' }, { field: 'stage' }, { field: 'account' }, { field: 'tags', readOnly: true }] }],
    },
  ],
  recordTypes: [
    { apiName: 'commercial', labels: { en: 'Commercial', zh: '商业' }, picklistValues: { stage: ['won', 'new', 'quote'] } },
    {
      apiName: 'government',
      labels: { en: 'Government', zh: '政府' },
      default: true,
      layout: 'public_sector',
      picklistValues: { stage: ['new', 'tender', 'won'] },
    },
  ],
});
