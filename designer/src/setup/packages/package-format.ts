// Display helpers for the package manager: locale dates, version order, risk and operation words.
import type { StepRisk } from '../../api/index.ts';
import type { Language } from '../../i18n/language.ts';
import type { messagesFor } from '../../i18n/messages.ts';

type Messages = ReturnType<typeof messagesFor>;

export function formatInstant(value: string | null | undefined, language: Language): string | null {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/**
 * Semver order for offering an upgrade (the server decides what it accepts; this only picks the
 * button): numeric major.minor.patch, and a pre-release sorts before its release.
 */
export function compareVersions(left: string, right: string): number {
  const parse = (version: string) => {
    const [core = '', pre] = version.split('+')[0]?.split(/-(.*)/s) ?? [''];
    return { numbers: core.split('.').map((part) => Number.parseInt(part, 10) || 0), pre: pre ?? '' };
  };
  const a = parse(left);
  const b = parse(right);
  for (let index = 0; index < 3; index += 1) {
    const difference = (a.numbers[index] ?? 0) - (b.numbers[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  if (a.pre === b.pre) return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return a.pre < b.pre ? -1 : 1;
}

export function riskLabel(risk: StepRisk, messages: Messages): string {
  const labels: Record<StepRisk, string> = {
    safe: messages.riskSafe,
    rewrites_table: messages.riskRewritesTable,
    touches_data: messages.riskTouchesData,
    destructive: messages.riskDestructive,
  };
  return labels[risk] ?? risk;
}

export function operationLabel(operation: 'install' | 'upgrade' | 'uninstall', messages: Messages): string {
  return { install: messages.install, upgrade: messages.upgrade, uninstall: messages.uninstall }[operation];
}

/** A conflict's value as one short line (labels and enums are small JSON values). */
export function showValue(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
