// Metadata for the lookup-path suites: accounts in a hierarchy (parent) and deals on accounts, with
// formulas that read through the lookup.
import type { ObjectDef } from '@tessera/metadata';

const accountObject: ObjectDef = {
  apiName: 'account',
  labels: { en: 'Account', zh: '客户' },
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Name', zh: '名称' }, required: true },
    {
      apiName: 'region',
      type: 'picklist',
      labels: { en: 'Region', zh: '区域' },
      values: [
        { apiName: 'emea', labels: { en: 'EMEA', zh: '欧洲中东非洲' } },
        { apiName: 'apac', labels: { en: 'APAC', zh: '亚太' } },
      ],
    },
    { apiName: 'secret', type: 'text', labels: { en: 'Secret', zh: '机密' } },
    { apiName: 'parent', type: 'lookup', labels: { en: 'Parent', zh: '上级客户' }, target: 'account', onDelete: 'setNull' },
  ],
};

const dealObject: ObjectDef = {
  apiName: 'deal',
  labels: { en: 'Deal', zh: '交易' },
  fields: [
    { apiName: 'name', type: 'text', labels: { en: 'Name', zh: '名称' }, required: true },
    { apiName: 'amount', type: 'number', labels: { en: 'Amount', zh: '金额' }, precision: 12, scale: 0 },
    { apiName: 'account', type: 'lookup', labels: { en: 'Account', zh: '客户' }, target: 'account', onDelete: 'setNull' },
    { apiName: 'account_region', type: 'formula', labels: { en: 'Account region', zh: '客户区域' }, returns: 'text', expression: { var: 'account.region' } },
    {
      apiName: 'big_in_region',
      type: 'formula',
      labels: { en: 'Region and amount', zh: '区域与金额' },
      returns: 'text',
      expression: { cat: [{ var: 'account.region' }, ':', { var: 'amount' }] },
    },
    { apiName: 'account_secret', type: 'formula', labels: { en: 'Account secret', zh: '客户机密' }, returns: 'text', expression: { var: 'account.secret' } },
  ],
};

export const lookupPathBundle = { objects: [accountObject, dealObject] };
