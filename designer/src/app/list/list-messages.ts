// The list's own words (views, columns, totals, paging, quick search) in both languages; a key
// missing in one language fails type-checking.
import type { Language } from '../../i18n/language.ts';

const en = {
  views: 'List view',
  allRecords: 'All records',
  sharedTag: 'shared',
  defaultTag: 'default',
  saveView: 'Save as view',
  viewName: 'View name',
  makeDefault: 'Open by default',
  save: 'Save',
  cancel: 'Cancel',
  renameView: 'Rename',
  deleteView: 'Delete view',
  confirmDelete: 'Delete the view “{name}”?',
  setDefault: 'Set as default',
  columns: 'Columns',
  quickSearch: 'Search by name',
  pageSize: 'Rows per page',
  totals: 'Totals',
  recordCount: '{count} records',
  sumOf: 'Σ {field}',
  loadingRecords: 'Loading records…',
  owner: 'Owner',
  me: 'me',
  sortBy: 'Sort by',
  defaultOrder: 'Default order',
};

const zh: typeof en = {
  views: '列表视图',
  allRecords: '全部记录',
  sharedTag: '共享',
  defaultTag: '默认',
  saveView: '另存为视图',
  viewName: '视图名称',
  makeDefault: '设为默认打开',
  save: '保存',
  cancel: '取消',
  renameView: '重命名',
  deleteView: '删除视图',
  confirmDelete: '删除视图「{name}」？',
  setDefault: '设为默认',
  columns: '显示列',
  quickSearch: '按名称搜索',
  pageSize: '每页行数',
  totals: '合计',
  recordCount: '共 {count} 条记录',
  sumOf: '{field}合计',
  loadingRecords: '正在加载记录…',
  owner: '负责人',
  me: '我',
  sortBy: '排序',
  defaultOrder: '默认顺序',
};

export type ListMessages = typeof en;

export function listMessagesFor(language: Language): ListMessages {
  return language === 'zh' ? zh : en;
}
