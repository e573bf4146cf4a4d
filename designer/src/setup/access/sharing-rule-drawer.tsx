// A new sharing rule: on which object, which records (the condition builder, JsonLogic), shared
// with which role (optionally with its subordinates) and at what level. The server compiles the
// criteria as it would for a filter; its problems show under the builder and the other controls.
import { useMemo, useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { ConditionBuilder } from '../../conditions/condition-builder.tsx';
import { conditionFieldsOf } from '../../conditions/condition-fields.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { Drawer } from '../drawer.tsx';
import { CheckControl, SelectControl, TextControl } from '../form-controls.tsx';
import { useAccessMessages } from './access-messages.ts';
import { rolesInTreeOrder } from './people-data.ts';
import { type Role, SHARE_ACCESS, type SharingRule, useSecurityApi } from './security-api.ts';
import { SubmitFooter, useSubmit } from './use-submit.tsx';
import { useNameOf } from './access-labels.ts';

const KEYS = ['/object', '/name', '/criteria', '/roleId', '/includeSubordinates', '/access'];

export function SharingRuleDrawer(props: { objects: readonly ObjectDefinition[]; roles: readonly Role[]; onSaved: () => void; onClose: () => void }) {
  const text = useAccessMessages();
  const nameOf = useNameOf();
  const securityApi = useSecurityApi();
  const { language } = useSession();
  const [objectName, setObjectName] = useState(props.objects[0]?.apiName ?? '');
  const [name, setName] = useState('');
  const [criteria, setCriteria] = useState<unknown>(undefined);
  const [criteriaValid, setCriteriaValid] = useState(true);
  const [roleId, setRoleId] = useState(props.roles[0]?.id ?? '');
  const [includeSubordinates, setIncludeSubordinates] = useState(false);
  const [access, setAccess] = useState<SharingRule['access']>('read');
  const submit = useSubmit(KEYS);
  const object = props.objects.find((candidate) => candidate.apiName === objectName);
  const fields = useMemo(() => conditionFieldsOf(object?.fields ?? [], language), [object, language]);
  const criteriaErrors = [...submit.errors('/criteria'), ...(criteriaValid ? [] : [text.conditionInvalid])];

  const save = async () => {
    if (!criteriaValid) return;
    const saved = await submit.submit(() =>
      securityApi.createSharingRule({ object: objectName, name: name.trim(), criteria: criteria ?? {}, roleId, includeSubordinates, access }),
    );
    if (saved) {
      props.onSaved();
      props.onClose();
    }
  };

  return (
    <Drawer title={text.newSharingRule} onClose={props.onClose} testId="sharing-rule-drawer">
      <form
        className="editor-form"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <SelectControl
          label={text.object}
          value={objectName}
          onChange={setObjectName}
          options={props.objects.map((candidate) => ({ value: candidate.apiName, label: pickLabel(candidate.labels, language, candidate.apiName) }))}
          errors={submit.errors('/object')}
        />
        <TextControl label={text.apiName} value={name} onChange={setName} errors={submit.errors('/name')} />
        <div className={`wide${criteriaErrors.length ? ' has-error' : ''}`}>
          {/* A new object is a new field list: the builder starts over. */}
          <ConditionBuilder
            key={objectName}
            fields={fields}
            initial={undefined}
            label={text.criteria}
            testId="sharing-criteria"
            onChange={(change) => {
              setCriteriaValid(change.ok);
              if (change.ok) setCriteria(change.logic);
            }}
          />
          {criteriaErrors.length ? (
            <ul className="control-errors">
              {criteriaErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <SelectControl
          label={text.shareWith}
          value={roleId}
          onChange={setRoleId}
          options={rolesInTreeOrder(props.roles).map(({ role, depth }) => ({ value: role.id, label: `${'\u00a0\u00a0'.repeat(depth)}${nameOf(role)}` }))}
          errors={submit.errors('/roleId')}
        />
        <CheckControl label={text.includeSubordinates} checked={includeSubordinates} onChange={setIncludeSubordinates} />
        <SelectControl
          label={text.shareAccess}
          value={access}
          onChange={(value) => setAccess(value as SharingRule['access'])}
          options={SHARE_ACCESS.map((value) => ({ value, label: text.shareAccessValues[value] }))}
          errors={submit.errors('/access')}
        />
        <SubmitFooter submit={submit} label={text.save} busyLabel={text.saving} cancelLabel={text.cancel} onCancel={props.onClose} />
      </form>
    </Drawer>
  );
}
