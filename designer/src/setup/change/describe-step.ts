// A plan's action → one line in the UI language. The server words its steps in English
// (`steps[i].description`); `actions[i]` carries the same facts as data, so the review words them
// here. Object and field names stay api names: they are what the admin typed.
import type { MigrationAction } from '@tessera/metadata';
import type { Language } from '../../i18n/language.ts';

// Partial on purpose: a kind added to the metamodel shows the server's English line until it is
// worded here, rather than breaking Setup (the plan review must show every step).
type Describe = { [Kind in MigrationAction['kind']]?: (action: Extract<MigrationAction, { kind: Kind }>) => string };

const json = (value: unknown) => JSON.stringify(value);
const columns = (action: { index: { columns: { field: string; descending?: boolean }[] } }) =>
  action.index.columns.map((column) => (column.descending ? `-${column.field}` : column.field)).join(', ');

const en: Describe = {
  create_table: (a) => `Create object ${a.object}`,
  create_sequence: (a) => `Create the counter of ${a.object}.${a.field} (starts at ${a.startAt})`,
  add_column: (a) =>
    `Add field ${a.object}.${a.field.apiName} (${a.field.type})${a.backfill === undefined ? '' : `, filling existing records with ${json(a.backfill)}`}`,
  add_unique: (a) => `Make ${a.object}.${a.field} unique`,
  add_foreign_key: (a) => `Link ${a.object}.${a.field} to ${a.target} (on delete: ${a.onDelete})`,
  create_index: (a) => `Index ${a.object} (${columns(a)})`,
  update_metadata: (a) => `Update ${a.field ? `${a.object}.${a.field}` : a.object}: ${a.changes.join(', ')}`,
  update_calendar: (a) => `${a.change === 'added' ? 'Add' : a.change === 'removed' ? 'Remove' : 'Change'} calendar ${a.calendar}`,
  rename_column: (a) => `Rename field ${a.object}.${a.from} to ${a.to} (the old name stays an alias for one revision)`,
  rename_index: (a) => `Rename index ${a.from} to ${a.to}`,
  drop_index: (a) => `Drop the index on ${a.object} (${columns(a)})`,
  drop_unique: (a) => `Stop enforcing uniqueness of ${a.object}.${a.field}`,
  alter_column_type: (a) => `Convert ${a.object}.${a.field} from ${a.from.type} to ${a.to.type}`,
  set_default: (a) => `Change the default of ${a.object}.${a.field}`,
  set_required: (a) =>
    a.required
      ? `Make ${a.object}.${a.field} required${a.backfill === undefined ? '' : `, filling empty records with ${json(a.backfill)}`}`
      : `Make ${a.object}.${a.field} optional`,
  alter_foreign_key: (a) =>
    a.fromTarget === a.target
      ? `On delete of the ${a.target} behind ${a.object}.${a.field}: ${a.onDelete}`
      : `Re-target ${a.object}.${a.field} from ${a.fromTarget} to ${a.target}`,
  remap_picklist_values: (a) => `Rename values of ${a.object}.${a.field}: ${a.renames.map((r) => `${r.from} → ${r.to}`).join(', ')} (records follow)`,
  remove_picklist_values: (a) => `Remove values of ${a.object}.${a.field}: ${a.values.join(', ')}`,
  check_dependent_values: (a) => `Let ${a.object}.${a.controllingField} control the values of ${a.object}.${a.field} (existing records are checked)`,
  drop_column: (a) => `Drop field ${a.object}.${a.field.apiName} (hidden until purged)`,
  drop_table: (a) => `Drop object ${a.object} and its records (hidden until purged)`,
  restore_column: (a) => `Restore field ${a.object}.${a.field.apiName} with its data (dropped in revision ${a.droppedRevision})`,
  restore_table: (a) => `Restore object ${a.object} with its records (dropped in revision ${a.droppedRevision})`,
  sync_rollup_triggers: (a) =>
    a.rollups.length > 0 ? `Re-create the roll-up triggers on ${a.object} (${a.rollups.join(', ')})` : `Remove the roll-up triggers on ${a.object}`,
  backfill_rollup: (a) =>
    `Compute the roll-up ${a.object}.${a.field} (from ${a.childObject}) on every ${a.object} record${a.cascades ? `, and the roll-ups above it on ${a.cascades.join(', ')}` : ''}`,
  sync_duplicate_trigger: (a) =>
    a.enabled ? `Keep the duplicate keys of ${a.object} in step with deletes and restores (trigger)` : `Remove the duplicate-key trigger of ${a.object}`,
  backfill_duplicate_keys: (a) =>
    [
      ...(a.rules.length > 0 ? [`Store the duplicate keys of every ${a.object} record for ${a.rules.join(', ')}`] : []),
      ...(a.clearedRules.length > 0 ? [`Delete the stored keys of ${a.object} for ${a.clearedRules.join(', ')}`] : []),
    ].join('; '),
};

/** update_metadata's change paths (`labels`, `values/high/added`) with the metamodel's words in Chinese; names stay. */
const ZH_WORDS: Record<string, string> = {
  labels: '标签',
  pluralLabels: '复数标签',
  description: '描述',
  helpText: '帮助文本',
  nameField: '名称字段',
  values: '选项',
  added: '新增',
  removed: '移除',
  renamedFrom: '原为',
  order: '顺序',
  inactive: '停用',
  default: '默认值',
  expression: '表达式',
  returns: '结果类型',
  scale: '小数位数',
  required: '必填',
  filter: '筛选条件',
  validationRules: '校验规则',
  layouts: '页面布局',
  recordTypes: '记录类型',
  pipelines: '销售流程',
  approvalFlows: '审批流程',
};
const zhChange = (change: string) =>
  change
    .split('/')
    .map((part) => (Object.hasOwn(ZH_WORDS, part) ? ZH_WORDS[part] : part))
    .join(' / ');

const zh: Describe = {
  create_table: (a) => `创建对象 ${a.object}`,
  create_sequence: (a) => `创建 ${a.object}.${a.field} 的计数器（从 ${a.startAt} 开始）`,
  add_column: (a) => `添加字段 ${a.object}.${a.field.apiName}（${a.field.type}）${a.backfill === undefined ? '' : `，已有记录填入 ${json(a.backfill)}`}`,
  add_unique: (a) => `使 ${a.object}.${a.field} 唯一`,
  add_foreign_key: (a) => `将 ${a.object}.${a.field} 关联到 ${a.target}（删除时：${a.onDelete}）`,
  create_index: (a) => `为 ${a.object} 建立索引（${columns(a)}）`,
  update_metadata: (a) => `更新 ${a.field ? `${a.object}.${a.field}` : a.object}：${a.changes.map(zhChange).join('、')}`,
  update_calendar: (a) => `${a.change === 'added' ? '添加' : a.change === 'removed' ? '删除' : '修改'}工作日历 ${a.calendar}`,
  rename_column: (a) => `将字段 ${a.object}.${a.from} 重命名为 ${a.to}（旧名称在一个版本内仍可用）`,
  rename_index: (a) => `将索引 ${a.from} 重命名为 ${a.to}`,
  drop_index: (a) => `删除 ${a.object} 上的索引（${columns(a)}）`,
  drop_unique: (a) => `不再要求 ${a.object}.${a.field} 唯一`,
  alter_column_type: (a) => `将 ${a.object}.${a.field} 从 ${a.from.type} 转换为 ${a.to.type}`,
  set_default: (a) => `修改 ${a.object}.${a.field} 的默认值`,
  set_required: (a) =>
    a.required ? `使 ${a.object}.${a.field} 必填${a.backfill === undefined ? '' : `，空记录填入 ${json(a.backfill)}`}` : `使 ${a.object}.${a.field} 非必填`,
  alter_foreign_key: (a) =>
    a.fromTarget === a.target
      ? `${a.object}.${a.field} 指向的 ${a.target} 被删除时：${a.onDelete}`
      : `将 ${a.object}.${a.field} 的目标从 ${a.fromTarget} 改为 ${a.target}`,
  remap_picklist_values: (a) => `重命名 ${a.object}.${a.field} 的选项：${a.renames.map((r) => `${r.from} → ${r.to}`).join('、')}（记录随之更新）`,
  remove_picklist_values: (a) => `移除 ${a.object}.${a.field} 的选项：${a.values.join('、')}`,
  check_dependent_values: (a) => `由 ${a.object}.${a.controllingField} 控制 ${a.object}.${a.field} 的可选值（检查现有记录）`,
  drop_column: (a) => `删除字段 ${a.object}.${a.field.apiName}（在彻底清除前隐藏）`,
  drop_table: (a) => `删除对象 ${a.object} 及其记录（在彻底清除前隐藏）`,
  restore_column: (a) => `恢复字段 ${a.object}.${a.field.apiName} 及其数据（删除于版本 ${a.droppedRevision}）`,
  restore_table: (a) => `恢复对象 ${a.object} 及其记录（删除于版本 ${a.droppedRevision}）`,
  sync_rollup_triggers: (a) => (a.rollups.length > 0 ? `重建 ${a.object} 上的汇总触发器（${a.rollups.join('、')}）` : `移除 ${a.object} 上的汇总触发器`),
  backfill_rollup: (a) =>
    `为每条 ${a.object} 记录计算汇总字段 ${a.object}.${a.field}（来自 ${a.childObject}）${a.cascades ? `，并重算其上层 ${a.cascades.join('、')} 的汇总字段` : ''}`,
  sync_duplicate_trigger: (a) => (a.enabled ? `让 ${a.object} 的查重键随删除和恢复更新（触发器）` : `移除 ${a.object} 的查重键触发器`),
  backfill_duplicate_keys: (a) =>
    [
      ...(a.rules.length > 0 ? [`为每条 ${a.object} 记录保存查重规则 ${a.rules.join('、')} 的键`] : []),
      ...(a.clearedRules.length > 0 ? [`删除 ${a.object} 中规则 ${a.clearedRules.join('、')} 的已存键`] : []),
    ].join('；'),
};

/** The step in the UI language, or `fallback` (the server's wording) for a kind not worded here. */
export function describeStep(action: MigrationAction, language: Language, fallback: string): string {
  const describe = (language === 'zh' ? zh : en)[action.kind] as ((action: MigrationAction) => string) | undefined;
  return describe ? describe(action) : fallback;
}
