// The selected object's Details tab: labels side by side, plural labels, name field, an activity's
// timeline time, description,
// with Edit and Drop (soft: restorable from "Dropped objects").
import type { ObjectDefinition } from '../../api/index.ts';
import { useSession } from '../../shell/session.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';

export function ObjectDetails(props: { object: ObjectDefinition; onEdit: () => void; onDrop: () => void }) {
  const { messages } = useSession();
  const text = useSetupMessages();
  const { object } = props;
  const extra = object as ObjectDefinition & {
    pluralLabels?: { en?: string; zh?: string };
    nameField?: string | null;
    description?: string;
    timeline?: boolean;
    timelineAt?: string;
  };
  return (
    <section aria-labelledby="object-details-title" data-testid="object-details">
      <div className="section-header">
        <h3 id="object-details-title">
          {text.objectDetails} · <code>{object.apiName}</code>
        </h3>
        <button type="button" className="secondary" onClick={props.onEdit}>
          {text.editObject}
        </button>
        <button type="button" className="danger" onClick={props.onDrop}>
          {text.softDrop}
        </button>
      </div>
      <dl className="details">
        <dt>{text.labelZh}</dt>
        <dd lang="zh">{object.labels.zh ?? messages.none}</dd>
        <dt>{text.labelEn}</dt>
        <dd>{object.labels.en ?? messages.none}</dd>
        <dt>{text.pluralLabelZh}</dt>
        <dd lang="zh">{extra.pluralLabels?.zh ?? messages.none}</dd>
        <dt>{text.pluralLabelEn}</dt>
        <dd>{extra.pluralLabels?.en ?? messages.none}</dd>
        <dt>{text.nameField}</dt>
        <dd>{extra.nameField ? <code>{extra.nameField}</code> : messages.none}</dd>
        {extra.timeline ? (
          <>
            <dt>{text.timelineAt}</dt>
            <dd data-testid="object-timeline-at">{extra.timelineAt ? <code>{extra.timelineAt}</code> : text.timelineAtCreated}</dd>
          </>
        ) : null}
        {extra.description ? (
          <>
            <dt>{text.description}</dt>
            <dd>{extra.description}</dd>
          </>
        ) : null}
      </dl>
    </section>
  );
}
