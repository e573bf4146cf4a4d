// How records move between stages: forward only, any move, or an explicit graph edited as a list
// (each stage → the stages it may move to, as checkboxes) and drawn beside it as arrows, so the
// admin sees the process they are defining. Stages are referred to by their draft keys.
import { SelectControl } from '../form-controls.tsx';
import { forwardGraph, type PipelineDraft, type StageDraft, type TransitionMode } from './pipeline-document.ts';
import { usePipelineMessages } from './pipeline-messages.ts';
import { ProblemList } from './problem-list.tsx';

const MODES: TransitionMode[] = ['forward', 'any', 'graph'];

export function TransitionsEditor(props: {
  draft: PipelineDraft;
  stageLabel: (stage: StageDraft) => string;
  onChange: (patch: Pick<PipelineDraft, 'mode' | 'graph'>) => void;
  errors: (...keys: string[]) => string[];
}) {
  const text = usePipelineMessages();
  const { draft, stageLabel } = props;
  const setMode = (mode: TransitionMode) =>
    props.onChange({ mode, graph: mode === 'graph' && Object.keys(draft.graph).length === 0 ? forwardGraph(draft.stages) : draft.graph });
  const toggle = (from: string, to: string, on: boolean) => {
    const targets = draft.stages.map((stage) => stage.key).filter((key) => (key === to ? on : (draft.graph[from] ?? []).includes(key)));
    props.onChange({ mode: 'graph', graph: { ...draft.graph, [from]: targets } });
  };
  // Graph problems are keyed by stage value (`/transitions/<from>/<position>`).
  const problemsOf = (stage: StageDraft) => props.errors(`/transitions/${stage.value}`);
  return (
    <fieldset className="transitions wide" data-testid="transitions">
      <legend>{text.transitions}</legend>
      <SelectControl
        label={text.transitions}
        value={draft.mode}
        options={MODES.map((mode) => ({ value: mode, label: text.transitionModes[mode] }))}
        onChange={(value) => setMode(value as TransitionMode)}
        errors={props.errors('/transitions$')}
      />
      {draft.mode === 'graph' ? (
        <div className="transition-graph">
          <table className="grid transition-table">
            <thead>
              <tr>
                <th>{text.from}</th>
                <th>{text.allowedTargets}</th>
              </tr>
            </thead>
            <tbody>
              {draft.stages.map((from) => (
                <tr key={from.key} data-from={from.value}>
                  <th scope="row">{stageLabel(from)}</th>
                  <td>
                    {draft.stages
                      .filter((to) => to.key !== from.key)
                      .map((to) => (
                        <label key={to.key} className="check">
                          <input
                            type="checkbox"
                            aria-label={`${stageLabel(from)} → ${stageLabel(to)}`}
                            checked={(draft.graph[from.key] ?? []).includes(to.key)}
                            onChange={(event) => toggle(from.key, to.key, event.target.checked)}
                          />{' '}
                          {stageLabel(to)}
                        </label>
                      ))}
                    <ProblemList messages={problemsOf(from)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <TransitionArrows draft={draft} stageLabel={stageLabel} />
        </div>
      ) : null}
    </fieldset>
  );
}

/** The graph as arrows: one line per stage, its allowed moves after it. */
function TransitionArrows(props: { draft: PipelineDraft; stageLabel: (stage: StageDraft) => string }) {
  const text = usePipelineMessages();
  const { draft } = props;
  const label = new Map(draft.stages.map((stage) => [stage.key, props.stageLabel(stage)]));
  return (
    <ul className="transition-arrows" data-testid="transition-arrows" aria-hidden="true">
      {draft.stages.map((from) => {
        const targets = (draft.graph[from.key] ?? []).filter((key) => label.has(key));
        return (
          <li key={from.key}>
            <span className={`stage-chip ${from.category}`}>{label.get(from.key)}</span>
            <span className="arrow">→</span>
            {targets.length ? (
              targets.map((key) => (
                <span key={key} className="stage-chip target">
                  {label.get(key)}
                </span>
              ))
            ) : (
              <span className="muted">{text.noTargets}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
