// SQL pieces shared by the board, funnel, forecast and stale scan, all over the row alias `t`:
// which rows follow a pipeline (by record type), the stage's probability as a CASE, and the
// caller's row access. Stage values and probabilities are bound parameters with explicit casts.
import type { NormalisedObject, NormalisedPipeline } from '@tessera/metadata';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { CompiledObject } from '../catalog/catalog-types.ts';
import { canonicalDate, canonicalDatetime } from '../filter/index.ts';
import { ApiError } from '../core/api-error.ts';

/** The pipeline named in the request, or the object's default one (404 TSR538 when none). */
export function choosePipeline(object: CompiledObject, name: string | undefined): NormalisedPipeline {
  const pipelines = object.definition.pipelines ?? [];
  const pipeline = name
    ? pipelines.find((candidate) => candidate.apiName === name)
    : (pipelines.find((candidate) => candidate.recordTypes.length === 0) ?? pipelines[0]);
  if (!pipeline) {
    const detail = name ? `${object.apiName} has no pipeline '${name.slice(0, 64)}'.` : `${object.apiName} has no pipeline.`;
    throw new ApiError('TSR538', detail, [{ path: 'pipeline', code: 'TSR538', message: name ? 'unknown pipeline' : 'the object defines no pipeline' }]);
  }
  if (!object.columns.has(pipeline.stageField)) {
    // The caller cannot read the stage field: the pipeline is as invisible as the field.
    throw new ApiError('TSR538', `${object.apiName} has no pipeline '${pipeline.apiName}'.`, [
      { path: 'pipeline', code: 'TSR538', message: 'unknown pipeline' },
    ]);
  }
  return pipeline;
}

/** Rows that follow the pipeline: its record types, or (the default pipeline) every type no other pipeline claims. */
export function pipelineRows(definition: NormalisedObject, pipeline: NormalisedPipeline): RawBuilder<SqlBool> | undefined {
  if (!definition.recordTypes?.length) return undefined;
  if (pipeline.recordTypes.length > 0) return sql<SqlBool>`t.record_type = any(${pipeline.recordTypes}::text[])`;
  const claimed = (definition.pipelines ?? []).flatMap((other) => other.recordTypes);
  return claimed.length === 0 ? undefined : sql<SqlBool>`(t.record_type is null or not (t.record_type = any(${claimed}::text[])))`;
}

/** `and`-joined conditions: live rows of the pipeline, the caller's filter and row access. */
export function boardConditions(object: CompiledObject, pipeline: NormalisedPipeline, filter: RawBuilder<SqlBool> | undefined): RawBuilder<SqlBool> {
  const conditions: RawBuilder<SqlBool>[] = [sql<SqlBool>`t.deleted_at is null`];
  const scope = pipelineRows(object.definition, pipeline);
  if (scope) conditions.push(scope);
  if (filter) conditions.push(filter);
  const visible = object.rowAccess?.read('t');
  if (visible) conditions.push(visible);
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}

/** A column of the caller's view (undefined when it is hidden from them or not set). */
export function columnRef(object: CompiledObject, name: string | null): RawBuilder<unknown> | undefined {
  return name ? object.columns.get(name)?.ref : undefined;
}

/** The stage's probability (0–100) for the row's stage. */
export function stageProbability(stageRef: RawBuilder<unknown>, pipeline: NormalisedPipeline): RawBuilder<unknown> {
  const branches = pipeline.stages.map((stage) => sql`when cast(${stage.value} as text) then cast(${stage.probability} as numeric)`);
  return sql`(case ${stageRef}::text ${sql.join(branches, sql` `)} end)`;
}

/** The row's probability: its own probability field when set, else its stage's. */
export function rowProbability(object: CompiledObject, pipeline: NormalisedPipeline): RawBuilder<unknown> {
  const stageRef = columnRef(object, pipeline.stageField) as RawBuilder<unknown>;
  const own = columnRef(object, pipeline.probabilityField);
  return own ? sql`coalesce(${own}::numeric, ${stageProbability(stageRef, pipeline)})` : stageProbability(stageRef, pipeline);
}

/** Query-string number → integer in [min, max], or a 400 TSR102. */
export function intParameter(raw: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(value >= min && value <= max))
    throw new ApiError('TSR102', `${name} must be an integer from ${min} to ${max}.`, [
      { path: name, code: 'TSR102', message: `must be an integer from ${min} to ${max}` },
    ]);
  return value;
}

/** Query-string date or instant (`YYYY-MM-DD` or ISO 8601) → ISO instant, or a 400 TSR102. */
export function instantParameter(raw: string | undefined, name: string, fallback: string): string {
  if (raw === undefined || raw === '') return fallback;
  // The filter's parsers: Date.parse alone reads 2024-02-30 as 2024-03-01 and takes year 0.
  const instant = raw.length === 10 ? canonicalDate(raw) && `${raw}T00:00:00.000Z` : canonicalDatetime(raw);
  if (!instant)
    throw new ApiError('TSR102', `${name} must be a date (YYYY-MM-DD) or an ISO 8601 instant.`, [
      { path: name, code: 'TSR102', message: 'must be YYYY-MM-DD or an ISO 8601 instant' },
    ]);
  return instant;
}

/** numeric text from PostgreSQL → JSON number (null stays null). */
export const toNumber = (value: string | number | null | undefined): number | null => (value === null || value === undefined ? null : Number(value));

/** The stage's category ('open' | 'won' | 'lost') for the row's stage (null for a stage outside the pipeline). */
export function stageCategory(stageRef: RawBuilder<unknown>, pipeline: NormalisedPipeline): RawBuilder<unknown> {
  const branches = pipeline.stages.map((stage) => sql`when cast(${stage.value} as text) then cast(${stage.category} as text)`);
  return sql`(case ${stageRef}::text ${sql.join(branches, sql` `)} end)`;
}
