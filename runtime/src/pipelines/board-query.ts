// Board (kanban) of one pipeline: per stage, in the pipeline's order, the record count, the sum of
// the amount field and the weighted amount (amount × probability / 100), computed by one GROUP BY,
// plus the first `limit` cards of each stage by one LATERAL query that walks the
// (stage, amount desc, id) index. Cards carry when the record entered its stage and whether it is
// past the stage's time limit.
import type { NormalisedPipeline } from '@tessera/metadata';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { boardConditions, columnRef, rowProbability, stageProbability, toNumber } from './pipeline-sql.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';

export interface BoardRequest {
  pipeline: NormalisedPipeline;
  filter: RawBuilder<SqlBool> | undefined;
  /** Cards per stage. */
  limit: number;
  /** The app's clock, for the stale flag. */
  now: Date;
}

export interface BoardColumn {
  stage: string;
  labels: NormalisedPipeline['stages'][number]['labels'];
  category: string;
  probability: number;
  count: number;
  amount: number | null;
  weightedAmount: number | null;
  cards: { record: unknown; enteredAt: string; stale: boolean }[];
}

export function boardTotalsSql(object: CompiledObject, request: BoardRequest) {
  const { pipeline } = request;
  const stage = columnRef(object, pipeline.stageField) as RawBuilder<unknown>;
  const amount = columnRef(object, pipeline.amountField);
  const values = pipeline.stages.map((item) => item.value);
  const perStage = sql`from ${sql.id(object.schema, object.table)} as t
    where ${boardConditions(object, pipeline, request.filter)} and ${stage}::text = any(${values}::text[])
    group by ${stage}`;
  type Totals = { stage: string; count: number; amount: string | null; weighted: string | null };
  if (amount && !columnRef(object, pipeline.probabilityField)) {
    // Every row of a stage has the stage's probability, so weight each stage's sum once instead of
    // every row's amount (the same exact numeric; 190k rows: 116 → 84 ms).
    return sql<Totals>`
      select g.stage, g.count, g.amount::text as amount, (g.amount * ${stageProbability(sql.ref('g.stage'), pipeline)} / 100)::text as weighted
      from (select ${stage}::text as stage, count(*)::int as count, sum(${amount}) as amount ${perStage}) as g`;
  }
  return sql<Totals>`
    select ${stage}::text as stage, count(*)::int as count,
           ${amount ? sql`sum(${amount})::text` : sql`null`} as amount,
           ${amount ? sql`sum(${amount} * ${rowProbability(object, pipeline)} / 100)::text` : sql`null`} as weighted
    ${perStage}`;
}

export function boardCardsSql(object: CompiledObject, request: BoardRequest) {
  const { pipeline } = request;
  const stage = columnRef(object, pipeline.stageField) as RawBuilder<unknown>;
  const amount = columnRef(object, pipeline.amountField);
  const values = pipeline.stages.map((item) => item.value);
  const order = amount ? sql`${amount} desc nulls last, t.id` : sql`t.updated_at desc, t.id`;
  return sql<{ stage: string; j: string; entered_at: string }>`
    select s.stage, c.j, c.entered_at
    from unnest(${values}::text[]) with ordinality as s(stage, position)
    cross join lateral (
      select ${object.recordJson('t')}::text as j,
             to_char(coalesce(
               (select max(h.moved_at) from ${sql.id(object.schema, '_stage_history')} as h
                where h.object = ${object.apiName} and h.record_id = t.id and h.to_stage = s.stage),
               t.created_at) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as entered_at,
             row_number() over (order by ${order}) as rank
      from ${sql.id(object.schema, object.table)} as t
      where ${boardConditions(object, pipeline, request.filter)} and ${stage} = s.stage
      order by ${order}
      limit ${request.limit}
    ) as c
    order by s.position, c.rank`;
}

export async function readBoard(db: ObjectDb, object: CompiledObject, request: BoardRequest): Promise<BoardColumn[]> {
  const [totals, cards] = await Promise.all([
    boardTotalsSql(object, request).execute(db),
    request.limit > 0 ? boardCardsSql(object, request).execute(db) : Promise.resolve({ rows: [] }),
  ]);
  const byStage = new Map(totals.rows.map((row) => [row.stage, row]));
  const nowMs = request.now.getTime();
  const hasAmount = columnRef(object, request.pipeline.amountField) !== undefined;
  return request.pipeline.stages.map((stage) => {
    const total = byStage.get(stage.value);
    const limitMs = stage.timeLimit ? stage.timeLimit.hours * 3_600_000 : undefined;
    return {
      stage: stage.value,
      labels: stage.labels,
      category: stage.category,
      probability: stage.probability,
      count: total?.count ?? 0,
      amount: hasAmount ? (toNumber(total?.amount) ?? 0) : null,
      weightedAmount: hasAmount ? (toNumber(total?.weighted) ?? 0) : null,
      cards: cards.rows
        .filter((row) => row.stage === stage.value)
        .map((row) => ({
          record: JSON.parse(row.j) as unknown,
          enteredAt: row.entered_at,
          stale: limitMs !== undefined && nowMs - Date.parse(row.entered_at) > limitMs,
        })),
    };
  });
}
