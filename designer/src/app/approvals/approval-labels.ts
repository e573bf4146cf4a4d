// Names people read instead of api names: an object's, a flow's and a step's label in the
// display language, and dates in the locale's format (2026年12月7日 14:05 / Dec 7, 2026, 2:05 PM).
import type { AuthMe, ObjectDefinition } from '../../api/index.ts';
import { type Language, pickLabel } from '../../i18n/language.ts';
import type { MetadataState } from '../../shell/session.tsx';

export function objectOf(metadata: MetadataState, apiName: string): ObjectDefinition | undefined {
  return metadata.status === 'ready' ? metadata.metadata.objects.find((object) => object.apiName === apiName) : undefined;
}

export function objectLabel(metadata: MetadataState, apiName: string, language: Language): string {
  return pickLabel(objectOf(metadata, apiName)?.labels, language, apiName);
}

export function flowLabel(metadata: MetadataState, object: string, flow: string, language: Language): string {
  const definition = objectOf(metadata, object)?.approvalFlows?.find((candidate) => candidate.apiName === flow);
  return pickLabel(definition?.labels, language, flow);
}

export function stepLabel(steps: readonly { apiName: string; labels?: { en?: string; zh?: string } }[] | undefined, step: string, language: Language): string {
  return pickLabel(steps?.find((candidate) => candidate.apiName === step)?.labels, language, step);
}

export const localeOf = (language: Language): string => (language === 'zh' ? 'zh-CN' : 'en');

export function formatWhen(iso: string | null, language: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(localeOf(language), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * A person as the approval history labels them (`user:<email>`, the audit actor) → what a reader
 * sees: my own name for me, else the email (user names are the administrators' directory).
 */
export function personName(label: string, userId: string | null, me: AuthMe): string {
  if (me.user && userId === me.user.id) return me.user.name || me.user.email;
  return label.replace(/^user:/, '');
}
