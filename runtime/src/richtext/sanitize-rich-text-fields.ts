// A record body → the same body with every rich-text value sanitised (sanitizeRichText). Runs
// before the schema check, so `maxLength` and "required" apply to what would be stored; values of
// the wrong type are left for the schema check to refuse (TSR401).
import type { NormalisedObject } from '@tessera/metadata';
import { sanitizeRichText } from './sanitize-rich-text.ts';

const richTextFieldsOf = new WeakMap<NormalisedObject, readonly string[]>();

function richTextFields(definition: NormalisedObject): readonly string[] {
  let names = richTextFieldsOf.get(definition);
  if (!names) {
    names = definition.fields.filter((field) => field.type === 'richtext').map((field) => field.apiName);
    richTextFieldsOf.set(definition, names);
  }
  return names;
}

export function sanitizeRichTextFields(definition: NormalisedObject, body: unknown): unknown {
  const names = richTextFields(definition);
  if (names.length === 0 || typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  let sanitised: Record<string, unknown> | undefined;
  for (const name of names) {
    const value = record[name];
    if (typeof value !== 'string') continue;
    sanitised ??= { ...record };
    sanitised[name] = sanitizeRichText(value);
  }
  return sanitised ?? body;
}
