import type uPlot from "uplot";
import type { FlowSeries } from "./api/get-flow";

/** The series as uPlot wants it: x in Unix seconds, then one column of orders/s per stage (null where none). */
export function chartData(series: FlowSeries): uPlot.AlignedData {
  const points = series.points.filter((p) => !Number.isNaN(Date.parse(p.at)));
  return [
    points.map((p) => Date.parse(p.at) / 1000),
    ...series.stages.map((stage) => points.map((p) => p.rates[stage] ?? null)),
  ];
}

/** The latest rate of each stage, in words: "intake 10.0/s, transactions 10.5/s, email 8.5/s". */
export function latestRates(series: FlowSeries, format: (rate: number | undefined) => string): string {
  const last = series.points.at(-1);
  return series.stages.map((stage) => `${stage} ${format(last?.rates[stage])}`).join(", ");
}
