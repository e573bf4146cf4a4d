// The role hierarchy as an indented tree: each role with how many users hold it, and buttons to add
// a role under it, edit (rename, move) or delete it. A refused delete (users, subordinate roles or
// sharing rules still depend on it) shows the server's reason on that role's row.
import { useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError } from '../../shell/session.tsx';
import { fillIn } from '../setup-messages.ts';
import { useAccessMessages } from './access-messages.ts';
import { type PeopleData, rolesInTreeOrder } from './people-data.ts';
import { type Role, useSecurityApi } from './security-api.ts';
import type { RoleEditing } from './role-drawer.tsx';
import { useNameOf } from './access-labels.ts';

export function RoleTree(props: { data: PeopleData; onEdit: (editing: RoleEditing) => void; onDeleted: () => void }) {
  const text = useAccessMessages();
  const nameOf = useNameOf();
  const securityApi = useSecurityApi();
  const [refused, setRefused] = useState<{ id: string; error: ApiError } | undefined>();
  const holders = (role: Role) => props.data.users.filter((user) => user.roleId === role.id).length;

  const remove = async (role: Role) => {
    setRefused(undefined);
    try {
      await securityApi.deleteRole(role);
      props.onDeleted();
    } catch (error) {
      setRefused({ id: role.id, error: toApiError(error) });
    }
  };

  return (
    <ul className="role-tree" data-testid="role-tree">
      {rolesInTreeOrder(props.data.roles).map(({ role, depth }) => (
        <li key={role.id} data-role={role.name} style={{ paddingInlineStart: `${depth * 1.5}rem` }}>
          <div className="role-row">
            <span className="role-label">{nameOf(role)}</span> <code className="muted small">{role.name}</code>{' '}
            <span className="muted small">{fillIn(text.roleHolders, { count: holders(role) })}</span>
            <span className="row-buttons">
              <button
                type="button"
                className="link-button"
                aria-label={fillIn(text.childRole, { role: nameOf(role) })}
                onClick={() => props.onEdit({ kind: 'new', parentId: role.id })}
              >
                +
              </button>
              <button
                type="button"
                className="link-button"
                aria-label={fillIn(text.editRole, { role: nameOf(role) })}
                onClick={() => props.onEdit({ kind: 'edit', role })}
              >
                ✎
              </button>
              <button type="button" className="link-button" aria-label={fillIn(text.deleteRole, { role: nameOf(role) })} onClick={() => remove(role)}>
                🗑
              </button>
            </span>
          </div>
          {refused?.id === role.id ? <ProblemBanner error={refused.error} /> : null}
        </li>
      ))}
    </ul>
  );
}
