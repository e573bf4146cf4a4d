// Setup → Packages → Available: the packages this server can install by name, with Install, or
// Upgrade when a newer version than the installed one is here.
import type { AvailablePackage } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { compareVersions } from './package-format.ts';
import { PackageTable } from './package-table.tsx';

export function AvailablePackages(props: { packages: AvailablePackage[]; busy: boolean; onPlan: (available: AvailablePackage) => void }) {
  const { language, messages } = useSession();
  if (props.packages.length === 0) return <p className="muted">{messages.noAvailablePackages}</p>;
  return (
    <PackageTable testId="available-packages" columns={[messages.packageName, messages.namespace, messages.packageVersion, messages.installedVersion]} actions>
      {props.packages.map((available) => {
        const label = pickLabel(available.labels, language, available.name);
        const description = available.description ? pickLabel(available.description, language, '') : '';
        const newer = available.installed !== null && compareVersions(available.version, available.installed) > 0;
        return (
          <tr key={available.name} data-package={available.name}>
            <td data-label={messages.packageName}>
              <strong>{label}</strong> <span className="muted small">{available.name}</span>
              {description ? <div className="muted small">{description}</div> : null}
            </td>
            <td data-label={messages.namespace}>
              <code>{available.namespace}</code>
            </td>
            <td data-label={messages.packageVersion}>{available.version}</td>
            <td data-label={messages.installedVersion}>{available.installed ?? messages.notInstalled}</td>
            <td>
              {available.installed === null ? (
                <button type="button" disabled={props.busy} onClick={() => props.onPlan(available)} aria-label={`${messages.install} ${label}`}>
                  {messages.install}
                </button>
              ) : newer ? (
                <button
                  type="button"
                  disabled={props.busy}
                  onClick={() => props.onPlan(available)}
                  aria-label={`${messages.upgrade} ${label} ${available.version}`}
                >
                  {messages.upgrade} {available.version}
                </button>
              ) : (
                <span className="muted small">{messages.upToDate}</span>
              )}
            </td>
          </tr>
        );
      })}
    </PackageTable>
  );
}
