// Setup → Packages: installed packages, the ones this server offers, install from a file, and the
// plan review every install, upgrade and uninstall goes through. Talks only to /api/v1/packages.
import { useCallback } from 'react';
import { pickLabel } from '../../i18n/language.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { useSession } from '../../shell/session.tsx';
import { AvailablePackages } from './available-packages.tsx';
import { InstalledPackages } from './installed-packages.tsx';
import { InstallFromFile } from './install-from-file.tsx';
import { PlanPanel } from './plan-panel.tsx';
import { usePackageLists } from './use-package-lists.ts';
import { usePackageOperation } from './use-package-operation.ts';
import './packages.css';

export function PackagesPage() {
  const { language, messages, reloadMetadata } = useSession();
  const { lists, reload } = usePackageLists();
  // An operation changes objects too: the object manager and App read the new metadata.
  const onChanged = useCallback(() => {
    reload();
    reloadMetadata();
  }, [reload, reloadMetadata]);
  const operation = usePackageOperation(onChanged);
  const busy = operation.state.phase === 'planning' || operation.state.phase === 'applying';

  return (
    <div className="setup packages-page">
      <h2>{messages.packages}</h2>
      <PlanPanel operation={operation} />
      <section aria-labelledby="installed-packages-title">
        <h3 id="installed-packages-title">{messages.installedPackages}</h3>
        {lists.status === 'loading' ? (
          <p className="muted" role="status" aria-busy="true">
            {messages.loading}
          </p>
        ) : lists.status === 'failed' ? (
          <ProblemBanner error={lists.error} />
        ) : (
          <InstalledPackages
            packages={lists.installed}
            busy={busy}
            onUninstall={(installed) =>
              operation.plan({
                kind: 'uninstall',
                namespace: installed.namespace,
                purge: false,
                title: `${messages.uninstall} ${pickLabel(installed.labels, language, installed.name)}`,
              })
            }
          />
        )}
      </section>
      <section aria-labelledby="available-packages-title">
        <h3 id="available-packages-title">{messages.availablePackages}</h3>
        {lists.status === 'ready' ? (
          <AvailablePackages
            packages={lists.available}
            busy={busy}
            onPlan={(available) =>
              operation.plan({
                kind: 'source',
                source: { kind: 'available', name: available.name },
                title: pickLabel(available.labels, language, available.name),
              })
            }
          />
        ) : lists.status === 'loading' ? (
          <p className="muted">{messages.loading}</p>
        ) : null}
      </section>
      <section aria-labelledby="install-from-file-title">
        <h3 id="install-from-file-title">{messages.installFromFile}</h3>
        <InstallFromFile busy={busy} onPlan={(source, title) => operation.plan({ kind: 'source', source, title })} />
      </section>
    </div>
  );
}
