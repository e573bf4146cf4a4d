// Setup → object manager (read-only for now): every object with its labels and field count,
// and the selected object's fields.
import { ProblemBanner } from '../shell/problem-banner.tsx';
import { useSession } from '../shell/session.tsx';
import { FieldTable } from './field-table.tsx';
import { ObjectList } from './object-list.tsx';

export function SetupPage(props: { objectApiName: string | undefined }) {
  const { metadata, messages } = useSession();
  if (metadata.status === 'loading') return <p className="muted">{messages.loading}</p>;
  if (metadata.status === 'failed') return <ProblemBanner error={metadata.error} />;

  const { objects, revision } = metadata.metadata;
  const selected = objects.find((object) => object.apiName === props.objectApiName) ?? objects[0];
  return (
    <div className="setup">
      <section>
        <h2>
          {messages.objects} <span className="muted small">{`${messages.revision} ${revision}`}</span>
        </h2>
        {objects.length === 0 ? (
          <p className="muted">{messages.noObjects}</p>
        ) : (
          <ObjectList objects={objects} selected={selected?.apiName} />
        )}
      </section>
      {selected ? (
        <section>
          <FieldTable object={selected} />
        </section>
      ) : null}
    </div>
  );
}
