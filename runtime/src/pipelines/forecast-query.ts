// Weighted forecast of one pipeline by close month: for records whose close date falls in the
// period, per month, the open records' count, amount and weighted amount (amount × probability /
// 100) and the won records' count and amount. Lost records are left out.
import type { NormalisedPipeline } from '@tessera/metadata';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { ApiError } from '../core/api-error.ts';
import { boardConditions, columnRef, rowProbability, stageCategory, toNumber } from './pipeline-sql.ts';
import type { ObjectDb } from '../db/tenant-tables.ts';

export interface ForecastRequest {
  pipeline: NormalisedPipeline;
  filter: RawBuilder<SqlBool> | undefined;
  /** ISO instants: close dates with from <= close < to. */
  from: string;
  to: string;
}

export interface ForecastMonth {
  month: string;
  openCount: number;
  openAmount: number;
  weightedAmount: number;
  wonCount: number;
  wonAmount: number;
}

export function forecastSql(object: CompiledObject, request: ForecastRequest) {
  const { pipeline } = request;
  const stage = columnRef(object, pipeline.stageField) as RawBuilder<unknown>;
  const amount = columnRef(object, pipeline.amountField);
  const close = columnRef(object, pipeline.closeDateField);
  if (!amount || !close) {
    const missing = !amount ? 'amountField' : 'closeDateField';
    throw new ApiError('TSR102', `The forecast needs the pipeline's ${missing}, which pipeline '${pipeline.apiName}' does not name (or you cannot read).`, [
      { path: 'pipeline', code: 'TSR102', message: `pipeline has no ${missing}` },
    ]);
  }
  const category = stageCategory(stage, pipeline);
  return sql<{ month: string; open_count: number; open_amount: string | null; weighted: string | null; won_count: number; won_amount: string | null }>`
    select to_char(date_trunc('month', ${close}::timestamp), 'YYYY-MM') as month,
      count(*) filter (where ${category} = 'open')::int as open_count,
      (sum(${amount}) filter (where ${category} = 'open'))::text as open_amount,
      (sum(${amount} * ${rowProbability(object, pipeline)} / 100) filter (where ${category} = 'open'))::text as weighted,
      count(*) filter (where ${category} = 'won')::int as won_count,
      (sum(${amount}) filter (where ${category} = 'won'))::text as won_amount
    from ${sql.id(object.schema, object.table)} as t
    where ${boardConditions(object, pipeline, request.filter)}
      and ${close}::timestamp >= (${request.from}::timestamptz at time zone 'UTC') and ${close}::timestamp < (${request.to}::timestamptz at time zone 'UTC')
      and ${category} in ('open', 'won')
    group by 1 order by 1`;
}

export async function readForecast(db: ObjectDb, object: CompiledObject, request: ForecastRequest): Promise<ForecastMonth[]> {
  const result = await forecastSql(object, request).execute(db);
  return result.rows.map((row) => ({
    month: row.month,
    openCount: row.open_count,
    openAmount: toNumber(row.open_amount) ?? 0,
    weightedAmount: toNumber(row.weighted) ?? 0,
    wonCount: row.won_count,
    wonAmount: toNumber(row.won_amount) ?? 0,
  }));
}
