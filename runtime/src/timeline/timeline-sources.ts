// One record's timeline sources → entries, each source read newest first from a keyset position
// (`before`): activities (records of `timeline: true` objects whose lookups or polylookups point at
// the record), field history, stage moves and approval requests. Security is the reader's view:
// activities under their row access, only fields (and stage fields) in their view.
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Catalog, CompiledObject } from '../catalog/catalog-types.ts';
import { polylookupIdSql, polylookupObjectSql } from '../catalog/polylookup-part.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant schemas are dynamic
type Db = Kysely<any>;

export type TimelineKind = 'activity' | 'field' | 'stage' | 'approval';

export interface TimelineEntry {
  kind: TimelineKind;
  /** ISO instant, millisecond precision: the order key with `id`. */
  at: string;
  id: string;
  [detail: string]: unknown;
}

export interface TimelinePosition {
  /** Entries strictly older than (at, id); absent: from the newest. */
  before?: { at: string; id: string };
  limit: number;
}

const ms = (column: RawBuilder<unknown>) => sql`to_char(date_trunc('milliseconds', ${column}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const older = (at: RawBuilder<unknown>, id: RawBuilder<unknown>, position: TimelinePosition): RawBuilder<SqlBool> =>
  position.before
    ? sql<SqlBool>`(date_trunc('milliseconds', ${at}), ${id}) < (${position.before.at}::timestamptz, ${position.before.id}::uuid)`
    : sql<SqlBool>`true`;

/** The objects (in the reader's view) marked as activities, with the fields that point at `target`. */
export function activitySources(catalog: Catalog, target: string): { object: CompiledObject; fields: string[] }[] {
  const sources: { object: CompiledObject; fields: string[] }[] = [];
  for (const object of catalog.objects.values()) {
    if (!object.definition.timeline) continue;
    const fields = [...object.columns.values()]
      .filter(({ field }) => (field?.type === 'lookup' && field.target === target) || (field?.type === 'polylookup' && field.targets.includes(target)))
      .map((column) => column.apiName);
    if (fields.length > 0) sources.push({ object, fields });
  }
  return sources;
}

/**
 * Where an activity sits on the timeline: its `timelineAt` field (a date counts from its midnight
 * UTC) while set, else when it was created. A `timelineAt` field hidden from the reader is not
 * used, so the order tells them nothing about it.
 */
function activityAt(object: CompiledObject): RawBuilder<unknown> {
  const name = object.definition.timelineAt;
  const column = name === undefined ? undefined : object.columns.get(name);
  if (!column) return sql`t.created_at`;
  const instant = column.field?.type === 'date' ? sql`(${column.ref}::timestamp at time zone 'UTC')` : column.ref;
  return sql`coalesce(${instant}, t.created_at)`;
}

export async function activityEntries(db: Db, catalog: Catalog, target: CompiledObject, id: string, position: TimelinePosition): Promise<TimelineEntry[]> {
  const entries: TimelineEntry[] = [];
  for (const { object, fields } of activitySources(catalog, target.apiName)) {
    const pointing = fields.map((name) =>
      object.columns.get(name)?.field?.type === 'polylookup'
        ? sql`(${polylookupObjectSql('t', name)} = ${target.apiName} and ${polylookupIdSql('t', name)} = ${id}::uuid)`
        : sql`${sql.ref(`t.${name}`)} = ${id}::uuid`,
    );
    const visible = object.rowAccess?.read('t');
    const at = activityAt(object);
    const { rows } = await sql<{ at: string; id: string; record: unknown }>`
      select ${ms(at)} as at, t.id::text as id, ${object.recordJson('t')} as record
      from ${sql.id(object.schema, object.table)} as t
      where t.deleted_at is null and (${sql.join(pointing, sql` or `)}) ${visible ? sql`and ${visible}` : sql``}
        and ${older(at, sql.ref('t.id'), position)}
      order by date_trunc('milliseconds', ${at}) desc, t.id desc limit ${position.limit}`.execute(db);
    for (const row of rows) {
      const record = typeof row.record === 'string' ? JSON.parse(row.record) : row.record;
      entries.push({ kind: 'activity', at: row.at, id: row.id, object: object.apiName, record });
    }
  }
  return entries;
}

export async function fieldEntries(db: Db, object: CompiledObject, id: string, position: TimelinePosition): Promise<TimelineEntry[]> {
  // Hidden fields' history is as invisible as the fields themselves.
  const readable = [...object.columns.keys()];
  const { rows } = await sql<{ at: string; id: string; field: string; old_value: unknown; new_value: unknown; operation: string; actor: string }>`
    select ${ms(sql.ref('h.at'))} as at, h.id::text as id, h.field, h.old_value, h.new_value, h.operation, h.actor
    from ${sql.id(object.schema, '_field_history')} as h
    where h.object = ${object.apiName} and h.record_id = ${id}::uuid and h.field = any(${readable}::text[])
      and ${older(sql.ref('h.at'), sql.ref('h.id'), position)}
    order by date_trunc('milliseconds', h.at) desc, h.id desc limit ${position.limit}`.execute(db);
  return rows.map((row) => ({
    kind: 'field',
    at: row.at,
    id: row.id,
    field: row.field,
    oldValue: row.old_value,
    newValue: row.new_value,
    operation: row.operation,
    actor: row.actor,
  }));
}

export async function stageEntries(db: Db, catalog: Catalog, object: CompiledObject, id: string, position: TimelinePosition): Promise<TimelineEntry[]> {
  const pipelines = catalog.unrestricted?.objects.get(object.apiName)?.definition.pipelines ?? object.definition.pipelines ?? [];
  // A pipeline whose stage field the reader cannot see has moves they cannot see either.
  const shown = pipelines.filter((pipeline) => object.columns.has(pipeline.stageField));
  if (shown.length === 0) return [];
  const { rows } = await sql<{
    at: string;
    id: string;
    pipeline: string;
    from_stage: string | null;
    to_stage: string;
    actor: string;
    reason: string | null;
    comment: string | null;
  }>`
    select ${ms(sql.ref('s.moved_at'))} as at, s.id::text as id, s.pipeline, s.from_stage, s.to_stage, s.actor, s.reason, s.comment
    from ${sql.id(object.schema, '_stage_history')} as s
    where s.object = ${object.apiName} and s.record_id = ${id}::uuid and s.pipeline = any(${shown.map((pipeline) => pipeline.apiName)}::text[])
      and ${older(sql.ref('s.moved_at'), sql.ref('s.id'), position)}
    order by date_trunc('milliseconds', s.moved_at) desc, s.id desc limit ${position.limit}`.execute(db);
  return rows.map((row) => {
    const pipeline = shown.find((candidate) => candidate.apiName === row.pipeline);
    const reasonShown = !pipeline?.reasonField || object.columns.has(pipeline.reasonField);
    return {
      kind: 'stage',
      at: row.at,
      id: row.id,
      pipeline: row.pipeline,
      stageField: pipeline?.stageField,
      fromStage: row.from_stage,
      toStage: row.to_stage,
      actor: row.actor,
      comment: row.comment,
      ...(reasonShown ? { reason: row.reason } : {}),
    };
  });
}

export async function approvalEntries(db: Db, object: CompiledObject, id: string, position: TimelinePosition): Promise<TimelineEntry[]> {
  const { rows } = await sql<{ at: string; id: string; flow: string; status: string; submitter: string; comment: string | null; decided_at: string | null }>`
    select ${ms(sql.ref('a.submitted_at'))} as at, a.id::text as id, a.flow, a.status, a.submitter, a.comment,
           ${ms(sql.ref('a.decided_at'))} as decided_at
    from ${sql.id(object.schema, '_approval_requests')} as a
    where a.object = ${object.apiName} and a.record_id = ${id}::uuid and ${older(sql.ref('a.submitted_at'), sql.ref('a.id'), position)}
    order by date_trunc('milliseconds', a.submitted_at) desc, a.id desc limit ${position.limit}`.execute(db);
  return rows.map((row) => ({
    kind: 'approval',
    at: row.at,
    id: row.id,
    flow: row.flow,
    status: row.status,
    submitter: row.submitter,
    comment: row.comment,
    decidedAt: row.decided_at,
  }));
}
