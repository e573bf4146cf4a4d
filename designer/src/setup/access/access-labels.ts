// Roles and permission sets are named per language (`labels`); `label` is what older clients and
// the server fall back to. Setup shows the UI language's name, then the other's, then `label`.
import type { Labels } from '@tessera/metadata';
import { useCallback } from 'react';
import { type Language, pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';

export interface Named {
  label: string;
  labels?: Labels;
}

export function nameOf(item: Named, language: Language): string {
  return pickLabel(item.labels, language, item.label);
}

/** What the drawers start from: a role or set saved before labels existed shows its `label` as English. */
export function initialLabels(item: Named | undefined): Labels {
  if (!item) return {};
  if (item.labels && (item.labels.zh || item.labels.en)) return { ...item.labels };
  return { en: item.label };
}

/**
 * The request's `{ labels }`: trimmed, empty languages left out (the server refuses empty strings);
 * nothing when both are empty (the server then names it after its api name).
 */
export function labelsToSend(labels: Labels): { labels?: Labels } {
  const sent: Labels = {};
  if (labels.zh?.trim()) sent.zh = labels.zh.trim();
  if (labels.en?.trim()) sent.en = labels.en.trim();
  return sent.zh || sent.en ? { labels: sent } : {};
}

/** `nameOf` in the UI language. */
export function useNameOf(): (item: Named) => string {
  const { language } = useSession();
  return useCallback((item: Named) => nameOf(item, language), [language]);
}
