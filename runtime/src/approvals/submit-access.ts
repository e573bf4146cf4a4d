// Whether the caller may submit a record for approval: takes the caller's view of the object, the
// record as they read it and the requested stage; throws the refusal or returns. Submitting locks
// the record against its owner and can ask for a stage move, so it needs what a direct edit needs:
// the right to edit the row and, for a stage, to write the stage field along an allowed transition.
import { findStage, pipelineFor, transitionAllowed } from '@tessera/metadata';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import { currentStateSql } from '../records/write-query.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';

export async function assertMaySubmit(
  db: ObjectDb,
  object: CompiledObject,
  record: Readonly<Record<string, unknown>>,
  stage: string | undefined,
): Promise<void> {
  // Administrators and the integration token have no row access: every row is theirs to edit.
  if (object.rowAccess) {
    const state = (await currentStateSql(object, String(record.id), 'edit').execute(db)).rows[0];
    if (!state?.allowed || !object.rowAccess.canEdit) {
      throw new ApiError('TSR312', `Submitting a ${object.apiName} record for approval needs the right to edit it.`, [
        { path: '/recordId', code: 'TSR312', message: 'you may not edit this record' },
      ]);
    }
  }
  if (stage === undefined) return;
  const pipeline = pipelineFor(object.definition, record.record_type);
  if (!pipeline || !findStage(pipeline, stage)) return; // the engine reports an ungated or unknown stage (TSR560)
  if (object.rowAccess && !object.writable.has(pipeline.stageField)) {
    throw new ApiError('TSR312', `Requesting a stage move needs the right to change ${object.apiName}.${pipeline.stageField}.`, [
      { path: '/stage', code: 'TSR312', message: `you may not change ${pipeline.stageField}` },
    ]);
  }
  const from = record[pipeline.stageField];
  if (!transitionAllowed(pipeline, typeof from === 'string' ? from : null, stage) || from === stage) {
    throw new ApiError('TSR533', `The ${pipeline.apiName} pipeline does not allow moving from '${String(from)}' to '${stage}'.`, [
      { path: '/stage', code: 'TSR533', message: `not an allowed move from '${String(from)}'` },
    ]);
  }
}
