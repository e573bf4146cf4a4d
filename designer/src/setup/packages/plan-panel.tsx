// The operation in progress, by phase: planning, a refused plan (its problem, conflicts to resolve,
// or a purge to plan), the plan to review and apply, applying, and the result. Focus moves to the
// panel's heading when it opens, so a keyboard user lands on what to read next.
import { useEffect, useRef } from 'react';
import type { ApiError } from '../../api/index.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { useSession } from '../../shell/session.tsx';
import { ConflictChoices } from './conflict-choices.tsx';
import { OperationProgress } from './operation-progress.tsx';
import { operationLabel } from './package-format.ts';
import { PlanReview } from './plan-review.tsx';
import type { PackageOperation, PackageTarget } from './use-package-operation.ts';

export function PlanPanel(props: { operation: PackageOperation }) {
  const { messages } = useSession();
  const { state, plan, apply, close } = props.operation;
  const heading = useRef<HTMLHeadingElement>(null);
  const opened = state.phase === 'idle' ? null : state.target;
  useEffect(() => {
    if (opened) heading.current?.focus();
  }, [opened]);
  if (state.phase === 'idle') return null;

  const { target } = state;
  const busy = state.phase === 'planning' || state.phase === 'applying';
  return (
    <section className="card plan-panel" aria-labelledby="package-plan-title" aria-busy={busy} data-testid="package-plan" data-phase={state.phase}>
      <h3 id="package-plan-title" ref={heading} tabIndex={-1}>
        {messages.planTitle}
        {messages.separator}
        {target.title}
      </h3>
      {state.phase === 'planning' ? (
        <p role="status" className="muted">
          {messages.planning}
        </p>
      ) : null}
      {state.phase === 'refused' ? (
        <>
          <ProblemBanner error={state.error} />
          {state.conflicts.length > 0 ? (
            <ConflictChoices conflicts={state.conflicts} chosen={state.resolutions} busy={busy} onReplan={(resolutions) => plan(target, resolutions)} />
          ) : null}
          {purgeable(target, state.error) ? (
            <button type="button" className="danger" onClick={() => plan({ ...target, purge: true, title: `${target.title} · ${messages.purge}` })}>
              {messages.planPurge}
            </button>
          ) : null}
        </>
      ) : null}
      {state.phase === 'review' || state.phase === 'applying' || state.phase === 'failed' ? (
        <>
          {state.phase === 'failed' ? <ProblemBanner error={state.error} /> : null}
          {state.phase === 'applying' ? (
            <>
              <p role="status" className="working">
                {messages.applying}
              </p>
              <OperationProgress progress={state.progress} />
            </>
          ) : null}
          <PlanReview key={state.plan.planHash} plan={state.plan} busy={busy} onApply={apply} onCancel={close} />
        </>
      ) : null}
      {state.phase === 'done' && state.progress ? <OperationProgress progress={state.progress} /> : null}
      {state.phase === 'done' ? (
        <p role="status" className="notice" data-testid="package-result">
          {operationLabel(state.plan.operation, messages)} {messages.done}
          {messages.separator}
          <code>{state.result.namespace}</code> {state.result.version ?? ''} · {messages.newRevision} {state.result.revision}
          {state.result.records > 0 ? ` · ${state.result.records} ${messages.recordsCreated}` : ''}
        </p>
      ) : null}
      {state.phase === 'refused' || state.phase === 'done' ? (
        <div className="form-actions">
          <button type="button" className="secondary" onClick={close}>
            {messages.close}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** An uninstall refused only because the package's objects hold data may be planned again as a purge. */
function purgeable(target: PackageTarget, error: ApiError): target is Extract<PackageTarget, { kind: 'uninstall' }> {
  const codes = (error.problem.errors ?? []).map((found) => found.code);
  return target.kind === 'uninstall' && !target.purge && codes.includes('TSR611') && codes.every((code) => code === 'TSR611');
}
