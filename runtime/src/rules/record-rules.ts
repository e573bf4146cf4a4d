// The rule stages of a record write, called by RecordService: expression defaults before schema
// validation; then, inside the write's transaction and on the record exactly as written (API
// form: defaults, formulas and roll-ups included), validation rules (every failure at once, 422
// TSR500) and duplicate keys (409 TSR510 block / TSR511 warn). Throwing rolls the write back.
import { expressionDefaults, type NormalisedObject, type ProblemDetail, type RuleContext, validationRuleErrors } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { ApiErrorWithExtensions } from '../http/api-error.ts';
import { type DuplicateMatch, writeDuplicateKeys } from './duplicate-keys.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

export type RuleLanguage = 'en' | 'zh';

/** Per request: the context rules see, the language of messages, whether possible duplicates are confirmed. */
export interface RecordRuleOptions {
  context: RuleContext;
  language: RuleLanguage;
  confirmDuplicates: boolean;
}

interface WrittenRow {
  j: string;
  version: number;
}

const hasValidationRules = (definition: NormalisedObject): boolean => (definition.validationRules ?? []).some((rule) => rule.active);
const hasDuplicateRules = (definition: NormalisedObject): boolean => (definition.duplicateRules ?? []).some((rule) => rule.active);

/** The body with expression defaults added for the fields it leaves out (create only). */
export function withExpressionDefaults(object: CompiledObject, body: unknown, options: RecordRuleOptions): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  if (!object.definition.fields.some((field) => 'defaultExpr' in field && field.defaultExpr !== undefined)) return body;
  const defaults = expressionDefaults(object.definition, body as Record<string, unknown>, options.context);
  // Only fields this caller may write (a user's view hides the rest).
  const allowed = Object.fromEntries(Object.entries(defaults).filter(([name]) => object.writable.has(name)));
  return { ...allowed, ...(body as Record<string, unknown>) };
}

/**
 * Runs a write with the object's rules: in a transaction when it has validation or duplicate rules
 * (reusing the caller's), with the stored record locked first for an update (`previous.*`).
 */
export async function writeWithRules(
  db: Db,
  catalog: Catalog,
  object: CompiledObject,
  id: string | undefined,
  options: RecordRuleOptions,
  write: (db: Db) => Promise<WrittenRow | undefined>,
): Promise<WrittenRow | undefined> {
  const validation = hasValidationRules(object.definition);
  const duplicates = hasDuplicateRules(object.definition);
  if (!validation && !duplicates) return write(db);
  const run = async (trx: Db): Promise<WrittenRow | undefined> => {
    const stored = storedObject(catalog, object);
    const previous = id && validation ? await fullRecord(trx, stored, id, true) : null;
    if (id && validation && !previous) return write(trx); // gone: the write itself reports it
    const row = await write(trx);
    if (!row) return row;
    const written = catalog.unrestricted
      ? await fullRecord(trx, stored, (JSON.parse(row.j) as { id: string }).id, false)
      : (JSON.parse(row.j) as Record<string, unknown>);
    if (!written) return row;
    if (validation) {
      const failing = validationRuleErrors(object.definition, written, previous ?? null, options.context, options.language);
      if (failing.length > 0) throw validationError(object, failing, options.language);
    }
    if (duplicates) {
      const matches = await writeDuplicateKeys(trx, object.schema, object.definition, written, id !== undefined);
      const blocking = matches.filter((match) => match.action === 'block');
      if (blocking.length > 0) throw await duplicateError(trx, object, blocking, 'TSR510', options.language);
      if (matches.length > 0 && !options.confirmDuplicates) throw await duplicateError(trx, object, matches, 'TSR511', options.language);
    }
    return row;
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

/** The object as stored (rules read every field, whatever the caller's view hides). */
const storedObject = (catalog: Catalog, object: CompiledObject): CompiledObject => catalog.unrestricted?.objects.get(object.apiName) ?? object;

async function fullRecord(db: Db, object: CompiledObject, id: string, lock: boolean): Promise<Record<string, unknown> | undefined> {
  const result = await sql<{ j: string }>`
    select ${object.recordJson('t')}::text as j from ${sql.id(object.schema, object.table)} as t
    where t.id = ${id}::uuid and t.deleted_at is null ${lock ? sql`for update` : sql``}`.execute(db);
  const row = result.rows[0];
  return row ? (JSON.parse(row.j) as Record<string, unknown>) : undefined;
}

const pick = (labels: { en?: string; zh?: string } | undefined, language: RuleLanguage): string =>
  labels ? (labels[language] ?? labels.en ?? labels.zh ?? '') : '';

function validationError(object: CompiledObject, failing: ReturnType<typeof validationRuleErrors>, language: RuleLanguage): ApiErrorWithExtensions {
  const errors: ProblemDetail[] = failing.map(({ path, code, message }) => ({ path, code, message }));
  const rules = new Map((object.definition.validationRules ?? []).map((rule) => [rule.apiName, rule]));
  const detail =
    language === 'zh'
      ? `${object.apiName} 记录未通过 ${failing.length} 条校验规则，未保存。`
      : `The ${object.apiName} record fails ${failing.length} validation rule${failing.length === 1 ? '' : 's'}; nothing was saved.`;
  return new ApiErrorWithExtensions('TSR500', detail, errors, {
    rules: failing.map(({ rule }) => ({ apiName: rule, field: rules.get(rule)?.field ?? null, message: rules.get(rule)?.message })),
  });
}

async function duplicateError(
  db: Db,
  object: CompiledObject,
  matches: DuplicateMatch[],
  code: 'TSR510' | 'TSR511',
  language: RuleLanguage,
): Promise<ApiErrorWithExtensions> {
  const rules = new Map((object.definition.duplicateRules ?? []).map((rule) => [rule.apiName, rule]));
  const nameField = object.definition.nameField;
  const ids = [...new Set(matches.flatMap((match) => match.ids))];
  // Candidates the caller may not read are counted, never shown.
  const visible = object.rowAccess?.read('t');
  const rows = await sql<{ id: string; name: string | null }>`
    select t.id, ${nameField ? sql`${sql.ref(`t.${nameField}`)}::text` : sql`null`} as name
    from ${sql.id(object.schema, object.table)} as t
    where t.id = any(${ids}::uuid[]) ${visible ? sql`and ${visible}` : sql``}`.execute(db);
  const shown = new Map(rows.rows.map((row) => [row.id, row.name]));
  const candidates = matches.map((match) => ({
    rule: match.rule,
    action: match.action,
    message: rules.get(match.rule)?.message ?? null,
    records: match.ids.filter((id) => shown.has(id)).map((id) => ({ id, name: shown.get(id) ?? null })),
    hidden: match.ids.filter((id) => !shown.has(id)).length,
  }));
  const errors: ProblemDetail[] = matches.map((match) => ({
    path: '',
    code,
    message: pick(rules.get(match.rule)?.message, language) || defaultDuplicateMessage(match, language),
  }));
  const detail =
    code === 'TSR510'
      ? language === 'zh'
        ? `已存在重复的 ${object.apiName} 记录，未保存。`
        : `A duplicate ${object.apiName} record exists; nothing was saved.`
      : language === 'zh'
        ? `可能存在重复的 ${object.apiName} 记录；确认后请带上 X-Confirm-Duplicates: true 重新提交。`
        : `Possible duplicate ${object.apiName} records exist; to save anyway, repeat the request with the header X-Confirm-Duplicates: true.`;
  return new ApiErrorWithExtensions(code, detail, errors, { duplicates: candidates });
}

function defaultDuplicateMessage(match: DuplicateMatch, language: RuleLanguage): string {
  return language === 'zh'
    ? `与 ${match.ids.length} 条现有记录重复（规则 ${match.rule}）`
    : `matches ${match.ids.length} existing record${match.ids.length === 1 ? '' : 's'} (rule ${match.rule})`;
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
