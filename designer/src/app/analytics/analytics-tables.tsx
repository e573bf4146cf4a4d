// The charts' numbers as tables: what screen readers read and what a reader copies. Each cell
// keeps the API's raw number in `data-value` beside its localised text.
import type { AnalyticsMessages } from './analytics-messages.ts';
import type { ForecastMonth, LabelledStage } from './analytics-types.ts';

function Cell(props: { value: number | null; text: string }) {
  return <td data-value={props.value ?? ''}>{props.text}</td>;
}

export function FunnelTable(props: { stages: LabelledStage[]; text: AnalyticsMessages; counts: Intl.NumberFormat; percent: Intl.NumberFormat }) {
  const { text, counts, percent } = props;
  return (
    <table className="analytics-table" data-testid="funnel-table">
      <caption>{text.funnel}</caption>
      <thead>
        <tr>
          <th scope="col">{text.stage}</th>
          <th scope="col">{text.entered}</th>
          <th scope="col">{text.advanced}</th>
          <th scope="col">{text.conversion}</th>
        </tr>
      </thead>
      <tbody>
        {props.stages.map((stage) => (
          <tr key={stage.stage} data-stage={stage.stage}>
            <th scope="row">{stage.label}</th>
            <Cell value={stage.entered} text={counts.format(stage.entered)} />
            <Cell value={stage.advanced} text={counts.format(stage.advanced)} />
            <Cell value={stage.conversionRate} text={stage.conversionRate === null ? '—' : percent.format(stage.conversionRate)} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ForecastTable(props: { months: ForecastMonth[]; text: AnalyticsMessages; counts: Intl.NumberFormat; money: Intl.NumberFormat }) {
  const { text, counts, money } = props;
  if (props.months.length === 0) return <p className="muted">{text.noForecast}</p>;
  return (
    <table className="analytics-table" data-testid="forecast-table">
      <caption>{text.forecast}</caption>
      <thead>
        <tr>
          <th scope="col">{text.month}</th>
          <th scope="col">{text.openCount}</th>
          <th scope="col">{text.openAmount}</th>
          <th scope="col">{text.weightedAmount}</th>
          <th scope="col">{text.wonCount}</th>
          <th scope="col">{text.wonAmount}</th>
        </tr>
      </thead>
      <tbody>
        {props.months.map((month) => (
          <tr key={month.month} data-month={month.month}>
            <th scope="row">{month.month}</th>
            <Cell value={month.openCount} text={counts.format(month.openCount)} />
            <Cell value={month.openAmount} text={money.format(month.openAmount)} />
            <Cell value={month.weightedAmount} text={money.format(month.weightedAmount)} />
            <Cell value={month.wonCount} text={counts.format(month.wonCount)} />
            <Cell value={month.wonAmount} text={money.format(month.wonAmount)} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
