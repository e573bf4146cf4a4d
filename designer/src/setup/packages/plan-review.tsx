// A package plan before anything applies: operation, versions, dependency checks, steps with risk
// and rows, deprecated fields, sample data. Unsafe steps need a confirmation (the plan hash goes
// along); destructive ones need a confirmation naming what is lost.
import { useId, useState } from 'react';
import type { PackagePlan, PlanStep } from '../../api/index.ts';
import { useSession } from '../../shell/session.tsx';
import { operationLabel, riskLabel } from './package-format.ts';
import { PlanSteps } from './plan-steps.tsx';

export function PlanReview(props: { plan: PackagePlan; busy: boolean; onApply: (options: { sampleData: boolean }) => void; onCancel: () => void }) {
  const { messages } = useSession();
  const { plan } = props;
  const [sampleData, setSampleData] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const lostId = useId();
  const lost = plan.steps.filter((step) => step.risk === 'destructive');
  const needsConfirmation = plan.requiresPlanHash || plan.destructive;
  const offersSampleData = plan.operation === 'install' && plan.sampleData.records > 0;

  return (
    <div className="plan-review" data-testid="plan-review">
      <dl className="plan-summary">
        <dt>{messages.operation}</dt>
        <dd data-testid="plan-operation">
          {operationLabel(plan.operation, messages)} <code>{plan.namespace}</code>
        </dd>
        <dt>{messages.versionChange}</dt>
        <dd data-testid="plan-versions">
          {plan.from ?? messages.notInstalled} → {plan.to ?? messages.notInstalled}
        </dd>
        {plan.operation === 'install' ? (
          <>
            <dt>{messages.sampleData}</dt>
            <dd>
              {plan.sampleData.records} {messages.sampleRecords}
            </dd>
          </>
        ) : null}
        <dt>{messages.steps}</dt>
        <dd data-testid="plan-risks">{riskSummary(plan, messages)}</dd>
      </dl>

      {plan.dependencies.length > 0 ? (
        <>
          <h4>{messages.dependencyChecks}</h4>
          <ul className="dependency-checks" data-testid="plan-dependencies">
            {plan.dependencies.map((dependency) => (
              <li key={dependency.namespace} className={dependency.ok ? 'ok' : 'not-ok'}>
                <span aria-hidden="true">{dependency.ok ? '✓' : '✗'}</span> <code>{dependency.namespace}</code> {dependency.range} · {messages.installedVersion}{' '}
                {dependency.installed ?? messages.notInstalled} · {dependency.ok ? messages.dependencyOk : messages.dependencyMissing}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h4>{messages.steps}</h4>
      <PlanSteps steps={plan.steps} />

      {plan.deprecated.length > 0 ? (
        <>
          <h4>{messages.deprecatedFields}</h4>
          <p data-testid="plan-deprecated">
            {plan.deprecated.map((name) => (
              <code key={name} className="chip">
                {name}
              </code>
            ))}
          </p>
        </>
      ) : null}

      {offersSampleData ? (
        <label className="check">
          <input type="checkbox" checked={sampleData} disabled={props.busy} onChange={(event) => setSampleData(event.target.checked)} />{' '}
          {`${messages.includeSampleData} (${plan.sampleData.records} ${messages.sampleRecords})`}
        </label>
      ) : null}

      {plan.destructive ? (
        <div className="destructive-confirmation">
          <label className="check">
            <input
              type="checkbox"
              checked={confirmed}
              disabled={props.busy}
              aria-describedby={lostId}
              onChange={(event) => setConfirmed(event.target.checked)}
            />{' '}
            {messages.confirmDestructive}
          </label>
          <ul id={lostId}>
            {lost.map((step) => (
              <li key={step.step}>
                {step.description} ({messages.rowsColumn}
                {messages.separator}
                {step.rows})
              </li>
            ))}
          </ul>
        </div>
      ) : plan.requiresPlanHash ? (
        <label className="check">
          <input type="checkbox" checked={confirmed} disabled={props.busy} onChange={(event) => setConfirmed(event.target.checked)} /> {messages.confirmUnsafe}
        </label>
      ) : null}

      <div className="form-actions">
        <button
          type="button"
          className={plan.destructive ? 'danger' : undefined}
          disabled={props.busy || (needsConfirmation && !confirmed)}
          onClick={() => props.onApply({ sampleData })}
        >
          {props.busy ? messages.applying : `${messages.apply}${messages.separator}${operationLabel(plan.operation, messages)}`}
        </button>
        <button type="button" className="secondary" disabled={props.busy} onClick={props.onCancel}>
          {messages.cancel}
        </button>
      </div>
    </div>
  );
}

/** `78 · Safe 75 · Touches data 3`: how much of the plan needs a closer look, before the list. */
function riskSummary(plan: PackagePlan, messages: ReturnType<typeof useSession>['messages']): string {
  const counts = new Map<PlanStep['risk'], number>();
  for (const step of plan.steps) counts.set(step.risk, (counts.get(step.risk) ?? 0) + 1);
  return [String(plan.steps.length), ...[...counts].map(([risk, count]) => `${riskLabel(risk, messages)} ${count}`)].join(' · ');
}
