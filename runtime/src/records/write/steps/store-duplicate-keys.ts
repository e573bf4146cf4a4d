// Step 8: 查重. Stores each written record's match keys (rules/duplicate-keys.ts: PostgreSQL's
// unique index is the judge between concurrent writers) and refuses duplicates: 409 TSR510 for a
// blocking rule, TSR511 for a warning the caller has not confirmed (X-Confirm-Duplicates).
import { sql } from 'kysely';
import type { NormalisedObject, ProblemDetail } from '@tessera/metadata';
import type { CompiledObject } from '../../../catalog/catalog-types.ts';
import { recordNameSql } from '../../../catalog/record-name-sql.ts';
import { ApiErrorWithExtensions } from '../../../core/api-error.ts';
import { type DuplicateMatch, writeDuplicateKeys, writeNewRecordsKeysUnmatched } from '../../../rules/duplicate-keys.ts';
import type { RuleLanguage } from '../../../rules/record-rules.ts';
import { isUpdateKind } from '../write-plan.ts';
import type { ObjectDb, WriteContext, WriteStep } from '../write-context.ts';

/** The fields the active rules' keys are made of, and the id; once per definition, not per write. */
const ruleFields = new WeakMap<NormalisedObject, readonly string[]>();
function duplicateRuleFields(definition: NormalisedObject): readonly string[] {
  let fields = ruleFields.get(definition);
  if (!fields) {
    const names = new Set(['id']);
    for (const rule of definition.duplicateRules ?? []) if (rule.active) for (const match of rule.fields) names.add(match.field);
    fields = Object.freeze([...names]);
    ruleFields.set(definition, fields);
  }
  return fields;
}

export const hasDuplicateRules = (definition: NormalisedObject): boolean => (definition.duplicateRules ?? []).some((rule) => rule.active);

export const storeDuplicateKeys: WriteStep = {
  name: 'store duplicate keys',
  applies: (plan) => (plan.kind === 'create' || isUpdateKind(plan.kind)) && hasDuplicateRules(plan.object.definition),
  // The keys are made of the rules' fields (and stored under the record's id): nothing else of the written record.
  needs: (plan) => ({ writtenRecord: true, writtenFields: duplicateRuleFields(plan.object.definition), transaction: true }),
  async run(context: WriteContext) {
    const { plan, rules } = context;
    if (plan.kind === 'create' && context.items.length > 1 && (await newKeysUnmatched(context))) return;
    for (const state of context.items) {
      const written = state.written?.record;
      if (!written) continue;
      const matches = await writeDuplicateKeys(context.db, plan.object.schema, plan.object.definition, written, plan.kind !== 'create');
      const blocking = matches.filter((match) => match.action === 'block');
      if (blocking.length > 0) throw await duplicateError(context.db, plan.object, blocking, 'TSR510', rules.language);
      if (matches.length > 0 && !rules.confirmDuplicates) throw await duplicateError(context.db, plan.object, matches, 'TSR511', rules.language);
    }
  },
};

/**
 * Many creates: every key stored by one statement per rule when no record shares one (an import's
 * usual chunk). Otherwise those statements are rolled back and the records are asked one by one,
 * so a refusal names the record and the matches a single create would.
 */
async function newKeysUnmatched(context: WriteContext): Promise<boolean> {
  const { plan } = context;
  const records = context.items.flatMap((state) => (state.written?.record ? [state.written.record] : []));
  await sql`savepoint tessera_dup_keys`.execute(context.db);
  if (await writeNewRecordsKeysUnmatched(context.db, plan.object.schema, plan.object.definition, records)) {
    await sql`release savepoint tessera_dup_keys`.execute(context.db);
    return true;
  }
  await sql`rollback to savepoint tessera_dup_keys`.execute(context.db);
  return false;
}

const pick = (labels: { en?: string; zh?: string } | undefined, language: RuleLanguage): string =>
  labels ? (labels[language] ?? labels.en ?? labels.zh ?? '') : '';

async function duplicateError(
  db: ObjectDb,
  object: CompiledObject,
  matches: DuplicateMatch[],
  code: 'TSR510' | 'TSR511',
  language: RuleLanguage,
): Promise<ApiErrorWithExtensions> {
  const rules = new Map((object.definition.duplicateRules ?? []).map((rule) => [rule.apiName, rule]));
  const name = recordNameSql(object);
  const ids = [...new Set(matches.flatMap((match) => match.ids))];
  // Candidates the caller may not read are counted, never shown.
  const visible = object.rowAccess?.read('t');
  const rows = await sql<{ id: string; name: string | null }>`
    select t.id, ${name ?? sql`null`} as name
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
