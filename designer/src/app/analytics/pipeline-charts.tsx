// The two charts, drawn by ECharts with its SVG renderer (labels stay text, readable by tests and
// screen magnifiers). Only the funnel and bar charts and the components used are registered: the
// whole library would add ~1 MB to this chunk.
import { BarChart, FunnelChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import type { BarSeriesOption, FunnelSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import type { Language } from '../../i18n/language.ts';
import type { AnalyticsMessages } from './analytics-messages.ts';
import type { ForecastMonth, LabelledStage } from './analytics-types.ts';

use([FunnelChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type ChartOption = ComposeOption<FunnelSeriesOption | BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** One ECharts instance on a div, redrawn when the option changes and resized with its box (phones rotate). */
function Chart(props: { option: ChartOption; language: Language; label: string; testId: string }) {
  const box = useRef<HTMLDivElement>(null);
  const { option, language } = props;
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const chart = init(element, null, { renderer: 'svg', locale: language === 'zh' ? 'ZH' : 'EN' });
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [option, language]);
  // The table below carries the same numbers for screen readers: the drawing is one labelled image.
  return <div ref={box} className="analytics-chart" role="img" aria-label={props.label} data-testid={props.testId} />;
}

export function FunnelChartView(props: { stages: LabelledStage[]; language: Language; text: AnalyticsMessages }) {
  const { stages, text } = props;
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'funnel',
          // The pipeline's order, not sorted by size: a later stage may hold more than an earlier one.
          sort: 'none',
          top: 8,
          bottom: 8,
          left: '5%',
          width: '90%',
          minSize: '15%',
          label: { show: true, position: 'inside', formatter: '{b}: {c}' },
          data: stages.map((stage) => ({ name: stage.label, value: stage.entered })),
        },
      ],
    }),
    [stages],
  );
  return <Chart option={option} language={props.language} label={text.funnel} testId="funnel-chart" />;
}

export function ForecastChartView(props: { months: ForecastMonth[]; numbers: Intl.NumberFormat; language: Language; text: AnalyticsMessages }) {
  const { months, numbers, text, language } = props;
  const option = useMemo<ChartOption>(() => {
    const compact = new Intl.NumberFormat(language === 'zh' ? 'zh-CN' : 'en-US', { notation: 'compact' });
    return {
      tooltip: { trigger: 'axis', valueFormatter: (value) => numbers.format(Number(value)) },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: months.map((month) => month.month) },
      yAxis: { type: 'value', axisLabel: { formatter: (value: number) => compact.format(value) } },
      series: [
        { type: 'bar', name: text.openAmount, data: months.map((month) => month.openAmount) },
        { type: 'bar', name: text.weightedAmount, data: months.map((month) => month.weightedAmount) },
        { type: 'bar', name: text.wonAmount, data: months.map((month) => month.wonAmount) },
      ],
    };
  }, [months, numbers, text, language]);
  return <Chart option={option} language={props.language} label={text.forecast} testId="forecast-chart" />;
}
