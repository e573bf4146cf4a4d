// The next metadata snapshot and the tenant's permission sets → warnings for the plan: which
// permission sets could probe which hidden fields through which validation rule. A rule that reads
// a field a writer cannot see answers "valid or not" about it on every write, an oracle
// (Salesforce has the same hole); the admin hears of it before applying, and the runtime
// rate-limits failed validations (validation-throttle.ts).
import type { MetadataSnapshot } from '@tessera/metadata';
import { fieldAccess } from './compile-user-access.ts';
import { ruleFieldNames } from './redact-definition.ts';
import type { PermissionSetRow } from './security-types.ts';

export interface ValidationOracleWarning {
  code: 'TSR320';
  object: string;
  rule: string;
  permissionSet: string;
  fields: string[];
  message: string;
}

export function validationOracleWarnings(snapshot: MetadataSnapshot, permissionSets: Iterable<PermissionSetRow>): ValidationOracleWarning[] {
  const sets = [...permissionSets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const warnings: ValidationOracleWarning[] = [];
  for (const object of snapshot.objects) {
    const fieldNames = new Set(object.fields.map((field) => field.apiName));
    for (const rule of object.validationRules ?? []) {
      if (rule.active === false) continue;
      const reads = [...new Set(ruleFieldNames(rule.condition))].filter((name) => fieldNames.has(name));
      for (const set of sets) {
        const grant = set.objects[object.apiName];
        // Only writers meet the rule; modify-all implies edit.
        if (!grant || !(grant.create || grant.edit || grant.modifyAll)) continue;
        const permission = { create: false, read: true, edit: false, delete: false, viewAll: false, modifyAll: false, grants: [grant] };
        const hidden = reads.filter((name) => fieldAccess(permission, name) === 'none');
        if (hidden.length === 0) continue;
        warnings.push({
          code: 'TSR320',
          object: object.apiName,
          rule: rule.apiName,
          permissionSet: set.name,
          fields: hidden,
          message: `Users with permission set '${set.name}' write ${object.apiName} but cannot see ${hidden.join(', ')}; validation rule '${rule.apiName}' reads ${hidden.length === 1 ? 'it' : 'them'}, so its pass or fail reveals ${hidden.length === 1 ? 'that value' : 'those values'} (failed validations are rate-limited per user).`,
        });
      }
    }
  }
  return warnings;
}
