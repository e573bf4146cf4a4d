// The display language: Chinese when the browser asks for it, else English. Labels fall back to
// the other language and finally to the api name, so nothing ever renders blank.
import type { Labels } from '../api/index.ts';

export type Language = 'en' | 'zh';

export function browserLanguage(): Language {
  const preferred = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return preferred.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function pickLabel(labels: Labels | undefined, language: Language, fallback: string): string {
  const other: Language = language === 'zh' ? 'en' : 'zh';
  return labels?.[language] || labels?.[other] || fallback;
}
