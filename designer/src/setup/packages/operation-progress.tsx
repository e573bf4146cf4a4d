// An applying operation's progress (GET /packages/operations/:id, polled while its request runs):
// a bar over the migration steps and sample records, the current step with its description, and
// "sample records n / N". After the request it shows the final state, read once more.
import type { PackageOperationProgress } from '../../api/index.ts';
import { useSession } from '../../shell/session.tsx';

export function OperationProgress(props: { progress: PackageOperationProgress | null }) {
  const { messages } = useSession();
  const { progress } = props;
  const percent = progress ? percentDone(progress) : 0;
  const { steps, sampleData } = progress ?? { steps: { current: 0, total: null, description: null }, sampleData: { created: 0, total: 0 } };
  const stepLine =
    steps.current > 0 ? `${messages.progressStep} ${steps.current} / ${steps.total ?? steps.current}${messages.separator}${steps.description ?? ''}` : null;
  const sampleLine = sampleData.total > 0 ? `${messages.progressSampleRecords} ${sampleData.created} / ${sampleData.total}` : null;
  const phaseLine = progress?.phase === 'security' ? messages.progressSecurity : null;
  const lines = [stepLine, phaseLine, sampleLine].filter((line): line is string => line !== null);
  return (
    <div className="operation-progress" data-testid="package-progress" data-phase={progress?.phase ?? 'starting'}>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={messages.operationProgress}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%${lines.length > 0 ? ` · ${lines.join(' · ')}` : ''}`}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      {lines.length === 0 ? <p className="muted">{messages.progressStarting}</p> : null}
      {stepLine ? <p data-testid="progress-step">{stepLine}</p> : null}
      {phaseLine ? <p>{phaseLine}</p> : null}
      {sampleLine ? <p data-testid="progress-sample">{sampleLine}</p> : null}
    </div>
  );
}

/** Steps and sample records count alike; a finished operation is at 100. */
function percentDone(progress: PackageOperationProgress): number {
  if (progress.phase === 'done') return 100;
  const total = (progress.steps.total ?? 0) + progress.sampleData.total;
  if (total === 0) return 0;
  return Math.min(99, Math.floor(((progress.steps.current + progress.sampleData.created) * 100) / total));
}
