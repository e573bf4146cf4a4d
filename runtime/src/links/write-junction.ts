// A many-to-many change through a junction object (issue #21): the ids to link become new junction
// records and the ids to unlink soft-delete theirs, each through the ordinary write pipeline
// (run-write.ts, joining the outer write's transaction), so the junction's defaults, validation
// rules, field history and permissions apply as if the user had written those records directly.
// Refusals name the many-to-many field: a writer who may not create (or delete) junction records
// gets 403 TSR179; a junction record the pipeline refuses (a required field without a default)
// keeps its own code and status, its errors moved under the field's path.
import { MAX_LINKS_PER_FIELD, type ProblemDetail } from '@tessera/metadata';
import { sql } from 'kysely';
import { isTrackable } from '../audit/trackable-fields.ts';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import { StageTimer } from '../core/stage-timer.ts';
import { planCreate } from '../records/write/plan-write.ts';
import { runWrite } from '../records/write/run-write.ts';
import type { WriteContext } from '../records/write/write-context.ts';
import { freezePlan, type LinkChange, type WritePlan } from '../records/write/write-plan.ts';
import type { LinkEnds } from './link-sql.ts';

type Junction = NonNullable<LinkEnds['junction']>;

/** Applies one change of one field's links for the record `source`. */
export async function writeJunctionLinks(context: WriteContext, field: string, ends: LinkEnds, source: string, change: LinkChange): Promise<void> {
  const junction = ends.junction as Junction;
  const current = await liveJunctionRecords(context, ends, source);
  const wanted = new Set(change.ids);
  const unlink = [...current].filter(([target]) => (change.mode === 'remove' ? wanted.has(target) : change.mode === 'set' && !wanted.has(target)));
  const link = change.mode === 'remove' ? [] : change.ids.filter((id) => !current.has(id));
  if (unlink.length === 0 && link.length === 0) return;
  if (current.size - unlink.length + link.length > MAX_LINKS_PER_FIELD) {
    throw new ApiError('TSR416', `A record can link to at most ${MAX_LINKS_PER_FIELD} records through one field; nothing was saved.`, [
      { path: change.path, code: 'TSR416', message: `more than ${MAX_LINKS_PER_FIELD} links` },
    ]);
  }
  if (unlink.length > 0) {
    const object = junctionObject(context, field, junction, 'delete', change.path);
    const items = unlink.map(([, record]) => ({ id: record, values: {} }));
    await nested(context, field, change.path, freezePlan({ kind: 'delete', object, stored: storedOf(context, object), items }));
  }
  if (link.length > 0) {
    const object = junctionObject(context, field, junction, 'create', change.path);
    const bodies = link.map((target) => ({ [junction.source]: source, [junction.target]: target }));
    const input = { object, stored: storedOf(context, object), rules: context.rules, timer: new StageTimer() };
    await nested(context, field, change.path, () => planCreate(input, bodies));
  }
}

/** target id → the live junction record linking `source` to it. */
async function liveJunctionRecords(context: WriteContext, ends: LinkEnds, source: string): Promise<Map<string, string>> {
  const junction = ends.junction as Junction;
  const { rows } = await sql<{ target: string; id: string }>`
    select ${sql.ref(junction.target)}::text as target, id::text as id from ${sql.id(ends.schema, ends.table)}
    where ${sql.ref(junction.source)} = ${source}::uuid and deleted_at is null
    order by created_at, id`.execute(context.db);
  return new Map(rows.map((row) => [row.target, row.id]));
}

/** The junction object as the writer sees it; 403 TSR179 when they may not make this change to its records. */
function junctionObject(context: WriteContext, field: string, junction: Junction, action: 'create' | 'delete', path: string): CompiledObject {
  const object = context.catalog.objects.get(junction.object);
  const access = object?.rowAccess;
  const allowed = object !== undefined && (!access || (action === 'create' ? access.canCreate : access.canDelete));
  if (!object || !allowed) {
    const message = `you may not ${action} ${junction.object} records, so you cannot ${action === 'create' ? 'link' : 'unlink'} through ${field}`;
    throw new ApiError('TSR179', `Changing ${field} ${action}s ${junction.object} records, which you may not ${action}; nothing was saved.`, [
      { path, code: 'TSR179', message },
    ]);
  }
  return object;
}

const storedOf = (context: WriteContext, object: CompiledObject): CompiledObject =>
  (context.catalog.unrestricted ?? context.catalog).objects.get(object.apiName) ?? object;

/** Runs a junction write in the outer transaction; its refusals are reported at the many-to-many field. */
async function nested(context: WriteContext, field: string, path: string, plan: WritePlan | (() => WritePlan)): Promise<void> {
  try {
    const built = typeof plan === 'function' ? plan() : plan;
    const tracked = (context.trackedFor?.(built.object.apiName) ?? []).filter((name) => isTrackable(built.stored, name));
    await runWrite(built, {
      db: context.db,
      catalog: context.catalog,
      rules: context.rules,
      actor: context.actor,
      ...(context.requestId === undefined ? {} : { requestId: context.requestId }),
      tracked,
      admin: context.admin,
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // Row access on a junction record (404/403): the link is refused, not the record hidden.
    if (error.status === 403 || error.status === 404) {
      throw new ApiError('TSR179', `The ${field} links could not be changed: ${error.detail}`, [{ path, code: 'TSR179', message: error.detail }]);
    }
    const errors: ProblemDetail[] = error.errors.map((problem) => ({ ...problem, path: `${path}${problem.path.startsWith('/') ? '' : '/'}${problem.path}` }));
    const detail = `Linking through ${field} writes a junction record that was refused: ${error.detail}`;
    throw new ApiError(error.code, detail, errors.length > 0 ? errors : [{ path, code: error.code, message: error.detail }], error.status);
  }
}
