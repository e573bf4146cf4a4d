// The designer's own words in both languages. Keys are checked: a message missing in one
// language fails type-checking.
import type { Language } from './language.ts';

const en = {
  appTitle: 'Tessera',
  signIn: 'Sign in',
  signOut: 'Sign out',
  tokenLabel: 'Tenant API token',
  tokenHint: 'Paste a tenant token (tsr_…). It is kept in this browser only.',
  setup: 'Setup',
  app: 'App',
  objects: 'Objects',
  apiName: 'API name',
  type: 'Type',
  labelEn: 'Label (English)',
  labelZh: 'Label (中文)',
  fieldCount: 'Fields',
  required: 'Required',
  unique: 'Unique',
  fields: 'Fields',
  noObjects: 'No objects yet. Apply metadata through the API or CLI.',
  revision: 'Revision',
  records: 'Records',
  filter: 'Filter (JsonLogic)',
  applyFilter: 'Apply',
  clearFilter: 'Clear',
  invalidJson: 'The filter is not valid JSON.',
  nextPage: 'Next page',
  firstPage: 'First page',
  noRecords: 'No records.',
  newRecord: 'New record',
  save: 'Save',
  cancel: 'Cancel',
  saving: 'Saving…',
  loading: 'Loading…',
  created: 'Record created.',
  pickObject: 'Object',
  none: '—',
  yes: 'Yes',
} as const;

type Messages = { readonly [K in keyof typeof en]: string };

const zh: Messages = {
  appTitle: 'Tessera',
  signIn: '登录',
  signOut: '退出',
  tokenLabel: '租户 API 令牌',
  tokenHint: '粘贴租户令牌（tsr_…），仅保存在本浏览器中。',
  setup: '设置',
  app: '应用',
  objects: '对象',
  apiName: 'API 名称',
  type: '类型',
  labelEn: '标签（English）',
  labelZh: '标签（中文）',
  fieldCount: '字段数',
  required: '必填',
  unique: '唯一',
  fields: '字段',
  noObjects: '还没有对象。请通过 API 或命令行应用元数据。',
  revision: '版本',
  records: '记录',
  filter: '筛选（JsonLogic）',
  applyFilter: '应用',
  clearFilter: '清除',
  invalidJson: '筛选条件不是有效的 JSON。',
  nextPage: '下一页',
  firstPage: '第一页',
  noRecords: '没有记录。',
  newRecord: '新建记录',
  save: '保存',
  cancel: '取消',
  saving: '保存中…',
  loading: '加载中…',
  created: '记录已创建。',
  pickObject: '对象',
  none: '—',
  yes: '是',
};

export type MessageKey = keyof typeof en;

export function messagesFor(language: Language): Messages {
  return language === 'zh' ? zh : en;
}
