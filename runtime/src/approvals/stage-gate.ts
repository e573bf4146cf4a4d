// The pipelines' approval hook: a move into a stage with `approvalFlow` completes only when an
// approved request of that flow on the record names the move and has not been used yet; the move
// uses it up (so one approval moves the record once). Called inside the write's transaction.
import { findStage, type NormalisedPipeline, type ProblemDetail } from '@tessera/metadata';
import { sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import type { Db } from './approval-context.ts';

export async function approvalClearsMove(
  trx: Db,
  object: CompiledObject,
  recordId: string,
  pipeline: NormalisedPipeline,
  to: string,
  problems: readonly ProblemDetail[],
): Promise<boolean> {
  if (problems.length === 0 || problems.some((item) => item.code !== 'TSR535')) return false;
  const flow = findStage(pipeline, to)?.approvalFlow;
  if (!flow) return false;
  const used = await sql<{ id: string }>`
    update ${sql.id(object.schema, '_approval_requests')} set stage_applied = true
    where id = (
      select id from ${sql.id(object.schema, '_approval_requests')}
      where object = ${object.apiName} and record_id = ${recordId}::uuid and flow = ${flow} and status = 'approved'
        and not stage_applied and stage_move->>'stage' = ${to}
      order by decided_at desc limit 1)
    returning id`.execute(trx);
  return used.rows.length > 0;
}
