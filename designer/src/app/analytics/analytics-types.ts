// The answers of GET /objects/:object/funnel and /forecast (runtime/src/pipelines/funnel-query.ts,
// forecast-query.ts), as this page reads them.
export interface FunnelStage {
  stage: string;
  category: string;
  entered: number;
  advanced: number;
  conversionRate: number | null;
  exited: number;
  avgSecondsInStage: number | null;
}

export interface FunnelResponse {
  object: string;
  pipeline: string;
  from: string;
  to: string;
  stages: FunnelStage[];
  won: number;
  lost: number;
  winRate: number | null;
}

export interface ForecastMonth {
  month: string;
  openCount: number;
  openAmount: number;
  weightedAmount: number;
  wonCount: number;
  wonAmount: number;
}

export interface ForecastResponse {
  object: string;
  pipeline: string;
  from: string;
  to: string;
  months: ForecastMonth[];
}

/** A stage as the charts and tables show it: its value, its label in the reader's language. */
export interface LabelledStage extends FunnelStage {
  label: string;
}
