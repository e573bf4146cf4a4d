// The object page's Approvals tab: each approval flow with its status, steps (approvers and how
// they decide) and versions — the one new requests use marked, earlier ones kept for requests
// already in flight; New and Edit open the flow designer (plan → review → apply).
import type { NormalisedApprovalFlow } from '@tessera/metadata';
import { useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { usePipelineMessages } from '../pipelines/pipeline-messages.ts';
import { ApprovalFlowEditor } from './approval-flow-editor.tsx';
import { useFlowVersions } from './flow-versions.ts';
import '../pipelines/pipelines.css';

export function ApprovalFlowsSection(props: { object: ObjectDefinition }) {
  const text = usePipelineMessages();
  const [editing, setEditing] = useState<{ flow?: string } | null>(null);
  const flows = (props.object.approvalFlows ?? []) as NormalisedApprovalFlow[];
  return (
    <section aria-labelledby="approval-flows-title" data-testid="approval-flows-section">
      <div className="section-header">
        <h2 id="approval-flows-title">{text.approvalFlows}</h2>
        <button type="button" onClick={() => setEditing({})}>
          + {text.newFlow}
        </button>
      </div>
      {flows.length === 0 ? <p className="muted">{text.noFlows}</p> : null}
      {flows.map((flow) => (
        <FlowCard key={flow.apiName} object={props.object.apiName} flow={flow} onEdit={() => setEditing({ flow: flow.apiName })} />
      ))}
      {editing ? <ApprovalFlowEditor object={props.object} flow={editing.flow} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}

function FlowCard(props: { object: string; flow: NormalisedApprovalFlow; onEdit: () => void }) {
  const text = usePipelineMessages();
  const { language, metadata } = useSession();
  const { flow } = props;
  const versions = useFlowVersions(props.object, flow.apiName, metadata.status === 'ready' ? metadata.metadata.revision : undefined);
  const approverText = (approver: NormalisedApprovalFlow['steps'][number]['approvers'][number]) => {
    const kind = text.approverTypes[approver.type];
    switch (approver.type) {
      case 'user':
        return `${kind} ${approver.email}`;
      case 'role':
        return `${kind} ${approver.role}`;
      case 'manager':
        return `${kind} ×${approver.levels ?? 1}`;
      case 'field':
        return `${kind} ${approver.field}`;
      case 'queue':
        return `${kind} ${approver.queue}`;
    }
  };
  return (
    <article className="flow-card" data-flow={flow.apiName}>
      <header className="section-header">
        <h3>
          <button type="button" className="link-like" aria-label={`${text.editFlow} ${flow.apiName}`} onClick={props.onEdit}>
            {pickLabel(flow.labels, language, flow.apiName)} <code>{flow.apiName}</code>
          </button>
        </h3>
        <span className="muted small">
          {flow.active ? text.active : text.inactive} · {flow.steps.length} {text.stepsCount}
        </span>
      </header>
      <ol className="stage-strip">
        {flow.steps.map((step) => (
          <li key={step.apiName} className="stage-chip" data-step={step.apiName}>
            <strong>{pickLabel(step.labels, language, step.apiName)}</strong>
            <span className="small">{text.modes[step.mode]}</span>
            <span className="small">{step.approvers.map(approverText).join(', ')}</span>
          </li>
        ))}
      </ol>
      <div data-testid="flow-versions">
        <strong className="small">{text.versions}</strong>
        {versions.status === 'failed' ? <p className="muted small">{text.versionsUnavailable}</p> : null}
        {versions.status === 'ready' ? (
          <ul className="flow-versions">
            {[...versions.data.versions].reverse().map((entry) => (
              <li key={entry.version} className={entry.version === versions.data.version ? 'current' : undefined} data-version={entry.version}>
                {text.version} {entry.version} · {text.revision} {entry.revision} ·{' '}
                {new Date(entry.createdAt).toLocaleString(language === 'zh' ? 'zh-CN' : 'en')} ·{' '}
                {entry.version === versions.data.version ? text.currentVersion : text.olderVersion}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </article>
  );
}
