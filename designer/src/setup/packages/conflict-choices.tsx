// An upgrade's conflicts (the package and the tenant changed the same property differently): both
// values side by side and a choice per conflict, sent back as `resolutions` when planning again.
import { useState } from 'react';
import type { ConflictResolution, PackageConflict } from '../../api/index.ts';
import { useSession } from '../../shell/session.tsx';
import { showValue } from './package-format.ts';
import { PackageTable } from './package-table.tsx';

export function ConflictChoices(props: {
  conflicts: PackageConflict[];
  chosen: ConflictResolution[];
  busy: boolean;
  onReplan: (resolutions: ConflictResolution[]) => void;
}) {
  const { messages } = useSession();
  const [takes, setTakes] = useState<Record<string, ConflictResolution['take']>>(() =>
    Object.fromEntries(props.chosen.map((choice) => [choice.path, choice.take])),
  );
  const complete = props.conflicts.every((conflict) => takes[conflict.path] !== undefined);
  return (
    <section className="conflicts" aria-labelledby="package-conflicts">
      <h4 id="package-conflicts">{messages.conflicts}</h4>
      <p className="hint">{messages.conflictsHint}</p>
      <PackageTable testId="plan-conflicts" columns={[messages.conflictPath, messages.packageValue, messages.tenantValue, messages.choice]}>
        {props.conflicts.map((conflict) => (
          <tr key={conflict.path} data-conflict={conflict.path}>
            <td data-label={messages.conflictPath}>
              <code>{conflict.path}</code>
            </td>
            <td data-label={messages.packageValue}>{showValue(conflict.package)}</td>
            <td data-label={messages.tenantValue}>{showValue(conflict.tenant)}</td>
            <td data-label={messages.choice}>
              <fieldset className="choice">
                <legend className="visually-hidden">{conflict.path}</legend>
                {(['package', 'tenant'] as const).map((take) => (
                  <label key={take}>
                    <input
                      type="radio"
                      name={`take-${conflict.path}`}
                      checked={takes[conflict.path] === take}
                      onChange={() => setTakes((current) => ({ ...current, [conflict.path]: take }))}
                    />{' '}
                    {take === 'package' ? messages.takePackage : messages.keepMine}
                  </label>
                ))}
              </fieldset>
            </td>
          </tr>
        ))}
      </PackageTable>
      <button type="button" disabled={props.busy || !complete} onClick={() => props.onReplan(Object.entries(takes).map(([path, take]) => ({ path, take })))}>
        {messages.replan}
      </button>
    </section>
  );
}
