// Org-wide defaults: per object, what everybody may do with records they do not own, and what a
// record owner's managers may do. A change is saved as it is picked (PUT /security/object-access).
import { useState } from 'react';
import type { ApiError, ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { useAccessMessages } from './access-messages.ts';
import { DEFAULT_ACCESS, MANAGER_ACCESS, type ObjectAccess, useSecurityApi } from './security-api.ts';

export function OrgDefaultsSection(props: { settings: readonly ObjectAccess[]; objects: readonly ObjectDefinition[]; onChanged: () => void }) {
  const text = useAccessMessages();
  const securityApi = useSecurityApi();
  const { language } = useSession();
  const [error, setError] = useState<ApiError | undefined>();
  const save = async (setting: ObjectAccess) => {
    setError(undefined);
    try {
      await securityApi.setObjectAccess(setting);
      props.onChanged();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };
  const labelOf = (object: string) => pickLabel(props.objects.find((candidate) => candidate.apiName === object)?.labels, language, object);
  return (
    <section aria-labelledby="org-defaults-title">
      <h3 id="org-defaults-title">{text.orgDefaults}</h3>
      <p className="hint">{text.orgDefaultsHint}</p>
      {error ? <ProblemBanner error={error} /> : null}
      <table className="grid compact" data-testid="org-defaults">
        <thead>
          <tr>
            <th>{text.object}</th>
            <th>{text.defaultAccess}</th>
            <th>{text.managerAccess}</th>
          </tr>
        </thead>
        <tbody>
          {props.settings.map((setting) => (
            <tr key={setting.object} data-object={setting.object}>
              <th scope="row">{labelOf(setting.object)}</th>
              <td>
                <select
                  aria-label={`${labelOf(setting.object)} ${text.defaultAccess}`}
                  value={setting.defaultAccess}
                  onChange={(event) => save({ ...setting, defaultAccess: event.target.value as ObjectAccess['defaultAccess'] })}
                >
                  {DEFAULT_ACCESS.map((value) => (
                    <option key={value} value={value}>
                      {text.defaultAccessValues[value]}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select
                  aria-label={`${labelOf(setting.object)} ${text.managerAccess}`}
                  value={setting.managerAccess}
                  onChange={(event) => save({ ...setting, managerAccess: event.target.value as ObjectAccess['managerAccess'] })}
                >
                  {MANAGER_ACCESS.map((value) => (
                    <option key={value} value={value}>
                      {text.managerAccessValues[value]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
