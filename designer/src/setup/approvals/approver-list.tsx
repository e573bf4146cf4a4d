// A step's approvers (their union decides): each a type and that type's value — a user's email, a
// role's name, how many levels up the submitter's manager chain, a user field of the record
// (owner, creator or a lookup), or a queue. `errors` takes keys relative to the step.
import type { FieldDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { NumberControl, SelectControl, TextControl } from '../form-controls.tsx';
import { usePipelineMessages } from '../pipelines/pipeline-messages.ts';
import { APPROVER_TYPES, type ApproverDraft, type ApproverType, approverDraft } from './approval-document.ts';
import { ProblemList } from '../pipelines/problem-list.tsx';

export function ApproverList(props: {
  approvers: ApproverDraft[];
  fields: readonly FieldDefinition[];
  /** The tenant's roles (name, label); empty when they could not be read: the role is typed. */
  roles: readonly { name: string; label: string }[];
  step: number;
  onChange: (approvers: ApproverDraft[], path: string) => void;
  errors: (...keys: string[]) => string[];
}) {
  const text = usePipelineMessages();
  const { language } = useSession();
  const { approvers } = props;
  const set = (index: number, patch: Partial<ApproverDraft>) =>
    props.onChange(
      approvers.map((approver, at) => (at === index ? { ...approver, ...patch } : approver)),
      `/approvers/${index}`,
    );
  // owner_id, created_by and user fields hold users; lookups name a record whose owner approves.
  const userFields = [
    { value: 'owner_id', label: text.ownerField },
    { value: 'created_by', label: text.createdByField },
    ...props.fields
      .filter((field) => field.type === 'user' || field.type === 'lookup')
      .map((field) => ({ value: field.apiName, label: `${pickLabel(field.labels, language, field.apiName)} (${field.apiName})` })),
  ];
  const listErrors = props.errors('/approvers$');
  return (
    <fieldset className={`approvers wide${listErrors.length ? ' has-error' : ''}`}>
      <legend>{text.approvers}</legend>
      <ProblemList messages={listErrors} />
      {approvers.map((approver, index) => {
        const at = (key: string) => props.errors(`/approvers/${index}/${key}`);
        const caption = `${text.step} ${props.step} · ${text.approverType} ${index + 1}`;
        return (
          <div key={approver.key} className="approver-row" data-approver={index + 1}>
            <SelectControl
              label={caption}
              value={approver.type}
              options={APPROVER_TYPES.map((type) => ({ value: type, label: text.approverTypes[type] }))}
              onChange={(value) => set(index, { type: value as ApproverType })}
              errors={[...props.errors(`/approvers/${index}$`), ...at('type')]}
            />
            {approver.type === 'user' ? (
              <TextControl label={text.email} type="email" value={approver.email} onChange={(value) => set(index, { email: value })} errors={at('email')} />
            ) : null}
            {approver.type === 'role' && props.roles.length > 0 ? (
              <SelectControl
                label={text.role}
                value={approver.role}
                empty=""
                options={[
                  ...props.roles.map((role) => ({ value: role.name, label: `${role.label} (${role.name})` })),
                  ...(approver.role && !props.roles.some((role) => role.name === approver.role) ? [{ value: approver.role, label: approver.role }] : []),
                ]}
                onChange={(value) => set(index, { role: value })}
                errors={at('role')}
              />
            ) : null}
            {approver.type === 'role' && props.roles.length === 0 ? (
              <TextControl label={text.role} value={approver.role} onChange={(value) => set(index, { role: value })} errors={at('role')} />
            ) : null}
            {approver.type === 'manager' ? (
              <NumberControl label={text.levels} step="1" value={approver.levels} onChange={(value) => set(index, { levels: value })} errors={at('levels')} />
            ) : null}
            {approver.type === 'field' ? (
              <SelectControl
                label={text.field}
                value={approver.field}
                empty=""
                options={userFields}
                onChange={(value) => set(index, { field: value })}
                errors={at('field')}
              />
            ) : null}
            {approver.type === 'queue' ? (
              <TextControl label={text.queue} value={approver.queue} onChange={(value) => set(index, { queue: value })} errors={at('queue')} />
            ) : null}
            <button
              type="button"
              className="secondary icon"
              aria-label={`${text.removeApprover} ${index + 1}`}
              onClick={() =>
                props.onChange(
                  approvers.filter((_, position) => position !== index),
                  '/approvers',
                )
              }
            >
              ✕
            </button>
          </div>
        );
      })}
      <button type="button" className="secondary" onClick={() => props.onChange([...approvers, approverDraft()], '/approvers')}>
        + {text.addApprover}
      </button>
    </fieldset>
  );
}
