// Words the seeded names are built from: Chinese and English company names and products, so
// `contains` filters have realistic hit rates in both scripts (see CONTAINS_TERMS).

export const ZH_CITIES = ['北京', '上海', '深圳', '杭州', '广州', '成都', '南京', '武汉', '苏州', '西安', '重庆', '天津'];
export const ZH_CORES = [
  '华信',
  '远景',
  '星河',
  '云帆',
  '瑞达',
  '恒通',
  '中科',
  '博远',
  '启明',
  '天润',
  '嘉禾',
  '汇智',
  '鼎盛',
  '宏图',
  '新元',
  '晨光',
  '海纳',
  '金桥',
  '锦程',
  '九州',
];
export const ZH_INDUSTRIES = ['科技', '贸易', '制造', '医疗', '物流', '信息技术', '电子', '食品', '能源', '教育'];
export const EN_CORES = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Wonka',
  'Gringotts',
  'Oscorp',
  'Aperture',
  'Massive',
  'Pied Piper',
  'Nakatomi',
  'Dunder',
  'Monarch',
];
export const EN_INDUSTRIES = ['Systems', 'Logistics', 'Foods', 'Energy', 'Robotics', 'Health', 'Capital', 'Software', 'Retail', 'Labs'];
export const EN_SUFFIXES = ['Inc', 'Ltd', 'GmbH', 'LLC', 'Group', 'Corp'];

export const ZH_PRODUCTS = ['云服务器扩容', '年度软件许可', '数据中心改造', '安全审计服务', '客服系统升级', '培训服务', '硬件采购', '咨询项目'];
export const EN_PRODUCTS = [
  'CRM License Renewal',
  'Cloud Migration',
  'Support Contract',
  'Hardware Refresh',
  'Data Platform',
  'Security Audit',
  'Training Package',
  'Consulting Retainer',
];
export const NEXT_STEPS = ['安排演示', '发送报价', '签订合同', 'Schedule demo', 'Send proposal', 'Follow up call', 'Legal review'];
export const DESCRIPTION_WORDS = [
  '客户',
  '需求',
  '预算',
  '决策人',
  '竞争对手',
  '采购流程',
  'budget',
  'decision maker',
  'timeline',
  'competitor',
  'pilot',
  'renewal',
  'expansion',
  'integration',
  '试点',
  '扩容',
  '续约',
];

/**
 * Terms the `list-expand` workload searches opportunity names for with `contains`: products
 * (about 6% of names each) and company words (about 2.5%), half Chinese, half English.
 */
export const CONTAINS_TERMS = ['扩容', 'Cloud', '星河', 'Globex', '数据中心', 'Renewal', '九州', 'Pied Piper'];
