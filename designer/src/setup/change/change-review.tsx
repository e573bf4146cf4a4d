// The review screen every Setup edit ends in: the plan's steps in the UI language with their risk
// and rows, warnings, an explicit confirmation for unsafe steps (naming what a destructive one
// drops), then apply; afterwards the new revision, or — when someone applied first — why, and a
// re-plan on the latest revision that keeps the edit.
import { useEffect, useId, useRef, useState } from 'react';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { useSession } from '../../shell/session.tsx';
import { fillIn } from '../setup-messages.ts';
import { useSetupMessages } from '../use-setup-messages.ts';
import { describeStep } from './describe-step.ts';
import type { MetadataChangeFlow } from './use-metadata-change.ts';

export function ChangeReview(props: { flow: MetadataChangeFlow; onBack?: () => void; onClose: () => void }) {
  const { language } = useSession();
  const text = useSetupMessages();
  const { state, apply, plan: replan } = props.flow;
  const [confirmed, setConfirmed] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const lostId = useId();
  const planHash = 'plan' in state ? state.plan.planHash : undefined;
  // A new plan is a new review: its confirmation starts unticked, and focus lands on its title.
  useEffect(() => {
    setConfirmed(false);
    if (planHash) heading.current?.focus();
  }, [planHash]);
  if (!('plan' in state)) return null;

  const { plan, change } = state;
  const busy = state.phase === 'applying';
  const described = plan.steps.map((step, index) => {
    const action = plan.actions[index];
    return { ...step, text: action ? describeStep(action, language, step.description) : step.description };
  });
  const lost = described.filter((step) => step.risk === 'destructive');
  const needsConfirmation = plan.requiresPlanHash || plan.destructive;

  return (
    <section className="change-review" aria-labelledby={`${lostId}-title`} aria-busy={busy} data-testid="change-review" data-phase={state.phase}>
      <h3 id={`${lostId}-title`} ref={heading} tabIndex={-1}>
        {text.planTitle} · {change.title}
      </h3>
      <p className="muted" data-testid="plan-base">
        {text.planBase} {plan.baseRevision} · {plan.steps.length} {text.stepCount}
      </p>
      {!plan.changed ? <p className="notice">{text.noChange}</p> : null}
      {described.length > 0 ? (
        <table className="grid compact" data-testid="plan-steps">
          <thead>
            <tr>
              <th className="numeric">#</th>
              <th>{text.step}</th>
              <th>{text.risk}</th>
              <th className="numeric">{text.rows}</th>
            </tr>
          </thead>
          <tbody>
            {described.map((step) => (
              <tr key={step.step} data-risk={step.risk} data-kind={step.kind}>
                <td className="numeric">{step.step}</td>
                <td>{step.text}</td>
                <td>
                  <span className={`risk-badge risk-${step.risk}`}>{text.terms.risks[step.risk]}</span>
                </td>
                <td className="numeric">{step.rows}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {plan.warnings?.length ? (
        <div className="plan-warnings" role="note">
          <strong>{text.warnings}</strong>
          <ul>
            {plan.warnings.map((warning) => (
              <li key={`${warning.object}.${warning.rule}.${warning.permissionSet}`}>{warning.message ?? `${warning.object}.${warning.rule}`}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {state.phase === 'stale' ? (
        <div className="problem" role="alert" data-testid="stale-plan">
          <strong>{text.staleTitle}</strong>
          <p>{fillIn(text.staleDetail, { base: plan.baseRevision, latest: state.latest ?? '?' })}</p>
          <button type="button" onClick={() => replan(change)}>
            {text.replan}
          </button>
        </div>
      ) : null}
      {state.phase === 'failed' ? <ProblemBanner error={state.error} /> : null}
      {state.phase === 'done' ? (
        <p className="notice" role="status" data-testid="change-applied">
          {text.applied} {state.revision}
        </p>
      ) : null}

      {plan.changed && (state.phase === 'review' || state.phase === 'applying' || state.phase === 'failed') ? (
        <>
          {plan.destructive ? (
            <div className="destructive-confirmation">
              <label className="check">
                <input type="checkbox" checked={confirmed} disabled={busy} aria-describedby={lostId} onChange={(event) => setConfirmed(event.target.checked)} />{' '}
                {text.confirmDestructive}
              </label>
              <ul id={lostId}>
                {lost.map((step) => (
                  <li key={step.step}>
                    {step.text} ({text.rows}: {step.rows})
                  </li>
                ))}
              </ul>
            </div>
          ) : plan.requiresPlanHash ? (
            <label className="check">
              <input type="checkbox" checked={confirmed} disabled={busy} onChange={(event) => setConfirmed(event.target.checked)} /> {text.confirmUnsafe}
            </label>
          ) : null}
          <div className="form-actions">
            <button type="button" className={plan.destructive ? 'danger' : undefined} disabled={busy || (needsConfirmation && !confirmed)} onClick={apply}>
              {busy ? text.applying : text.apply}
            </button>
            {props.onBack ? (
              <button type="button" className="secondary" disabled={busy} onClick={props.onBack}>
                {text.backToEdit}
              </button>
            ) : null}
            <button type="button" className="secondary" disabled={busy} onClick={props.onClose}>
              {text.cancel}
            </button>
          </div>
        </>
      ) : (
        <div className="form-actions">
          {props.onBack && state.phase !== 'done' ? (
            <button type="button" className="secondary" onClick={props.onBack}>
              {text.backToEdit}
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={props.onClose}>
            {text.close}
          </button>
        </div>
      )}
    </section>
  );
}
