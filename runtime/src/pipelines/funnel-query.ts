// Funnel of one pipeline over a period, from `_stage_history` joined to the records (so the
// caller's filter and row access apply): per stage, in the pipeline's order, how many records
// entered it in the period, how many of those also reached a later stage that is not lost in the
// period (conversion = advanced / entered), how many left it and the average time they had spent
// in it; plus won / lost moves in the period by the records' current owner.
import type { NormalisedPipeline } from '@tessera/metadata';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { boardConditions, columnRef, toNumber } from './pipeline-sql.ts';

// biome-ignore lint/suspicious/noExplicitAny: tenant tables are dynamic
type Db = Kysely<any>;

export interface FunnelRequest {
  pipeline: NormalisedPipeline;
  filter: RawBuilder<SqlBool> | undefined;
  /** ISO instants: moves with from <= moved_at < to. */
  from: string;
  to: string;
}

export interface FunnelStage {
  stage: string;
  category: string;
  entered: number;
  advanced: number;
  /** advanced / entered, null when nothing entered. */
  conversionRate: number | null;
  exited: number;
  avgSecondsInStage: number | null;
}

export interface OwnerResult {
  ownerId: string | null;
  won: number;
  lost: number;
  wonAmount: number | null;
  lostAmount: number | null;
  /** won / (won + lost). */
  winRate: number | null;
}

/** The period's moves of live records the caller may see, as a CTE body. */
function movesSql(object: CompiledObject, request: FunnelRequest) {
  return sql`
    select h.id, h.record_id, h.from_stage, h.to_stage, h.moved_at, h.seconds_in_previous
    from ${sql.id(object.schema, '_stage_history')} as h
    join ${sql.id(object.schema, object.table)} as t on t.id = h.record_id
    where h.object = ${object.apiName} and h.pipeline = ${request.pipeline.apiName}
      and h.moved_at >= ${request.from}::timestamptz and h.moved_at < ${request.to}::timestamptz
      and ${boardConditions(object, request.pipeline, request.filter)}`;
}

export function funnelSql(object: CompiledObject, request: FunnelRequest) {
  const { pipeline } = request;
  const values = pipeline.stages.map((stage) => stage.value);
  const categories = pipeline.stages.map((stage) => stage.category);
  // Linear in the period's moves: each record's furthest non-lost stage, then one GROUP BY per figure.
  return sql<{ stage: string; category: string; entered: number; advanced: number; exited: number; avg_seconds: number | null }>`
    with stages as (select * from unnest(${values}::text[], ${categories}::text[]) with ordinality as s(stage, category, position)),
    moves as (${movesSql(object, request)}),
    entries as (select distinct record_id, to_stage as stage from moves),
    reach as (
      select e.record_id, max(s.position) filter (where s.category <> 'lost') as furthest
      from entries e join stages s on s.stage = e.stage group by e.record_id),
    per_stage as (
      select e.stage, count(*) as entered, count(*) filter (where r.furthest > s.position) as advanced
      from entries e join reach r on r.record_id = e.record_id join stages s on s.stage = e.stage group by e.stage),
    exits as (
      select from_stage as stage, count(*) as exited, avg(seconds_in_previous) as avg_seconds
      from moves where from_stage is not null group by from_stage)
    select s.stage, s.category, coalesce(p.entered, 0)::int as entered, coalesce(p.advanced, 0)::int as advanced,
           coalesce(x.exited, 0)::int as exited, x.avg_seconds::float8 as avg_seconds
    from stages s left join per_stage p on p.stage = s.stage left join exits x on x.stage = s.stage
    order by s.position`;
}

export function ownerResultsSql(object: CompiledObject, request: FunnelRequest) {
  const { pipeline } = request;
  const won = pipeline.stages.filter((stage) => stage.category === 'won').map((stage) => stage.value);
  const lost = pipeline.stages.filter((stage) => stage.category === 'lost').map((stage) => stage.value);
  const amount = columnRef(object, pipeline.amountField);
  return sql<{ owner_id: string | null; won: number; lost: number; won_amount: string | null; lost_amount: string | null }>`
    with moves as (${movesSql(object, request)}),
    closed as (
      select distinct on (m.record_id) m.record_id, m.to_stage
      from moves m where m.to_stage = any(${[...won, ...lost]}::text[])
      order by m.record_id, m.moved_at desc, m.id desc)
    select t.owner_id::text as owner_id,
      count(*) filter (where c.to_stage = any(${won}::text[]))::int as won,
      count(*) filter (where c.to_stage = any(${lost}::text[]))::int as lost,
      ${amount ? sql`(sum(${amount}) filter (where c.to_stage = any(${won}::text[])))::text` : sql`null`} as won_amount,
      ${amount ? sql`(sum(${amount}) filter (where c.to_stage = any(${lost}::text[])))::text` : sql`null`} as lost_amount
    from closed c join ${sql.id(object.schema, object.table)} as t on t.id = c.record_id
    group by t.owner_id order by t.owner_id nulls first`;
}

export async function readFunnel(db: Db, object: CompiledObject, request: FunnelRequest): Promise<{ stages: FunnelStage[]; byOwner: OwnerResult[] }> {
  const stages = await funnelSql(object, request).execute(db);
  const owners = await ownerResultsSql(object, request).execute(db);
  const hasAmount = columnRef(object, request.pipeline.amountField) !== undefined;
  return {
    stages: stages.rows.map((row) => ({
      stage: row.stage,
      category: row.category,
      entered: row.entered,
      advanced: row.advanced,
      conversionRate: row.entered === 0 ? null : row.advanced / row.entered,
      exited: row.exited,
      avgSecondsInStage: row.avg_seconds === null ? null : Number(row.avg_seconds),
    })),
    byOwner: owners.rows.map((row) => ({
      ownerId: row.owner_id,
      won: row.won,
      lost: row.lost,
      wonAmount: hasAmount ? (toNumber(row.won_amount) ?? 0) : null,
      lostAmount: hasAmount ? (toNumber(row.lost_amount) ?? 0) : null,
      winRate: row.won + row.lost === 0 ? null : row.won / (row.won + row.lost),
    })),
  };
}
