import type { Labels } from '../types.ts';
import type { FormLanguage } from './form-types.ts';

/** The label in the language asked for, else the other one, else the fallback (an api name). */
export function pickLabel(labels: Labels | undefined, language: FormLanguage, fallback: string): string {
  const other: FormLanguage = language === 'zh' ? 'en' : 'zh';
  return labels?.[language] || labels?.[other] || fallback;
}
