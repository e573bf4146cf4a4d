// What Access shows: permission sets, each object's org-wide default, sharing rules, tracked fields
// and the roles sharing rules name, read together.
import type { ObjectAccess, PermissionSet, Role, SharingRule, SecurityApi } from './security-api.ts';

export interface AccessData {
  sets: PermissionSet[];
  objectAccess: ObjectAccess[];
  sharingRules: SharingRule[];
  tracked: Map<string, string[]>;
  roles: Role[];
}

export async function loadAccess(securityApi: SecurityApi): Promise<AccessData> {
  const [sets, objectAccess, sharingRules, tracked, roles] = await Promise.all([
    securityApi.permissionSets(),
    securityApi.objectAccess(),
    securityApi.sharingRules(),
    securityApi.trackedFields(),
    securityApi.roles(),
  ]);
  return {
    sets: sets.data,
    objectAccess: objectAccess.data,
    sharingRules: sharingRules.data,
    tracked: new Map(tracked.data.map((entry) => [entry.object, entry.fields])),
    roles: roles.data,
  };
}
