// The object page's Layouts tab: each layout with its sections, placed fields and the record types
// that use it; New and Edit open the layout editor (plan → review → apply).
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';
import { useLayoutMessages } from './layout-messages.ts';

export function LayoutsSection(props: { object: ObjectDefinition; onAdd: () => void; onEdit: (layout: string) => void }) {
  const { language, messages } = useSession();
  const text = useLayoutMessages();
  const setupText = useSetupMessages();
  const layouts = props.object.layouts ?? [];
  const recordTypes = props.object.recordTypes ?? [];
  return (
    <section aria-labelledby="layouts-title" data-testid="layouts">
      <div className="section-header">
        <h2 id="layouts-title">{text.layouts}</h2>
        <button type="button" onClick={props.onAdd}>
          + {text.newLayout}
        </button>
      </div>
      {layouts.length === 0 ? (
        <p className="muted">{text.noLayouts}</p>
      ) : (
        <table className="grid" data-testid="layout-table">
          <thead>
            <tr>
              <th>{setupText.apiName}</th>
              <th>{setupText.labelZh}</th>
              <th>{setupText.labelEn}</th>
              <th className="numeric">{text.sectionCount}</th>
              <th className="numeric">{text.fieldCount}</th>
              <th>{text.usedBy}</th>
            </tr>
          </thead>
          <tbody>
            {layouts.map((layout) => {
              // Normalised: a record type without a layout already names the first one.
              const users = recordTypes.filter((recordType) => recordType.layout === layout.apiName);
              return (
                <tr key={layout.apiName} data-layout={layout.apiName}>
                  <td>
                    <button type="button" className="link-like" aria-label={`${setupText.edit} ${layout.apiName}`} onClick={() => props.onEdit(layout.apiName)}>
                      <code>{layout.apiName}</code>
                    </button>
                  </td>
                  <td lang="zh">{layout.labels.zh ?? messages.none}</td>
                  <td>{layout.labels.en ?? messages.none}</td>
                  <td className="numeric">{layout.sections.length}</td>
                  <td className="numeric">{layout.sections.reduce((sum, section) => sum + section.fields.length, 0)}</td>
                  <td>{users.map((recordType) => pickLabel(recordType.labels, language, recordType.apiName)).join(', ') || messages.none}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
