// The object page's Validation rules: each rule with its status, message in both languages and
// the field it shows on; New and Edit open the rule editor (plan → review → apply).
import type { ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { useSetupMessages } from '../use-setup-messages.ts';

export function ValidationRulesSection(props: { object: ObjectDefinition; onAdd: () => void; onEdit: (rule: string) => void }) {
  const { language, messages } = useSession();
  const text = useSetupMessages();
  const rules = props.object.validationRules ?? [];
  const fieldLabel = (apiName: string | null | undefined) => {
    const field = props.object.fields.find((entry) => entry.apiName === apiName);
    return field ? pickLabel(field.labels, language, field.apiName) : text.wholeRecord;
  };
  return (
    <section aria-labelledby="validation-rules-title" data-testid="validation-rules">
      <div className="section-header">
        <h2 id="validation-rules-title">{text.validationRules}</h2>
        <button type="button" onClick={props.onAdd}>
          + {text.newRule}
        </button>
      </div>
      {rules.length === 0 ? (
        <p className="muted">{text.noRules}</p>
      ) : (
        <table className="grid" data-testid="rule-table">
          <thead>
            <tr>
              <th>{text.apiName}</th>
              <th>{text.ruleStatus}</th>
              <th>{text.ruleMessageZh}</th>
              <th>{text.ruleMessageEn}</th>
              <th>{text.ruleField}</th>
            </tr>
          </thead>
          <tbody>
            {rules.map((rule) => (
              <tr key={rule.apiName} data-rule={rule.apiName}>
                <td>
                  <button type="button" className="link-like" aria-label={`${text.edit} ${rule.apiName}`} onClick={() => props.onEdit(rule.apiName)}>
                    <code>{rule.apiName}</code>
                  </button>
                </td>
                <td>{rule.active ? text.ruleActive : text.ruleInactive}</td>
                <td lang="zh">{rule.message.zh ?? messages.none}</td>
                <td>{rule.message.en ?? messages.none}</td>
                <td>{fieldLabel(rule.field)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
