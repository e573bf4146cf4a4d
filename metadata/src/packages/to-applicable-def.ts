// A merged normalised object → the ObjectDef metadata/apply takes (normalising it gives the object
// back). toObjectDef covers fields, indexes, layouts, pipelines and record types; rules and
// approval flows are carried here too, since a package upgrade must not lose them.
import { toObjectDef } from '../evolution/to-object-def.ts';
import type { NormalisedObject } from '../normalised-types.ts';
import type { ObjectDef } from '../types.ts';

export function toApplicableDef(object: NormalisedObject): ObjectDef {
  return {
    ...toObjectDef(object),
    ...(object.validationRules
      ? { validationRules: object.validationRules.map(({ field, ...rule }) => ({ ...rule, ...(field === null ? {} : { field }) })) }
      : {}),
    ...(object.duplicateRules ? { duplicateRules: object.duplicateRules } : {}),
    // Normalised steps carry `timeLimit: null` and a ratio for every mode; a definition may not.
    ...(object.approvalFlows
      ? {
          approvalFlows: object.approvalFlows.map((flow) => ({
            ...flow,
            steps: flow.steps.map(({ timeLimit, ratio, ...step }) => ({
              ...step,
              ...(timeLimit ? { timeLimit } : {}),
              ...(step.mode === 'ratio' ? { ratio } : {}),
            })),
          })) as unknown as NonNullable<ObjectDef['approvalFlows']>,
        }
      : {}),
  };
}
