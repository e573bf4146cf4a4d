// Edit one user: name, role, permission sets, manager, a new password (reset). One PATCH for the
// user's own fields; the manager is a separate call (PUT /approvals/managers/:id), made only when
// the admin picked one, because the user list does not say who the current manager is.
import { useState } from 'react';
import { Drawer } from '../drawer.tsx';
import { SelectControl, TextControl } from '../form-controls.tsx';
import { fillIn } from '../setup-messages.ts';
import { useAccessMessages } from './access-messages.ts';
import type { PeopleData } from './people-data.ts';
import { PermissionSetChecks } from './permission-set-checks.tsx';
import { type SecurityUser, useSecurityApi } from './security-api.ts';
import { SubmitFooter, useSubmit } from './use-submit.tsx';
import { useNameOf } from './access-labels.ts';

const KEYS = ['/name', '/roleId', '/permissionSetIds', '/password', '/managerId'];
const UNCHANGED = '';
const NONE = '-';

export function UserDrawer(props: { user: SecurityUser; data: PeopleData; onSaved: () => void; onClose: () => void }) {
  const text = useAccessMessages();
  const nameOf = useNameOf();
  const securityApi = useSecurityApi();
  const { user } = props;
  const [name, setName] = useState(user.name);
  const [roleId, setRoleId] = useState(user.roleId ?? '');
  const [setIds, setSetIds] = useState(user.permissionSetIds);
  const [password, setPassword] = useState('');
  const [managerId, setManagerId] = useState(UNCHANGED);
  const submit = useSubmit(KEYS);

  const save = async () => {
    const saved = await submit.submit(async () => {
      await securityApi.updateUser(user.id, {
        name: name.trim(),
        roleId: roleId || null,
        permissionSetIds: setIds,
        ...(password ? { password } : {}),
      });
      if (managerId !== UNCHANGED) await securityApi.setManager(user.id, managerId === NONE ? null : managerId);
      return true;
    });
    if (saved) {
      props.onSaved();
      props.onClose();
    }
  };

  return (
    <Drawer title={fillIn(text.editUser, { name: user.name || user.email })} onClose={props.onClose} testId="user-drawer">
      <form
        className="editor-form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <TextControl label={text.email} value={user.email} onChange={() => undefined} disabled />
        <TextControl label={text.name} value={name} onChange={setName} errors={submit.errors('/name')} />
        <SelectControl
          label={text.role}
          value={roleId}
          onChange={setRoleId}
          empty={text.noRole}
          options={props.data.roles.map((role) => ({ value: role.id, label: nameOf(role) }))}
          errors={submit.errors('/roleId')}
        />
        <SelectControl
          label={text.manager}
          value={managerId}
          onChange={setManagerId}
          options={[
            { value: UNCHANGED, label: text.managerUnchanged },
            { value: NONE, label: text.noManager },
            ...props.data.users.filter((other) => other.id !== user.id).map((other) => ({ value: other.id, label: other.name || other.email })),
          ]}
          errors={submit.errors('/managerId')}
        />
        <PermissionSetChecks
          sets={props.data.sets}
          selected={setIds}
          onChange={setSetIds}
          label={text.permissionSets}
          errors={submit.errors('/permissionSetIds')}
        />
        <TextControl
          label={text.newPassword}
          type="password"
          value={password}
          onChange={setPassword}
          hint={text.passwordHint}
          errors={submit.errors('/password')}
        />
        <SubmitFooter submit={submit} label={text.save} busyLabel={text.saving} cancelLabel={text.cancel} onCancel={props.onClose} />
      </form>
    </Drawer>
  );
}
