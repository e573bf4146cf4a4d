// A rendered problem → the same problem in the request's language. English is the default and
// the source; for a request preferring Chinese (Accept-Language ranked as rule messages rank it)
// the title, the detail and each error's message come from the zh tables. Text already in Chinese
// (validation-rule messages written by the admin in zh) is kept as it is. Codes, paths and status
// never change, so clients keyed on them behave alike in both languages.
import type { ErrorCode } from '@tessera/metadata';
import type { ProblemBody } from '../http/problem-response.ts';
import { ruleLanguage } from '../rules/record-rules.ts';
import { PROBLEM_DETAILS_ZH, PROBLEM_TITLES_ZH } from './problem-titles-zh.ts';

const HAN = /[\u3400-\u9fff]/;

function knownMessageZh(message: string): string | undefined {
  for (const [pattern, zh] of KNOWN_MESSAGES_ZH) if (pattern.test(message)) return message.replace(pattern, zh);
  return undefined;
}

/** Per-place messages whose numbers matter to the reader (a password's length): translated whole, not replaced by the title. */
const KNOWN_MESSAGES_ZH: readonly [RegExp, string][] = [
  [/^must be at least (\d+) characters long$/, '至少需要 $1 个字符'],
  [/^must be at most (\d+) characters long$/, '最多 $1 个字符'],
];

export function localizeProblem(body: ProblemBody, acceptLanguage: string | undefined): ProblemBody {
  if (ruleLanguage(acceptLanguage) !== 'zh') return body;
  const code = body.code as ErrorCode;
  const title = PROBLEM_TITLES_ZH[code];
  // Codes whose messages carry the specifics (security settings: "a role named … exists") keep
  // them in English rather than a vague Chinese title; only messages known whole are translated.
  if (!title) {
    const errors = body.errors.map((error) => ({ ...error, message: knownMessageZh(error.message) ?? error.message }));
    return errors.some((error, index) => error.message !== body.errors[index]?.message) ? { ...body, errors } : body;
  }
  return {
    ...body,
    title,
    detail: HAN.test(body.detail) ? body.detail : (PROBLEM_DETAILS_ZH[code] ?? title),
    errors: body.errors.map((error) => ({ ...error, message: errorMessageZh(error) })),
  };
}

/**
 * One offending place: its own Chinese text when it has one (a rule message written in zh), else
 * the code's Chinese title. Like the English message it does not repeat the place: `path` names it,
 * and forms show the message beside that field.
 */
export function errorMessageZh(error: { path: string; code: string; message: string; allowed?: string[] }): string {
  if (HAN.test(error.message)) return error.message;
  const known = knownMessageZh(error.message);
  if (known) return known;
  const title = PROBLEM_TITLES_ZH[error.code as ErrorCode];
  if (!title) return error.message;
  // A value outside a picklist: the Chinese message lists what is allowed, as the English one does.
  return error.allowed ? `${title}；可选值：${error.allowed.join('、')}` : title;
}
