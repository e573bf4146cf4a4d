// Invite a user: email, name, role and permission sets. Without a password the server creates an
// invitation and answers its token once; it is shown here for the admin to pass on.
import { useState } from 'react';
import { invitationLink } from '../../shell/accept-invite.tsx';
import { useSession } from '../../shell/session.tsx';
import { Drawer } from '../drawer.tsx';
import { SelectControl, TextControl } from '../form-controls.tsx';
import { fillIn } from '../setup-messages.ts';
import { useAccessMessages } from './access-messages.ts';
import type { PeopleData } from './people-data.ts';
import { PermissionSetChecks } from './permission-set-checks.tsx';
import { type CreatedUser, useSecurityApi } from './security-api.ts';
import { SubmitFooter, useSubmit } from './use-submit.tsx';
import { useNameOf } from './access-labels.ts';

const KEYS = ['/email', '/name', '/roleId', '/permissionSetIds'];

export function InviteDrawer(props: { data: PeopleData; onInvited: () => void; onClose: () => void }) {
  const text = useAccessMessages();
  const nameOf = useNameOf();
  const securityApi = useSecurityApi();
  const { me } = useSession();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [roleId, setRoleId] = useState('');
  const [setIds, setSetIds] = useState<string[]>([]);
  const [created, setCreated] = useState<CreatedUser | undefined>();
  const submit = useSubmit(KEYS);

  const invite = async () => {
    const user = await submit.submit(() =>
      securityApi.createUser({
        email: email.trim(),
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(roleId ? { roleId } : {}),
        permissionSetIds: setIds,
      }),
    );
    if (user) {
      setCreated(user);
      props.onInvited();
    }
  };

  return (
    <Drawer title={text.inviteUser} onClose={props.onClose} testId="invite-drawer">
      {created ? (
        <div className="notice" role="status" data-testid="invitation">
          <p>{fillIn(text.invitationCreated, { email: created.email })}</p>
          <code className="invite-token" data-testid="invite-token">
            {created.inviteToken}
          </code>
          {created.inviteToken ? (
            <p>
              {text.invitationLink}{' '}
              <a href={invitationLink(me.tenant, created.inviteToken)} data-testid="invite-link" className="invite-token">
                {invitationLink(me.tenant, created.inviteToken)}
              </a>
            </p>
          ) : null}
          <div className="form-actions">
            <button type="button" onClick={props.onClose}>
              {text.close}
            </button>
          </div>
        </div>
      ) : (
        <form
          className="editor-form"
          // The server checks the address: its message shows on the box, not the browser's bubble.
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            invite();
          }}
        >
          <TextControl label={text.email} type="email" value={email} onChange={setEmail} errors={submit.errors('/email')} />
          <TextControl label={text.name} value={name} onChange={setName} errors={submit.errors('/name')} />
          <SelectControl
            label={text.role}
            value={roleId}
            onChange={setRoleId}
            empty={text.noRole}
            options={props.data.roles.map((role) => ({ value: role.id, label: nameOf(role) }))}
            errors={submit.errors('/roleId')}
          />
          <PermissionSetChecks
            sets={props.data.sets}
            selected={setIds}
            onChange={setSetIds}
            label={text.permissionSets}
            errors={submit.errors('/permissionSetIds')}
          />
          <SubmitFooter submit={submit} label={text.invite} busyLabel={text.saving} cancelLabel={text.cancel} onCancel={props.onClose} />
        </form>
      )}
    </Drawer>
  );
}
