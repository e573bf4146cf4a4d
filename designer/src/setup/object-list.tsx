import type { ObjectDefinition } from '../api/index.ts';
import { Link } from '../shell/link.tsx';
import { useSession } from '../shell/session.tsx';

export function ObjectList(props: { objects: ObjectDefinition[]; selected: string | undefined }) {
  const { messages } = useSession();
  return (
    <table className="grid" data-testid="object-list">
      <thead>
        <tr>
          <th>{messages.apiName}</th>
          <th>{messages.labelEn}</th>
          <th>{messages.labelZh}</th>
          <th className="numeric">{messages.fieldCount}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {props.objects.map((object) => (
          <tr
            key={object.apiName}
            className={object.apiName === props.selected ? 'selected' : undefined}
            aria-current={object.apiName === props.selected ? 'true' : undefined}
            data-object={object.apiName}
          >
            <td>
              <Link to={`/setup/${encodeURIComponent(object.apiName)}`}>
                <code>{object.apiName}</code>
              </Link>
            </td>
            <td>{object.labels.en ?? messages.none}</td>
            <td lang="zh">{object.labels.zh ?? messages.none}</td>
            <td className="numeric">{object.fields.length}</td>
            <td>
              <Link to={`/app/${encodeURIComponent(object.apiName)}`}>{messages.records} →</Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
