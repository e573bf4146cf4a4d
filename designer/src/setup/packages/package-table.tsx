// The table every part of the package manager uses: a dense grid on a desk, cards on a phone
// (packages.css; each cell names its column in `data-label`, or a compact card shows a row on one
// wrapped line), with an optional actions column named for screen readers only.
import type { ReactNode } from 'react';
import { useSession } from '../../shell/session.tsx';

export type Column = string | { label: string; numeric: true };

export function PackageTable(props: { testId: string; columns: Column[]; actions?: boolean; compact?: boolean; children: ReactNode }) {
  const { messages } = useSession();
  return (
    <table className={props.compact ? 'grid package-table compact' : 'grid package-table'} data-testid={props.testId}>
      <thead>
        <tr>
          {props.columns.map((column) =>
            typeof column === 'string' ? (
              <th key={column}>{column}</th>
            ) : (
              <th key={column.label} className="numeric">
                {column.label}
              </th>
            ),
          )}
          {props.actions ? (
            <th>
              <span className="visually-hidden">{messages.actions}</span>
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
