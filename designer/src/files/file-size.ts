// A file's size as people read it, in the UI language's number format: 12 KB, 1.4 MB.
import type { Language } from '../i18n/language.ts';

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

export function formatFileSize(bytes: number, language: Language): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const number = new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${number} ${UNITS[unit]}`;
}

/** A field value (one reference, a list, or null) → the references it holds. */
export function fileRefsOf(value: unknown): { id: string; name: string; size: number; contentType: string }[] {
  const items = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return items.filter(
    (item): item is { id: string; name: string; size: number; contentType: string } => typeof item === 'object' && item !== null && 'id' in item,
  );
}
