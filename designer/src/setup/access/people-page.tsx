// Setup → People: users (invite, edit role, permission sets, manager and password, deactivate)
// and the role hierarchy. Every write goes straight to /security (the server versions and audits
// security changes itself; they are not metadata plans), then the lists reload.
import { useState } from 'react';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { useAccessMessages } from './access-messages.ts';
import { InviteDrawer } from './invite-drawer.tsx';
import { loadPeople } from './people-data.ts';
import { RoleDrawer, type RoleEditing } from './role-drawer.tsx';
import { RoleTree } from './role-tree.tsx';
import type { SecurityUser } from './security-api.ts';
import { useSecurityApi } from './security-api.ts';
import { useLoaded } from './use-loaded.ts';
import { UserDrawer } from './user-drawer.tsx';
import { UserTable } from './user-table.tsx';
import '../setup.css';
import './access.css';

type Editing = { kind: 'invite' } | { kind: 'user'; user: SecurityUser } | { kind: 'role'; role: RoleEditing };

export function PeoplePage() {
  const text = useAccessMessages();
  const securityApi = useSecurityApi();
  const { state, reload } = useLoaded(() => loadPeople(securityApi));
  const [editing, setEditing] = useState<Editing | null>(null);
  const close = () => setEditing(null);
  if (state.status === 'loading') return <p className="muted">{text.loading}</p>;
  if (state.status === 'failed') return <ProblemBanner error={state.error} />;
  const data = state.data;

  return (
    <div className="setup people-page">
      <h2>{text.people}</h2>
      <section aria-labelledby="users-title">
        <div className="section-header">
          <h3 id="users-title">{text.users}</h3>
          <button type="button" onClick={() => setEditing({ kind: 'invite' })}>
            + {text.inviteUser}
          </button>
        </div>
        <UserTable data={data} onEdit={(user) => setEditing({ kind: 'user', user })} onChanged={reload} />
      </section>
      <section aria-labelledby="roles-title">
        <div className="section-header">
          <h3 id="roles-title">{text.roles}</h3>
          <button type="button" onClick={() => setEditing({ kind: 'role', role: { kind: 'new' } })}>
            + {text.newRole}
          </button>
        </div>
        <RoleTree data={data} onEdit={(role) => setEditing({ kind: 'role', role })} onDeleted={reload} />
      </section>
      {editing?.kind === 'invite' ? <InviteDrawer data={data} onInvited={reload} onClose={close} /> : null}
      {editing?.kind === 'user' ? <UserDrawer user={editing.user} data={data} onSaved={reload} onClose={close} /> : null}
      {editing?.kind === 'role' ? <RoleDrawer editing={editing.role} roles={data.roles} onSaved={reload} onClose={close} /> : null}
    </div>
  );
}
