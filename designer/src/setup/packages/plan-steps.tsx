// A plan's steps: what changes, its risk as a badge, and the rows it touches.
import type { PlanStep } from '../../api/index.ts';
import { useSession } from '../../shell/session.tsx';
import { riskLabel } from './package-format.ts';
import { PackageTable } from './package-table.tsx';

export function PlanSteps(props: { steps: PlanStep[] }) {
  const { messages } = useSession();
  if (props.steps.length === 0) return <p className="muted">{messages.noSteps}</p>;
  return (
    <PackageTable
      testId="plan-steps"
      compact
      columns={[{ label: '#', numeric: true }, messages.change, messages.risk, { label: messages.rowsColumn, numeric: true }]}
    >
      {props.steps.map((step) => (
        <tr key={step.step} data-risk={step.risk}>
          <td className="numeric" data-label="#">
            {step.step}
          </td>
          <td data-label={messages.change}>{step.description}</td>
          <td data-label={messages.risk}>
            <span className={`risk-badge risk-${step.risk}`}>{riskLabel(step.risk, messages)}</span>
          </td>
          <td className="numeric" data-label={messages.rowsColumn}>
            {step.rows}
          </td>
        </tr>
      ))}
    </PackageTable>
  );
}
