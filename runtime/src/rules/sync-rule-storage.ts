// Live snapshot → next snapshot, inside the metadata apply's transaction, after its DDL: the
// storage rules need besides columns — roll-up triggers (re-created) and backfills of new or
// changed roll-ups; the `_dup_keys` table, its live-flag triggers and the keys of new or changed
// duplicate rules. A blocking rule over existing duplicates is refused (422 TSR506), so the
// apply rolls back rather than leave duplicates the rule claims cannot exist.
import { canonicalJson, type MetadataSnapshot, type NormalisedObject } from '@tessera/metadata';
import { type Kysely, sql } from 'kysely';
import { ApiError } from '../http/api-error.ts';
import { backfillDuplicateKeys, ensureDuplicateKeyTable, syncDuplicateTriggers } from './duplicate-keys.ts';
import { backfillRollup, syncRollupTriggers } from './rollup-triggers.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

export async function syncRuleStorage(db: Db, schema: string, live: MetadataSnapshot, next: MetadataSnapshot): Promise<void> {
  const liveObjects = new Map(live.objects.map((object) => [object.apiName, object]));
  const nextObjects = new Map(next.objects.map((object) => [object.apiName, object]));
  await syncRollupTriggers(db, schema, next, live);
  for (const parent of next.objects) {
    for (const field of parent.fields) {
      if (field.type !== 'rollup') continue;
      const before = liveObjects.get(parent.apiName)?.fields.find((candidate) => candidate.apiName === field.apiName);
      const child = nextObjects.get(field.childObject);
      if (child && (!before || canonicalJson(before) !== canonicalJson(field))) await backfillRollup(db, schema, parent, child, field);
    }
  }

  const usesDuplicates = [...live.objects, ...next.objects].some((object) => (object.duplicateRules ?? []).length > 0);
  if (!usesDuplicates) return;
  await ensureDuplicateKeyTable(db, schema);
  await syncDuplicateTriggers(db, schema, next);
  const problems: string[] = [];
  for (const object of next.objects) {
    const previous = new Map((liveObjects.get(object.apiName)?.duplicateRules ?? []).map((rule) => [rule.apiName, rule]));
    const changed = (object.duplicateRules ?? []).filter((rule) => canonicalJson(previous.get(rule.apiName) ?? null) !== canonicalJson(rule));
    const report = await backfillDuplicateKeys(db, schema, object, changed);
    for (const { rule, conflicts } of report) {
      const action = changed.find((candidate) => candidate.apiName === rule)?.action;
      if (action === 'block' && conflicts > 0)
        problems.push(
          `${object.apiName}: duplicate rule '${rule}' blocks duplicates, but ${conflicts} existing record${conflicts === 1 ? '' : 's'} duplicate others; merge them or make the rule warn`,
        );
    }
  }
  // Keys of rules (or objects) that no longer exist.
  await sql`delete from ${sql.id(schema, '_dup_keys')} d where not exists (
      select 1 from jsonb_to_recordset(${JSON.stringify(ruleNames(next.objects))}::jsonb) as r(object text, rule text)
      where r.object = d.object and r.rule = d.rule)`.execute(db);
  if (problems.length > 0) {
    throw new ApiError(
      'TSR506',
      'Existing records break a new blocking duplicate rule; nothing was applied.',
      problems.map((message) => ({ path: '', code: 'TSR506', message })),
    );
  }
}

const ruleNames = (objects: readonly NormalisedObject[]) =>
  objects.flatMap((object) => (object.duplicateRules ?? []).map((rule) => ({ object: object.apiName, rule: rule.apiName })));
