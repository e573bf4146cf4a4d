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
    ...(object.approvalFlows ? { approvalFlows: object.approvalFlows as unknown as NonNullable<ObjectDef['approvalFlows']> } : {}),
  };
}
