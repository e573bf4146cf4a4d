// Chinese titles of every error code, and the Chinese message of one offending place. Shared by
// the server (problem+json for a request preferring zh) and the designer (Setup checks a draft
// with the metamodel in the browser), so an admin reads the same words from either. The table is
// exhaustive (`Record<ErrorCode, …>`): a new code does not compile without its Chinese title.
import type { ErrorCode } from '../error-codes.ts';

/** Codes people meet in the app and on forms: the Chinese title replaces the English message. */
const TITLES_ZH = {
  TSR100: '请求无效',
  TSR101: '请求体不是有效的 JSON',
  TSR102: '查询参数无效',
  TSR103: '筛选条件无效',
  TSR104: '排序无效',
  TSR105: '分页游标无效',
  TSR106: '字段或展开项不存在',
  TSR107: '接口不存在',
  TSR108: '请求体过大',
  TSR109: '不支持的内容类型',
  TSR110: '对象不存在',
  TSR111: '记录不存在',
  TSR112: '版本冲突：记录已被他人修改',
  TSR113: 'If-Match 请求头无效',
  TSR114: '记录 ID 无效',
  TSR115: '筛选条件的值类型不匹配',
  TSR116: '不支持的筛选运算符',
  TSR117: '筛选条件过于复杂',
  TSR118: '客户端已取消请求',
  TSR119: '请求体不是有效的 UTF-8',
  TSR120: '文本包含无法保存的字符',
  TSR121: '列表视图不存在',
  TSR122: '列表视图无效',
  TSR123: '无权修改此列表视图',
  TSR145: '批量操作未选中任何记录',
  TSR160: '关联路径无效',
  TSR161: '工作日历不存在',
  TSR300: '缺少登录凭据',
  TSR301: '登录凭据无效',
  TSR302: '无权执行此操作',
  TSR305: '租户不存在',
  TSR306: '登录失败次数过多',
  TSR307: '请求过于频繁',
  TSR312: '无权提交审批',
  TSR313: '校验失败次数过多',
  TSR315: '密码强度不足',
  TSR317: '会话写入需要 JSON 请求体',
  TSR400: '记录无效',
  TSR401: '值的类型错误',
  TSR402: '缺少必填字段',
  TSR403: '文本长度超出范围',
  TSR404: '数值超出范围',
  TSR405: '不是有效的选项值',
  TSR406: '选项值已停用',
  TSR407: '格式无效',
  TSR408: '字段不存在',
  TSR409: '只读字段',
  TSR410: '值不唯一',
  TSR411: '引用的记录不存在',
  TSR412: '记录仍被引用',
  TSR413: '数字位数过多',
  TSR414: '记录类型不存在或已停用',
  TSR415: '该值不被控制字段允许',
  TSR416: '关联记录过多',
  TSR170: '文件上传无效',
  TSR171: '文件过大',
  TSR172: '不接受该文件类型',
  TSR173: '文件内容与其类型不符',
  TSR174: '文件未通过病毒扫描',
  TSR175: '文件不存在',
  TSR176: '文件引用无效',
  TSR177: '病毒扫描暂不可用',
  TSR178: '无权上传到该字段',
  TSR179: '中间对象不允许此关联',
  TSR425: '用户不存在或已停用',
  TSR426: '用户引用找不到用户或匹配到多个用户',
  TSR500: '未通过校验规则',
  TSR510: '重复记录',
  TSR511: '可能是重复记录，请确认后保存',
  TSR530: '阶段变更被拒绝',
  TSR531: '进入该阶段需要填写字段',
  TSR532: '未满足该阶段的进入条件',
  TSR533: '不允许的阶段转换',
  TSR534: '进入该阶段需要填写原因',
  TSR535: '阶段变更需要审批',
  TSR537: '不是该流程的阶段',
  TSR538: '销售流程不存在',
  TSR539: '提醒不存在',
  TSR551: '审批流程不存在',
  TSR552: '审批请求不存在',
  TSR553: '记录不满足审批流程的进入条件',
  TSR554: '记录已有待处理的审批请求',
  TSR555: '审批请求已不在待处理状态',
  TSR556: '您不是当前步骤的审批人',
  TSR557: '不允许撤回',
  TSR558: '审批步骤没有审批人',
  TSR559: '记录审批中，已锁定',
  TSR560: '审批操作无效',
  TSR561: '通知不存在',
  TSR563: '当前审批步骤不允许编辑该字段',
  TSR900: '内部错误',
  TSR901: '数据库不可用',
  TSR902: '并发更新，请重试',
  TSR903: '语句执行超时',
  TSR904: '租户连接繁忙',
} as const;

/**
 * Codes whose messages carry the specifics (api names, a dependency, the row of an import): an
 * administrator needs those names, which are identifiers and not prose, so the Chinese message is
 * the title followed by the English specifics rather than a vague title alone.
 */
const TITLES_WITH_SPECIFICS_ZH = {
  TSR140: '单次批量请求的记录过多',
  TSR141: '批量写入被拒绝：部分记录有误',
  TSR142: '没有该外部 ID 的记录',
  TSR143: '不是外部 ID 字段',
  TSR144: '导出请求无效',
  TSR150: '导入请求无效',
  TSR151: '导入文件过大',
  TSR152: '不支持的导入文件类型',
  TSR153: '无权导入到该字段',
  TSR155: '该导入无法撤销',
  TSR156: '导入不存在',
  TSR421: '导入无法重新运行',
  TSR422: '导入的多部分上传无效',
  TSR200: '元数据无效',
  TSR201: '元数据不符合元模型结构',
  TSR202: 'API 名称重复',
  TSR203: 'API 名称为保留名称',
  TSR204: '查找字段的目标对象不存在',
  TSR205: '选项列表默认值无效',
  TSR206: '默认值无效',
  TSR207: '自动编号格式无效',
  TSR208: '索引中的字段不存在',
  TSR209: '不支持该变更',
  TSR210: '字段限制相互矛盾',
  TSR211: '名称字段不存在',
  TSR212: '查找字段的删除行为无效',
  TSR213: '元数据已被同时修改',
  TSR214: '选项值重复',
  TSR215: '索引重复',
  TSR216: '存储名称冲突',
  TSR217: '现有数据不允许该变更',
  TSR218: '计划已变化，与审阅的计划不一致',
  TSR219: '缺少计划哈希',
  TSR220: '破坏性变更未确认',
  TSR221: '重命名无效',
  TSR222: '对象仍被引用',
  TSR223: '修订版本不存在',
  TSR224: '已有记录使用该查找字段，不能更改目标对象',
  TSR230: '页面布局无效',
  TSR231: '记录类型无效',
  TSR232: '可见性规则无效',
  TSR233: '选项列表没有启用的值',
  TSR234: '外部 ID 字段无效',
  TSR235: '依赖选项列表无效',
  TSR236: '按记录类型的自动编号格式无效',
  TSR237: '工作日历无效',
  TSR238: '工作日历仍在使用中',
  TSR239: '存储的汇总字段不能读取工作日历',
  TSR240: '工作日历预览请求无效',
  TSR250: '时间线时间字段无效',
  TSR251: '中间对象不存在',
  TSR252: '中间对象的查找字段无效',
  TSR253: '中间对象已被其他字段使用',
  TSR254: '中间对象仍在使用中',
  TSR255: '不支持该中间对象变更',
  TSR303: '租户已存在',
  TSR304: '租户标识无效',
  TSR308: '安全设置无效',
  TSR309: '安全项已存在',
  TSR310: '安全项不存在',
  TSR311: '安全项仍在使用中',
  TSR314: '安全项在读取后已被修改',
  TSR316: '令牌数量已达上限',
  TSR318: '不允许的 Webhook 目标地址',
  TSR319: '租户令牌不存在',
  TSR320: '校验规则可能泄露隐藏字段（计划警告）',
  TSR501: '规则无效',
  TSR502: '规则引用了不存在的字段或变量',
  TSR503: '规则结果的类型错误',
  TSR504: '公式字段之间存在循环依赖',
  TSR505: '汇总字段无效',
  TSR506: '查重规则无效',
  TSR507: '查重规则 API 名称重复',
  TSR508: '默认值表达式无效',
  TSR520: '汇总字段不能汇总读取时钟或当前用户的公式',
  TSR521: '汇总链存在循环或层级过深',
  TSR536: '销售流程无效',
  TSR550: '审批流程无效',
  TSR562: 'Webhook 订阅不存在',
  TSR600: '软件包无效',
  TSR601: '缺少依赖的软件包',
  TSR602: '依赖的软件包版本冲突',
  TSR603: '软件包依赖存在循环',
  TSR604: '不允许降级软件包',
  TSR605: '软件包升级与租户的修改冲突',
  TSR606: '元数据归软件包所有',
  TSR607: '软件包中的名称与他人拥有的元数据冲突',
  TSR608: '软件包不存在',
  TSR609: '软件包已安装',
  TSR610: '软件包被其他软件包依赖',
  TSR611: '软件包的对象中仍有数据',
  TSR612: '软件包需要其他平台版本',
  TSR613: '软件包扩展了其他软件包的对象',
  TSR614: '软件包来源无效',
  TSR615: '软件包示例数据无效',
  TSR616: '该软件包版本已安装',
  TSR617: '软件包操作不存在',
} as const;

export const PROBLEM_TITLES_ZH: Readonly<Record<ErrorCode, string>> = { ...TITLES_ZH, ...TITLES_WITH_SPECIFICS_ZH };

const KEEPS_SPECIFICS: ReadonlySet<string> = new Set(Object.keys(TITLES_WITH_SPECIFICS_ZH));

/** Whether a code's Chinese message keeps the English specifics after its title. */
export function keepsSpecifics(code: string): boolean {
  return KEEPS_SPECIFICS.has(code);
}

const HAN = /[\u3400-\u9fff]/;

/** Per-place messages whose numbers matter to the reader (a password's length): translated whole. */
const KNOWN_MESSAGES_ZH: readonly [RegExp, string][] = [
  [/^must be at least (\d+) characters long$/, '至少需要 $1 个字符'],
  [/^must be at most (\d+) characters long$/, '最多 $1 个字符'],
];

function knownMessageZh(message: string): string | undefined {
  for (const [pattern, zh] of KNOWN_MESSAGES_ZH) if (pattern.test(message)) return message.replace(pattern, zh);
  return undefined;
}

/**
 * One offending place in Chinese: its own text when it is already Chinese (a rule message the
 * admin wrote in zh), a known message translated whole, the code's title followed by the English
 * specifics for codes that carry names, else the title (with the allowed values of a picklist).
 * Like the English message it does not repeat the place: `path` names it.
 */
export function problemMessageZh(error: { code: string; message: string; allowed?: readonly string[] }): string {
  if (HAN.test(error.message)) return error.message;
  const known = knownMessageZh(error.message);
  if (known) return known;
  const title = PROBLEM_TITLES_ZH[error.code as ErrorCode];
  if (!title) return error.message;
  if (keepsSpecifics(error.code)) return error.message ? `${title}：${error.message}` : title;
  return error.allowed ? `${title}；可选值：${error.allowed.join('、')}` : title;
}
