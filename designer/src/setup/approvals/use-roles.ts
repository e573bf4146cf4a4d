// The tenant's roles for the "role" approver's picker (GET /security/roles through Access's
// request helper). Empty while loading or when they cannot be read: the role name is then typed.
import { useEffect, useState } from 'react';
import { useNameOf } from '../access/access-labels.ts';
import { securityApi } from '../access/security-api.ts';

/** Each role's api name and its name in the UI language. */
export function useRoles(): { name: string; label: string }[] {
  const nameOf = useNameOf();
  const [roles, setRoles] = useState<{ name: string; label: string }[]>([]);
  useEffect(() => {
    let current = true;
    securityApi.roles().then(
      (loaded) => current && setRoles(loaded.data.map((role) => ({ name: role.name, label: nameOf(role) }))),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [nameOf]);
  return roles;
}
