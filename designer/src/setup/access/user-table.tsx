// The users: name, email, role, permission sets, status; Edit opens the user's drawer, and
// Deactivate / Reactivate is one click (a deactivated user cannot sign in; nothing is deleted).
import { useState } from 'react';
import type { ApiError } from '../../api/index.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { fillIn } from '../setup-messages.ts';
import { useAccessMessages } from './access-messages.ts';
import type { PeopleData } from './people-data.ts';
import { type SecurityUser, useSecurityApi } from './security-api.ts';
import { useNameOf } from './access-labels.ts';

export function UserTable(props: { data: PeopleData; onEdit: (user: SecurityUser) => void; onChanged: () => void }) {
  const text = useAccessMessages();
  const nameOf = useNameOf();
  const securityApi = useSecurityApi();
  const { language } = useSession();
  const [error, setError] = useState<ApiError | undefined>();
  const roleLabel = (id: string | null) => {
    if (id === null) return '—';
    const role = props.data.roles.find((candidate) => candidate.id === id);
    return role ? nameOf(role) : '—';
  };
  const setLabels = (ids: string[]) =>
    ids
      .map((id) => {
        const set = props.data.sets.find((candidate) => candidate.id === id);
        return set ? nameOf(set) : id;
      })
      .join(', ') || '—';
  const date = new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium' });

  const setActive = async (user: SecurityUser, active: boolean) => {
    setError(undefined);
    try {
      await securityApi.updateUser(user.id, { active });
      props.onChanged();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  return (
    <>
      {error ? <ProblemBanner error={error} /> : null}
      <table className="grid" data-testid="user-table">
        <thead>
          <tr>
            <th>{text.name}</th>
            <th>{text.email}</th>
            <th>{text.role}</th>
            <th>{text.permissionSets}</th>
            <th>{text.status}</th>
            <th>{text.created}</th>
            <th>{text.actions}</th>
          </tr>
        </thead>
        <tbody>
          {props.data.users.map((user) => (
            <tr key={user.id} data-email={user.email}>
              <td>
                {user.name}
                {user.admin ? <span className="muted small"> · {text.administrator}</span> : null}
              </td>
              <td>{user.email}</td>
              <td data-column="role">{roleLabel(user.roleId)}</td>
              <td data-column="sets">{setLabels(user.permissionSetIds)}</td>
              <td data-column="status">{!user.active ? text.inactive : user.invited ? text.invited : text.active}</td>
              <td>{date.format(new Date(user.createdAt))}</td>
              <td className="row-buttons">
                <button
                  type="button"
                  className="link-button"
                  aria-label={fillIn(text.editUser, { name: user.name || user.email })}
                  onClick={() => props.onEdit(user)}
                >
                  ✎
                </button>
                <button type="button" className="link-button" onClick={() => setActive(user, !user.active)}>
                  {user.active ? text.deactivate : text.reactivate}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
