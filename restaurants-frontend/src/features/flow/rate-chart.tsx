import { useEffect, useEffectEvent, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { FlowSeries } from "./api/get-flow";
import { chartData, latestRates } from "./chart-data";
import { formatRate } from "./format";

const HEIGHT = 240;
const FALLBACK_WIDTH = 640;
const COLOURS = ["#b5452b", "#235f9c", "#2f7a3e", "#7a4fb3", "#a36a00", "#5b6370"];

/**
 * Orders/s per stage over the series' minutes, drawn by uPlot on a canvas. The chart is made once per set of stages
 * and given new data on every poll; it follows its container's width. The caption says the latest rates in words.
 */
export function RateChart({ series, intervalSeconds }: { series: FlowSeries; intervalSeconds: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const stagesKey = series.stages.join("\n");

  // Reads the series of the render that makes the chart; later series go through setData below.
  const makeChart = useEffectEvent(
    (element: HTMLDivElement) =>
      new uPlot(
        {
          width: element.clientWidth || FALLBACK_WIDTH,
          height: HEIGHT,
          scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
          axes: [{}, { label: "orders/s" }],
          // A key to the lines; the values are in the caption, not under a cursor.
          legend: { live: false },
          series: [
            {},
            ...series.stages.map((stage, i) => ({
              label: stage,
              stroke: COLOURS[i % COLOURS.length],
              width: 2,
              value: (_u: uPlot, v: number | null) => formatRate(v),
            })),
          ],
        },
        chartData(series),
        element,
      ),
  );

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const created = makeChart(element);
    chart.current = created;
    const resize =
      typeof ResizeObserver === "undefined"
        ? null
        : new ResizeObserver(() => created.setSize({ width: element.clientWidth || FALLBACK_WIDTH, height: HEIGHT }));
    resize?.observe(element);
    return () => {
      resize?.disconnect();
      created.destroy();
      chart.current = null;
    };
    // Made again only when the stages change; new points go through setData below.
  }, [stagesKey]);

  useEffect(() => {
    chart.current?.setData(chartData(series));
  }, [series]);

  const minutes = Math.round(((series.points.length || 1) * intervalSeconds) / 60);
  return (
    <figure className="rate-chart">
      <div ref={box} aria-hidden="true" />
      <figcaption>
        Orders per second by stage over the last {minutes <= 1 ? "minute" : `${minutes} minutes`}. Now:{" "}
        {latestRates(series, formatRate)}.
      </figcaption>
    </figure>
  );
}
