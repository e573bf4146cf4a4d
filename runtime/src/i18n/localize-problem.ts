// A rendered problem → the same problem in the request's language. English is the default and
// the source; for a request preferring Chinese (Accept-Language ranked as rule messages rank it)
// the title, the detail and each error's message come from the zh tables. Text already in Chinese
// (validation-rule messages written by the admin in zh) is kept as it is. Codes, paths and status
// never change, so clients keyed on them behave alike in both languages.
import { type ErrorCode, PROBLEM_TITLES_ZH, problemMessageZh } from '@tessera/metadata';
import type { ProblemBody } from '../http/problem-response.ts';
import { ruleLanguage } from '../rules/record-rules.ts';
import { PROBLEM_DETAILS_ZH } from './problem-titles-zh.ts';

const HAN = /[\u3400-\u9fff]/;

export function localizeProblem(body: ProblemBody, acceptLanguage: string | undefined): ProblemBody {
  if (ruleLanguage(acceptLanguage) !== 'zh') return body;
  const code = body.code as ErrorCode;
  const title = PROBLEM_TITLES_ZH[code] ?? body.title;
  return {
    ...body,
    title,
    detail: HAN.test(body.detail) ? body.detail : (PROBLEM_DETAILS_ZH[code] ?? title),
    errors: body.errors.map((error) => ({ ...error, message: problemMessageZh(error) })),
  };
}
