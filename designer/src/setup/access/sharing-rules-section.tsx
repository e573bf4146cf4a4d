// Sharing rules: each rule's object, name, criteria (JsonLogic, shown as JSON), the role it shares
// with and the level; new ones in a drawer; delete per rule.
import { useState } from 'react';
import type { ApiError, ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { fillIn } from '../setup-messages.ts';
import { useAccessMessages } from './access-messages.ts';
import { type Role, type SharingRule, useSecurityApi } from './security-api.ts';
import { SharingRuleDrawer } from './sharing-rule-drawer.tsx';
import { useNameOf } from './access-labels.ts';

export function SharingRulesSection(props: {
  rules: readonly SharingRule[];
  roles: readonly Role[];
  objects: readonly ObjectDefinition[];
  onChanged: () => void;
}) {
  const text = useAccessMessages();
  const nameOf = useNameOf();
  const securityApi = useSecurityApi();
  const { language } = useSession();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const found = (id: string) => props.roles.find((role) => role.id === id);
  const roleLabel = (id: string) => {
    const role = found(id);
    return role ? nameOf(role) : id;
  };
  const objectLabel = (name: string) => pickLabel(props.objects.find((object) => object.apiName === name)?.labels, language, name);
  const remove = async (rule: SharingRule) => {
    setError(undefined);
    try {
      await securityApi.deleteSharingRule(rule.id);
      props.onChanged();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };
  return (
    <section aria-labelledby="sharing-rules-title">
      <div className="section-header">
        <h3 id="sharing-rules-title">{text.sharingRules}</h3>
        <button type="button" disabled={props.roles.length === 0 || props.objects.length === 0} onClick={() => setCreating(true)}>
          + {text.newSharingRule}
        </button>
      </div>
      {error ? <ProblemBanner error={error} /> : null}
      {props.rules.length === 0 ? (
        <p className="muted">{text.noSharingRules}</p>
      ) : (
        <table className="grid compact" data-testid="sharing-rules">
          <thead>
            <tr>
              <th>{text.object}</th>
              <th>{text.apiName}</th>
              <th>{text.criteria}</th>
              <th>{text.shareWith}</th>
              <th>{text.shareAccess}</th>
              <th>{text.actions}</th>
            </tr>
          </thead>
          <tbody>
            {props.rules.map((rule) => (
              <tr key={rule.id} data-rule={rule.name}>
                <td>{objectLabel(rule.object)}</td>
                <td>{rule.name}</td>
                <td>
                  <code className="small">{JSON.stringify(rule.criteria)}</code>
                </td>
                <td>{rule.includeSubordinates ? fillIn(text.withSubordinates, { role: roleLabel(rule.roleId) }) : roleLabel(rule.roleId)}</td>
                <td>{text.shareAccessValues[rule.access]}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => remove(rule)}>
                    {fillIn(text.deleteSharingRule, { name: rule.name })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating ? <SharingRuleDrawer objects={props.objects} roles={props.roles} onSaved={props.onChanged} onClose={() => setCreating(false)} /> : null}
    </section>
  );
}
