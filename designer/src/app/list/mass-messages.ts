// The words of the list's mass actions (selection bar, mass edit, transfer, delete, results) in
// both languages; a key missing in one language fails type-checking.
import type { Language } from '../../i18n/language.ts';

const en = {
  selectRow: 'Select {name}',
  selectPage: 'Select every record on this page',
  selected: '{count} selected',
  selectAllMatching: 'Select all {count} matching records',
  allMatchingSelected: 'All {count} matching records are selected',
  clearSelection: 'Clear selection',
  massEdit: 'Edit field',
  massTransfer: 'Change owner',
  massDelete: 'Delete',
  editTitle: 'Edit {count} records',
  field: 'Field',
  chooseField: 'Choose a field…',
  apply: 'Apply',
  transferTitle: 'Change the owner of {count} records',
  newOwner: 'New owner',
  alsoTransfer: 'Also give the new owner the related records the previous owner owns:',
  relatedOption: '{object} (by {field})',
  deleteTitle: 'Delete {count} records?',
  deleteExplain: 'Deleted records can be restored from the recycle bin.',
  confirmDelete: 'Delete',
  cancel: 'Cancel',
  working: 'Working…',
  resultUpdated: '{count} updated',
  resultDeleted: '{count} deleted',
  resultFailed: '{count} failed',
  resultRelated: '{count} related {object} records transferred',
  failedRecord: '{name}: {reason}',
  close: 'Close',
};

const zh: typeof en = {
  selectRow: '选择 {name}',
  selectPage: '选择本页全部记录',
  selected: '已选择 {count} 条',
  selectAllMatching: '选择全部 {count} 条匹配记录',
  allMatchingSelected: '已选择全部 {count} 条匹配记录',
  clearSelection: '清除选择',
  massEdit: '批量编辑',
  massTransfer: '转移负责人',
  massDelete: '批量删除',
  editTitle: '批量编辑 {count} 条记录',
  field: '字段',
  chooseField: '选择字段…',
  apply: '应用',
  transferTitle: '转移 {count} 条记录的负责人',
  newOwner: '新负责人',
  alsoTransfer: '同时转移原负责人名下的相关记录：',
  relatedOption: '{object}（通过{field}）',
  deleteTitle: '删除 {count} 条记录？',
  deleteExplain: '删除的记录可在回收站中恢复。',
  confirmDelete: '删除',
  cancel: '取消',
  working: '处理中…',
  resultUpdated: '已更新 {count} 条',
  resultDeleted: '已删除 {count} 条',
  resultFailed: '{count} 条失败',
  resultRelated: '已转移 {count} 条相关{object}',
  failedRecord: '{name}：{reason}',
  close: '关闭',
};

export type MassMessages = typeof en;

export function massMessagesFor(language: Language): MassMessages {
  return language === 'zh' ? zh : en;
}

/** `{name}` placeholders filled in. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
