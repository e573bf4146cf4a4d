// The object page's Pipeline tab: each pipeline of the object (the default one and those chosen by
// record type) as its stages in order — category, probability, what entering needs — and how
// records may move; New and Edit open the pipeline editor (plan → review → apply).
import type { NormalisedPipeline } from '@tessera/metadata';
import { useState } from 'react';
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { PipelineEditor } from './pipeline-editor.tsx';
import { usePipelineMessages } from './pipeline-messages.ts';
import './pipelines.css';

export function PipelineSection(props: { object: ObjectDefinition }) {
  const text = usePipelineMessages();
  const { language } = useSession();
  const [editing, setEditing] = useState<{ pipeline?: string } | null>(null);
  const pipelines = (props.object.pipelines ?? []) as NormalisedPipeline[];
  const hasStageField = props.object.fields.some((field) => field.type === 'picklist');
  const recordTypeLabel = (apiName: string) => {
    const recordType = props.object.recordTypes?.find((entry) => entry.apiName === apiName);
    return recordType ? pickLabel(recordType.labels, language, apiName) : apiName;
  };
  const fieldLabel = (apiName: string) => {
    const field = props.object.fields.find((entry) => entry.apiName === apiName);
    return field ? pickLabel(field.labels, language, apiName) : apiName;
  };
  return (
    <section aria-labelledby="pipelines-title" data-testid="pipeline-section">
      <div className="section-header">
        <h2 id="pipelines-title">{text.pipelines}</h2>
        <button type="button" disabled={!hasStageField} onClick={() => setEditing({})}>
          + {text.newPipeline}
        </button>
      </div>
      {pipelines.length === 0 ? <p className="muted">{hasStageField ? text.noPipeline : text.noStageField}</p> : null}
      {pipelines.map((pipeline) => (
        <article key={pipeline.apiName} className="pipeline-card" data-pipeline={pipeline.apiName}>
          <header className="section-header">
            <h3>
              <button
                type="button"
                className="link-like"
                aria-label={`${text.editPipeline} ${pipeline.apiName}`}
                onClick={() => setEditing({ pipeline: pipeline.apiName })}
              >
                {pickLabel(pipeline.labels, language, pipeline.apiName)} <code>{pipeline.apiName}</code>
              </button>
            </h3>
            <span className="muted small">
              {text.stageField}: {fieldLabel(pipeline.stageField)} ·{' '}
              {pipeline.recordTypes.length ? `${text.recordTypes}: ${pipeline.recordTypes.map(recordTypeLabel).join(', ')}` : text.defaultPipeline} ·{' '}
              {text.transitions}: {typeof pipeline.transitions === 'object' ? text.transitionModes.graph : text.transitionModes[pipeline.transitions]}
            </span>
          </header>
          <ol className="stage-strip" data-testid="stage-strip">
            {pipeline.stages.map((stage) => (
              <li key={stage.value} className={`stage-chip ${stage.category}`} data-stage={stage.value}>
                <strong>{pickLabel(stage.labels, language, stage.value)}</strong>
                <span className="small">
                  {text.categories[stage.category]} · {stage.probability}%
                </span>
                {stage.requiredFields.length ? (
                  <span className="small">
                    {text.requiredFields}: {stage.requiredFields.map(fieldLabel).join(', ')}
                  </span>
                ) : null}
                {stage.approvalFlow ? (
                  <span className="small">
                    {text.approvalGate}: {stage.approvalFlow}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        </article>
      ))}
      {editing ? <PipelineEditor object={props.object} pipeline={editing.pipeline} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}
