// App → Analytics: one object's pipeline over a period, as a funnel (stages in the pipeline's
// order: how many records reached each, how many went on) and a forecast by close month (open
// amount, weighted amount, won amount), each with a table of the same numbers. The period and an
// optional filter (the list's condition builder) go to GET /objects/:object/funnel and /forecast
// unchanged, so the page shows exactly what the API answers.
import { useEffect, useMemo, useState } from 'react';
import type { ApiError, ObjectDefinition } from '../../api/index.ts';
import { pickLabel } from '../../i18n/language.ts';
import { ProblemBanner } from '../../shell/problem-banner.tsx';
import { toApiError, useSession } from '../../shell/session.tsx';
import { ListFilter } from '../list-filter.tsx';
import { ObjectPage } from '../object-page.tsx';
import { analyticsMessages } from './analytics-messages.ts';
import { ForecastTable, FunnelTable } from './analytics-tables.tsx';
import type { ForecastResponse, FunnelResponse, LabelledStage } from './analytics-types.ts';
import { ForecastChartView, FunnelChartView } from './pipeline-charts.tsx';
import './analytics.css';

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** A bad filter is refused by both requests alike: one banner for it, not two. */
function uniqueProblems(errors: ApiError[]): ApiError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.problem.code}|${error.problem.detail}|${JSON.stringify(error.problem.errors ?? [])}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function AnalyticsPage(props: { objectApiName: string | undefined }) {
  const { messages } = useSession();
  return (
    <ObjectPage
      section="analytics"
      objectApiName={props.objectApiName}
      offers={(object) => (object.pipelines?.length ?? 0) > 0}
      empty={messages.noPipelines}
      className="analytics-page"
    >
      {(object) => <PipelineAnalytics key={object.apiName} object={object} />}
    </ObjectPage>
  );
}

interface Answers {
  funnel: FunnelResponse | null;
  forecast: ForecastResponse | null;
  errors: ApiError[];
}

function PipelineAnalytics(props: { object: ObjectDefinition }) {
  const { object } = props;
  const pipelines = object.pipelines ?? [];
  const { client, messages, language } = useSession();
  const text = analyticsMessages(language);
  const [pipelineName, setPipelineName] = useState(pipelines[0]?.apiName ?? '');
  // Calendar days, both inclusive: the request's `to` is the instant after the last day.
  const [from, setFrom] = useState(() => isoDay(Date.now() - 90 * DAY_MS));
  const [to, setTo] = useState(() => isoDay(Date.now()));
  const [filter, setFilter] = useState('');
  const [answers, setAnswers] = useState<Answers>({ funnel: null, forecast: null, errors: [] });
  const [loading, setLoading] = useState(true);
  const pipeline = pipelines.find((candidate) => candidate.apiName === pipelineName);

  useEffect(() => {
    let current = true;
    setLoading(true);
    const query = new URLSearchParams({ pipeline: pipelineName, from: `${from}T00:00:00Z`, to: `${isoDay(Date.parse(to) + DAY_MS)}T00:00:00Z` });
    if (filter) query.set('filter', filter);
    const path = (kind: string) => `/objects/${encodeURIComponent(object.apiName)}/${kind}?${query}`;
    // Each answer stands alone: a pipeline without close date still shows its funnel.
    void Promise.allSettled([client.request<FunnelResponse>('GET', path('funnel')), client.request<ForecastResponse>('GET', path('forecast'))]).then(
      ([funnel, forecast]) => {
        if (!current) return;
        setAnswers({
          funnel: funnel.status === 'fulfilled' ? funnel.value : null,
          forecast: forecast.status === 'fulfilled' ? forecast.value : null,
          errors: uniqueProblems([funnel, forecast].flatMap((result) => (result.status === 'rejected' ? [toApiError(result.reason)] : []))),
        });
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [client, object.apiName, pipelineName, from, to, filter]);

  const stageField = object.fields.find((field) => field.apiName === pipeline?.stageField);
  const stages = useMemo<LabelledStage[]>(
    () =>
      (answers.funnel?.stages ?? []).map((stage) => ({
        ...stage,
        label: pickLabel(stageField?.values?.find((value) => value.apiName === stage.stage)?.labels, language, stage.stage),
      })),
    [answers.funnel, stageField, language],
  );
  const locale = language === 'zh' ? 'zh-CN' : 'en-US';
  const amountField = object.fields.find((field) => field.apiName === pipeline?.amountField);
  const currency = amountField?.type === 'currency' ? (amountField.currencyCode ?? 'CNY') : undefined;
  const formats = useMemo(
    () => ({
      counts: new Intl.NumberFormat(locale),
      percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }),
      money: new Intl.NumberFormat(locale, currency ? { style: 'currency', currency } : { maximumFractionDigits: 2 }),
    }),
    [locale, currency],
  );

  return (
    <>
      <div className="records-header">
        <h2>
          {text.title} · {pickLabel(object.pluralLabels ?? object.labels, language, object.apiName)}
        </h2>
      </div>
      <form className="analytics-controls" aria-label={text.period} onSubmit={(event) => event.preventDefault()}>
        {pipelines.length > 1 && (
          <label>
            {messages.pipeline}
            <select value={pipelineName} onChange={(event) => setPipelineName(event.target.value)}>
              {pipelines.map((candidate) => (
                <option key={candidate.apiName} value={candidate.apiName}>
                  {pickLabel(candidate.labels, language, candidate.apiName)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {text.from}
          <input type="date" name="from" value={from} max={to} onChange={(event) => event.target.value && setFrom(event.target.value)} />
        </label>
        <label>
          {text.to}
          <input type="date" name="to" value={to} min={from} onChange={(event) => event.target.value && setTo(event.target.value)} />
        </label>
      </form>
      <ListFilter object={object} onApply={setFilter} />
      {answers.errors.map((error, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: at most two banners, replaced together on every load.
        <ProblemBanner key={index} error={error} />
      ))}
      <div className="analytics" data-testid="analytics" aria-busy={loading}>
        {loading && <p className="muted">{text.loading}</p>}
        {answers.funnel && (
          <section className="analytics-panel">
            <h3>{text.funnel}</h3>
            <p className="muted" data-testid="win-rate">
              {text.wonLost(answers.funnel.won, answers.funnel.lost)}
              {answers.funnel.winRate !== null && ` · ${text.winRate} ${formats.percent.format(answers.funnel.winRate)}`}
            </p>
            <FunnelChartView stages={stages} language={language} text={text} />
            <FunnelTable stages={stages} text={text} counts={formats.counts} percent={formats.percent} />
          </section>
        )}
        {answers.forecast && (
          <section className="analytics-panel">
            <h3>{text.forecast}</h3>
            {answers.forecast.months.length > 0 && (
              <ForecastChartView months={answers.forecast.months} numbers={formats.money} language={language} text={text} />
            )}
            <ForecastTable months={answers.forecast.months} text={text} counts={formats.counts} money={formats.money} />
          </section>
        )}
      </div>
    </>
  );
}
