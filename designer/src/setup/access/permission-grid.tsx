// One permission set as a grid: a row per object with create/read/edit/delete/view all/modify all,
// and under it (opened per object) each field's access: the object's level, hidden, read only or
// read and edit. Edits a draft; the section saves it with one PATCH.
import { Fragment, useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { fillIn } from '../setup-messages.ts';
import { useAccessMessages } from './access-messages.ts';
import { FIELD_ACCESS, type FieldAccess, GRANT_FLAGS, type GrantFlag, type ObjectGrant } from './security-api.ts';

export type Grants = Record<string, ObjectGrant>;

function withFlag(grants: Grants, object: string, flag: GrantFlag, on: boolean): Grants {
  const { [flag]: _dropped, ...rest } = grants[object] ?? {};
  return { ...grants, [object]: on ? { ...rest, [flag]: true } : rest };
}

function withFieldAccess(grants: Grants, object: string, field: string, access: FieldAccess | ''): Grants {
  const grant = grants[object] ?? {};
  const { [field]: _dropped, ...fields } = grant.fields ?? {};
  const next = access ? { ...fields, [field]: access } : fields;
  return { ...grants, [object]: { ...grant, fields: next } };
}

export function PermissionGrid(props: {
  objects: readonly ObjectDefinition[];
  grants: Grants;
  onChange: (grants: Grants) => void;
  errors: (path: string) => string[];
}) {
  const text = useAccessMessages();
  const { language } = useSession();
  const [open, setOpen] = useState<string | undefined>();
  return (
    <table className="grid compact permission-grid" data-testid="permission-grid">
      <thead>
        <tr>
          <th>{text.object}</th>
          {GRANT_FLAGS.map((flag) => (
            <th key={flag}>{text.flags[flag]}</th>
          ))}
          <th>{text.fieldAccess}</th>
        </tr>
      </thead>
      <tbody>
        {props.objects.map((object) => {
          const label = pickLabel(object.labels, language, object.apiName);
          const grant = props.grants[object.apiName] ?? {};
          const errors = props.errors(`/objects/${object.apiName}`);
          return (
            <Fragment key={object.apiName}>
              <tr data-object={object.apiName}>
                <th scope="row">
                  {label}
                  {errors.length ? (
                    <ul className="control-errors">
                      {errors.map((message) => (
                        <li key={message}>{message}</li>
                      ))}
                    </ul>
                  ) : null}
                </th>
                {GRANT_FLAGS.map((flag) => (
                  <td key={flag}>
                    <input
                      type="checkbox"
                      aria-label={`${label} ${text.flags[flag]}`}
                      checked={grant[flag] === true}
                      onChange={(event) => props.onChange(withFlag(props.grants, object.apiName, flag, event.target.checked))}
                    />
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    className="link-button"
                    aria-expanded={open === object.apiName}
                    onClick={() => setOpen(open === object.apiName ? undefined : object.apiName)}
                  >
                    {fillIn(text.fieldsOf, { object: label })}
                  </button>
                </td>
              </tr>
              {open === object.apiName ? (
                <tr>
                  <td colSpan={GRANT_FLAGS.length + 2}>
                    <FieldGrid
                      object={object}
                      grant={grant}
                      onChange={(field, access) => props.onChange(withFieldAccess(props.grants, object.apiName, field, access))}
                    />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

function FieldGrid(props: { object: ObjectDefinition; grant: ObjectGrant; onChange: (field: string, access: FieldAccess | '') => void }) {
  const text = useAccessMessages();
  const { language } = useSession();
  return (
    <table className="grid compact field-grid" data-testid={`field-grid-${props.object.apiName}`}>
      <thead>
        <tr>
          <th>{text.field}</th>
          <th>{text.fieldAccess}</th>
        </tr>
      </thead>
      <tbody>
        {props.object.fields.map((field) => {
          const label = pickLabel(field.labels, language, field.apiName);
          return (
            <tr key={field.apiName} data-field={field.apiName}>
              <td>
                {label} <code className="muted small">{field.apiName}</code>
              </td>
              <td>
                <select
                  aria-label={`${label} ${text.fieldAccess}`}
                  value={props.grant.fields?.[field.apiName] ?? ''}
                  onChange={(event) => props.onChange(field.apiName, event.target.value as FieldAccess | '')}
                >
                  <option value="">{text.fieldAccessValues.default}</option>
                  {FIELD_ACCESS.map((access) => (
                    <option key={access} value={access}>
                      {text.fieldAccessValues[access]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
