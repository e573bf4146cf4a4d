// Create a role (api name, label, parent) or edit one (label, and its parent: moving it in the
// tree). The server refuses a taken name or an unknown parent; its message shows on that control.
import { useState } from 'react';
import { Drawer } from '../drawer.tsx';
import { SelectControl, TextControl } from '../form-controls.tsx';
import { LabelPair } from '../label-pair.tsx';
import { fillIn } from '../setup-messages.ts';
import { initialLabels, labelsToSend, useNameOf } from './access-labels.ts';
import { useAccessMessages } from './access-messages.ts';
import { roleAndDescendants, rolesInTreeOrder } from './people-data.ts';
import { type Role, useSecurityApi } from './security-api.ts';
import { SubmitFooter, useSubmit } from './use-submit.tsx';

const KEYS = ['/name', '/labels/zh', '/labels/en', '/labels$', '/parentId'];

export type RoleEditing = { kind: 'new'; parentId?: string } | { kind: 'edit'; role: Role };

export function RoleDrawer(props: { editing: RoleEditing; roles: readonly Role[]; onSaved: () => void; onClose: () => void }) {
  const text = useAccessMessages();
  const securityApi = useSecurityApi();
  const { editing } = props;
  const existing = editing.kind === 'edit' ? editing.role : undefined;
  const [name, setName] = useState('');
  const [labels, setLabels] = useState(initialLabels(existing));
  const nameOf = useNameOf();
  const [parentId, setParentId] = useState(existing ? (existing.parentId ?? '') : editing.kind === 'new' ? (editing.parentId ?? '') : '');
  const submit = useSubmit(KEYS);
  // A role cannot report to itself or to a role below it.
  const excluded = existing ? roleAndDescendants(props.roles, existing.id) : new Set<string>();
  const parents = rolesInTreeOrder(props.roles).filter(({ role }) => !excluded.has(role.id));
  const title = existing ? fillIn(text.editRole, { role: nameOf(existing) }) : text.newRole;

  const save = async () => {
    const saved = await submit.submit(() =>
      existing
        ? securityApi.updateRole(existing, { ...labelsToSend(labels), parentId: parentId || null })
        : securityApi.createRole({ name: name.trim(), ...labelsToSend(labels), ...(parentId ? { parentId } : {}) }),
    );
    if (saved) {
      props.onSaved();
      props.onClose();
    }
  };

  return (
    <Drawer title={title} onClose={props.onClose} testId="role-drawer">
      <form
        className="editor-form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        {existing ? null : <TextControl label={text.apiName} value={name} onChange={setName} errors={submit.errors('/name')} />}
        <LabelPair
          captions={{ zh: text.labelZh, en: text.labelEn }}
          value={labels}
          onChange={(language, value) => setLabels({ ...labels, [language]: value })}
          errors={{ zh: submit.errors('/labels/zh', '/labels$'), en: submit.errors('/labels/en') }}
        />
        <SelectControl
          label={text.parentRole}
          value={parentId}
          onChange={setParentId}
          empty={text.topLevel}
          options={parents.map(({ role, depth }) => ({ value: role.id, label: `${'\u00a0\u00a0'.repeat(depth)}${nameOf(role)}` }))}
          errors={submit.errors('/parentId')}
        />
        <SubmitFooter submit={submit} label={text.save} busyLabel={text.saving} cancelLabel={text.cancel} onCancel={props.onClose} />
      </form>
    </Drawer>
  );
}
