// Setup → Packages → Install from a file: an `npm pack` .tgz, or a folder of JSON files. Picking
// one plans it at once; nothing installs before the plan is reviewed.
import { type ChangeEvent, useId } from 'react';
import type { PackageSource } from '../../api/index.ts';
import { useSession } from '../../shell/session.tsx';
import { folderSource, tarballSource } from './read-package-file.ts';

export function InstallFromFile(props: { busy: boolean; onPlan: (source: PackageSource, title: string) => void }) {
  const { messages } = useSession();
  const tarballId = useId();
  const folderId = useId();

  async function pickTarball(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) props.onPlan(await tarballSource(file), file.name);
  }

  async function pickFolder(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    const folder = files[0]?.webkitRelativePath.split('/')[0] || files[0]?.name || '';
    props.onPlan(await folderSource(files), folder);
  }

  return (
    <div className="install-from-file">
      <div className="file-row">
        <label htmlFor={tarballId}>{messages.tarballLabel}</label>
        <input id={tarballId} type="file" accept=".tgz,.tar.gz,application/gzip" disabled={props.busy} onChange={pickTarball} />
      </div>
      <div className="file-row">
        <label htmlFor={folderId}>{messages.folderLabel}</label>
        {/* webkitdirectory is not in React's typings; every current browser supports it. */}
        <input
          id={folderId}
          type="file"
          multiple
          disabled={props.busy}
          onChange={pickFolder}
          ref={(input) => {
            input?.setAttribute('webkitdirectory', '');
          }}
        />
      </div>
      <p className="hint">{messages.installFromFileHint}</p>
    </div>
  );
}
