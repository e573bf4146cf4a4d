// A failed migration step → 409 TSR213 when records written while the apply ran broke it. The plan
// checked the data first (no nulls before set_required, values that fit before a narrowing type
// change), but records are not locked between that check and the step's DDL: a record written in
// between makes PostgreSQL refuse the DDL with a data error (class 22) or a constraint violation
// (class 23). That is a concurrent change, not a server fault: nothing was applied, and planning
// again sees the new data.
import type { MigrationAction } from '@tessera/metadata';
import { ApiErrorWithExtensions } from '../core/api-error.ts';

const DATA_CHANGE_CLASSES = ['22', '23'];

export function concurrentDataChange(
  error: unknown,
  step: { index: number; action: MigrationAction | undefined },
  revision: number,
): ApiErrorWithExtensions | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !DATA_CHANGE_CLASSES.includes(code.slice(0, 2))) return undefined;
  const what = step.action ? `step ${step.index + 1}, ${step.action.kind.replaceAll('_', ' ')} on ${step.action.object}` : 'the change';
  const path = step.action ? `/steps/${step.index}` : '';
  return new ApiErrorWithExtensions(
    'TSR213',
    `Records changed while the metadata change ran: ${what} no longer fits the data. Nothing was applied; plan again against the current data.`,
    [{ path, code: 'TSR213', message: `${what}: the data changed after the plan checked it` }],
    { revision },
  );
}
