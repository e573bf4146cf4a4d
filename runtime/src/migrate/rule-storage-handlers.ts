// Handlers of the rule-storage actions: roll-up triggers and backfills, duplicate-key triggers and
// keys. They read the rule definitions from the next snapshot (the plan hash binds it: base
// revision + definition) and run in plan order with the DDL, in the apply transaction.
import type { MetadataSnapshot, NormalisedObject } from '@tessera/metadata';
import { ApiError } from '../core/api-error.ts';
import { backfillDuplicateKeys, clearDuplicateKeys, ensureDuplicateKeyTable, syncDuplicateTrigger } from '../rules/duplicate-keys.ts';
import { backfillRollup, syncChildRollupTriggers } from '../rules/rollup-triggers.ts';
import type { Handler } from './migration-handler.ts';

type RuleStorageKind = 'sync_rollup_triggers' | 'backfill_rollup' | 'sync_duplicate_trigger' | 'backfill_duplicate_keys';

export const RULE_STORAGE_HANDLERS: { [K in RuleStorageKind]: Handler<K> } = {
  async sync_rollup_triggers(trx, schema, { object }, { next }) {
    await syncChildRollupTriggers(trx, schema, object, next);
  },

  async backfill_rollup(trx, schema, { object, field, childObject }, { next }) {
    const parent = objectOf(next, object);
    const rollup = parent.fields.find((candidate) => candidate.apiName === field);
    if (rollup?.type !== 'rollup') throw new Error(`corrupt plan: ${object}.${field} is not a roll-up of the next revision`);
    await backfillRollup(trx, schema, parent, objectOf(next, childObject), rollup);
  },

  async sync_duplicate_trigger(trx, schema, { object, enabled }) {
    await syncDuplicateTrigger(trx, schema, object, enabled);
  },

  async backfill_duplicate_keys(trx, schema, { object, rules, clearedRules }, { next }) {
    // The table's creation stays where it was (idempotent) until tenant migrations own it.
    await ensureDuplicateKeyTable(trx, schema);
    await clearDuplicateKeys(trx, schema, object, clearedRules);
    if (rules.length === 0) return;
    const definition = objectOf(next, object);
    const changed = (definition.duplicateRules ?? []).filter((rule) => rules.includes(rule.apiName));
    const report = await backfillDuplicateKeys(trx, schema, definition, changed);
    // A blocking rule over existing duplicates is refused: the apply rolls back rather than leave
    // duplicates the rule claims cannot exist.
    const problems = report.flatMap(({ rule, conflicts }) =>
      conflicts > 0 && changed.find((candidate) => candidate.apiName === rule)?.action === 'block'
        ? [
            `${object}: duplicate rule '${rule}' blocks duplicates, but ${conflicts} existing record${conflicts === 1 ? '' : 's'} duplicate others; merge them or make the rule warn`,
          ]
        : [],
    );
    if (problems.length > 0) {
      throw new ApiError(
        'TSR506',
        'Existing records break a new blocking duplicate rule; nothing was applied.',
        problems.map((message) => ({ path: '', code: 'TSR506', message })),
      );
    }
  },
};

function objectOf(snapshot: MetadataSnapshot, name: string): NormalisedObject {
  const object = snapshot.objects.find((candidate) => candidate.apiName === name);
  if (!object) throw new Error(`corrupt plan: object ${name} is not in the next revision`);
  return object;
}
