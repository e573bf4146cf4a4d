// A new permission set: api name and label; its grants are set in the grid afterwards.
import type { Labels } from '@tessera/metadata';
import { useState } from 'react';
import { Drawer } from '../drawer.tsx';
import { TextControl } from '../form-controls.tsx';
import { LabelPair } from '../label-pair.tsx';
import { labelsToSend } from './access-labels.ts';
import { useAccessMessages } from './access-messages.ts';
import { type PermissionSet, useSecurityApi } from './security-api.ts';
import { SubmitFooter, useSubmit } from './use-submit.tsx';

export function PermissionSetDrawer(props: { onCreated: (set: PermissionSet) => void; onClose: () => void }) {
  const text = useAccessMessages();
  const securityApi = useSecurityApi();
  const [name, setName] = useState('');
  const [labels, setLabels] = useState<Labels>({});
  const submit = useSubmit(['/name', '/labels/zh', '/labels/en', '/labels$']);
  const create = async () => {
    const created = await submit.submit(() => securityApi.createPermissionSet({ name: name.trim(), ...labelsToSend(labels), objects: {} }));
    if (created) props.onCreated(created);
  };
  return (
    <Drawer title={text.newPermissionSet} onClose={props.onClose} testId="permission-set-drawer">
      <form
        className="editor-form"
        onSubmit={(event) => {
          event.preventDefault();
          create();
        }}
      >
        <TextControl label={text.apiName} value={name} onChange={setName} errors={submit.errors('/name')} />
        <LabelPair
          captions={{ zh: text.labelZh, en: text.labelEn }}
          value={labels}
          onChange={(language, value) => setLabels({ ...labels, [language]: value })}
          errors={{ zh: submit.errors('/labels/zh', '/labels$'), en: submit.errors('/labels/en') }}
        />
        <SubmitFooter submit={submit} label={text.save} busyLabel={text.saving} cancelLabel={text.cancel} onCancel={props.onClose} />
      </form>
    </Drawer>
  );
}
