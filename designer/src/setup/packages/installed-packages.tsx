// Setup → Packages → Installed: what each package is, when it arrived, what it needs and owns.
import type { InstalledPackage } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { useSession } from '../../shell/session.tsx';
import { formatInstant } from './package-format.ts';
import { PackageTable } from './package-table.tsx';

export function InstalledPackages(props: { packages: InstalledPackage[]; busy: boolean; onUninstall: (installed: InstalledPackage) => void }) {
  const { language, messages } = useSession();
  if (props.packages.length === 0) return <p className="muted">{messages.noInstalledPackages}</p>;
  return (
    <PackageTable
      testId="installed-packages"
      columns={[messages.namespace, messages.packageName, messages.packageVersion, messages.installedAt, messages.dependencies, messages.ownedObjects]}
      actions
    >
      {props.packages.map((installed) => {
        const label = pickLabel(installed.labels, language, installed.name);
        const dependencies = Object.entries(installed.dependencies ?? {});
        return (
          <tr key={installed.namespace} data-package={installed.namespace}>
            <td data-label={messages.namespace}>
              <code>{installed.namespace}</code>
            </td>
            <td data-label={messages.packageName}>
              <strong>{label}</strong>
              <div className="muted small">{installed.name}</div>
            </td>
            <td data-label={messages.packageVersion}>{installed.version}</td>
            <td data-label={messages.installedAt}>
              {formatInstant(installed.installedAt, language)}
              {installed.upgradedAt ? (
                <div className="muted small">
                  {messages.upgradedAt} {formatInstant(installed.upgradedAt, language)}
                </div>
              ) : null}
            </td>
            <td data-label={messages.dependencies}>
              {dependencies.length === 0
                ? messages.none
                : dependencies.map(([namespace, range]) => (
                    <div key={namespace}>
                      <code>{namespace}</code> {range}
                    </div>
                  ))}
            </td>
            <td data-label={messages.ownedObjects}>
              <span className="chips">
                {installed.objects.map((object) => (
                  <code key={object} className="chip">
                    {object}
                  </code>
                ))}
              </span>
              {installed.deprecated?.length ? (
                <div className="muted small">
                  {messages.deprecatedFields}: {installed.deprecated.join(', ')}
                </div>
              ) : null}
            </td>
            <td>
              <button
                type="button"
                className="secondary"
                disabled={props.busy}
                onClick={() => props.onUninstall(installed)}
                aria-label={`${messages.uninstall} ${label}`}
              >
                {messages.uninstall}
              </button>
            </td>
          </tr>
        );
      })}
    </PackageTable>
  );
}
