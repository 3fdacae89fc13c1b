import type uPlot from "uplot";

/**
 * Stands in for uPlot, which needs a canvas and matchMedia that jsdom lacks: records what the chart was made with
 * and every data set it was given. Use with `vi.mock("uplot", () => ({ default: FakeUplot }))`.
 */
export class FakeUplot {
  static instances: FakeUplot[] = [];
  readonly options: uPlot.Options;
  readonly data: uPlot.AlignedData[] = [];
  destroyed = false;

  constructor(options: uPlot.Options, data: uPlot.AlignedData) {
    this.options = options;
    this.data.push(data);
    FakeUplot.instances.push(this);
  }

  static reset() {
    FakeUplot.instances = [];
  }

  static latest(): FakeUplot {
    const chart = FakeUplot.instances.at(-1);
    if (!chart) throw new Error("no chart was made");
    return chart;
  }

  setData(data: uPlot.AlignedData) {
    this.data.push(data);
  }

  setSize() {}

  destroy() {
    this.destroyed = true;
  }
}
