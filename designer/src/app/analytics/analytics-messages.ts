// Pipeline analytics' own words in both languages (kept beside the page, which is its own chunk);
// a key missing in one language fails type-checking.
import type { Language } from '../../i18n/language.ts';

const en = {
  analytics: 'Analytics',
  title: 'Pipeline analytics',
  period: 'Period',
  from: 'From',
  to: 'To',
  funnel: 'Funnel',
  forecast: 'Forecast by close month',
  stage: 'Stage',
  entered: 'Reached',
  advanced: 'Converted',
  conversion: 'Conversion',
  month: 'Month',
  openCount: 'Open',
  openAmount: 'Amount',
  weightedAmount: 'Weighted amount',
  wonCount: 'Won',
  wonAmount: 'Won amount',
  winRate: 'Win rate',
  wonLost: (won: number, lost: number) => `Won ${won} · Lost ${lost}`,
  noForecast: 'No open or won record closes in this period.',
  loading: 'Loading…',
};

const zh: typeof en = {
  analytics: '分析',
  title: '销售流程分析',
  period: '期间',
  from: '开始',
  to: '结束',
  funnel: '漏斗',
  forecast: '按预计成交月份预测',
  stage: '阶段',
  entered: '进入',
  advanced: '推进',
  conversion: '转化率',
  month: '月份',
  openCount: '进行中',
  openAmount: '金额',
  weightedAmount: '加权金额',
  wonCount: '赢单',
  wonAmount: '赢单金额',
  winRate: '赢单率',
  wonLost: (won: number, lost: number) => `赢单 ${won} · 输单 ${lost}`,
  noForecast: '此期间没有进行中或已赢单的记录预计成交。',
  loading: '加载中…',
};

export type AnalyticsMessages = typeof en;

export function analyticsMessages(language: Language): AnalyticsMessages {
  return language === 'zh' ? zh : en;
}
