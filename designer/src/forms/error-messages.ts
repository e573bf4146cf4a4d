// ajv's messages in the user's language for the keywords a generated form uses; the rest keep
// ajv's English text. A blank required text fails its `\S` pattern: that reads as "required".
import type { RJSFValidationError } from '@rjsf/utils';
import type { Language } from '../i18n/language.ts';

type Params = Record<string, unknown>;

const MESSAGES: Record<Language, Record<string, (params: Params) => string>> = {
  en: {
    required: () => 'Required',
    pattern: () => 'Required',
    minimum: (p) => `Must be at least ${p.limit}`,
    maximum: (p) => `Must be at most ${p.limit}`,
    exclusiveMinimum: () => 'Too many digits',
    exclusiveMaximum: () => 'Too many digits',
    maxLength: (p) => `At most ${p.limit} characters`,
    minLength: (p) => `At least ${p.limit} characters`,
    format: () => 'Invalid format',
    oneOf: () => 'Choose one of the options',
    multipleOf: () => 'Too many decimal places',
    maxItems: (p) => `Choose at most ${p.limit}`,
    minItems: () => 'Choose at least one',
    type: () => 'Invalid value',
  },
  zh: {
    required: () => '必填',
    pattern: () => '必填',
    minimum: (p) => `不能小于 ${p.limit}`,
    maximum: (p) => `不能大于 ${p.limit}`,
    exclusiveMinimum: () => '位数过多',
    exclusiveMaximum: () => '位数过多',
    maxLength: (p) => `最多 ${p.limit} 个字符`,
    minLength: (p) => `至少 ${p.limit} 个字符`,
    format: () => '格式不正确',
    oneOf: () => '请从选项中选择',
    multipleOf: () => '小数位数过多',
    maxItems: (p) => `最多选择 ${p.limit} 项`,
    minItems: () => '至少选择一项',
    type: () => '值的类型不正确',
  },
};

/** Keeps one message per field and keyword (a oneOf failure also reports each failed branch). */
export function localiseErrors(language: Language) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] => {
    const seen = new Set<string>();
    const kept: RJSFValidationError[] = [];
    for (const error of errors) {
      // Branch errors of a oneOf (`const`) say nothing the oneOf error does not.
      if (error.name === 'const' || (error.name === 'type' && seen.has(`${error.property}|oneOf`))) continue;
      const key = `${error.property}|${error.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const message = error.name ? MESSAGES[language][error.name]?.((error.params ?? {}) as Params) : undefined;
      kept.push(message ? { ...error, message } : error);
    }
    return kept;
  };
}
