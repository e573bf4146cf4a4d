// What a record write's rules need from the request: the rule context ($today, $now, $user.id),
// the language of messages, whether possible duplicates are confirmed; and expression defaults,
// added before schema validation. The rule steps themselves are in records/write/steps/.
import { expressionDefaults, type RuleContext } from '@tessera/metadata';
import type { CompiledObject } from '../catalog/catalog-types.ts';

export type RuleLanguage = 'en' | 'zh';

/** Per request: the context rules see, the language of messages, whether possible duplicates are confirmed. */
export interface RecordRuleOptions {
  context: RuleContext;
  language: RuleLanguage;
  confirmDuplicates: boolean;
}

/** The body with expression defaults added for the fields it leaves out (create only). */
export function withExpressionDefaults(object: CompiledObject, body: unknown, options: RecordRuleOptions): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  if (!object.definition.fields.some((field) => 'defaultExpr' in field && field.defaultExpr !== undefined)) return body;
  const defaults = expressionDefaults(object.definition, body as Record<string, unknown>, options.context);
  // Only fields this caller may write (a user's view hides the rest).
  const allowed = Object.fromEntries(Object.entries(defaults).filter(([name]) => object.writable.has(name)));
  return { ...allowed, ...(body as Record<string, unknown>) };
}

/** `Accept-Language` → the language of rule messages: zh when Chinese is preferred over English. */
export function ruleLanguage(acceptLanguage: string | undefined): RuleLanguage {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((param) => /^\s*q=([\d.]+)/.exec(param)?.[1]).find((value) => value !== undefined);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const first = ranked.find((entry) => entry.tag.startsWith('zh') || entry.tag.startsWith('en') || entry.tag === '*');
  return first?.tag.startsWith('zh') ? 'zh' : 'en';
}
