// Step 4: a patch that changes restricted picklists without naming a record type is checked
// against the stored record type (the body alone cannot say which values are allowed). Records
// stored before their object had record types hold null and count as the default.
import { defaultRecordType, findRecordType, recordTypeValueProblems } from '@tessera/metadata';
import { errorsToApiError } from '../../../core/api-error.ts';
import type { CompiledObject } from '../../../catalog/catalog-types.ts';
import { isUpdateKind } from '../write-plan.ts';
import type { WriteContext, WriteStep } from '../write-context.ts';

/** Whether the values change a picklist that record types restrict, without naming the record type. */
export function needsStoredRecordType(object: CompiledObject, values: Readonly<Record<string, unknown>>): boolean {
  const recordTypes = object.definition.recordTypes;
  if (!recordTypes || 'record_type' in values) return false;
  let restricted = restrictedOf.get(object.definition);
  if (!restricted) {
    restricted = new Set(recordTypes.flatMap((recordType) => Object.keys(recordType.picklistValues)));
    restrictedOf.set(object.definition, restricted);
  }
  for (const name in values) if (restricted.has(name)) return true;
  return false;
}

/** The picklists record types restrict, per definition (every patch of an object with record types asks). */
const restrictedOf = new WeakMap<CompiledObject['definition'], ReadonlySet<string>>();

export const checkRecordType: WriteStep = {
  name: 'check record type',
  applies: (plan) => isUpdateKind(plan.kind) && plan.items.some((item) => needsStoredRecordType(plan.object, item.values)),
  needs: { stored: true },
  async run(context: WriteContext) {
    const { plan } = context;
    const definition = plan.object.definition;
    plan.items.forEach((item, index) => {
      const stored = context.items[index]?.stored?.record;
      if (!stored || !needsStoredRecordType(plan.object, item.values)) return;
      const storedType = stored.record_type;
      const recordType = (typeof storedType === 'string' ? findRecordType(definition, storedType) : undefined) ?? defaultRecordType(definition);
      if (!recordType) return;
      const problems = recordTypeValueProblems(definition, recordType, item.values);
      if (problems.length > 0) throw errorsToApiError('TSR400', `The ${plan.object.apiName} record is invalid; nothing was saved.`, problems);
    });
  },
};
