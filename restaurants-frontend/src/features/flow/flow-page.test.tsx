import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeUplot } from "../../test/fake-uplot";
import { flowSnapshot, testRun } from "../../test/fixtures";
import { json, mockFetch, urls } from "../../test/http";
import { location, renderApp } from "../../test/render";
import type { FlowSnapshot } from "./api/get-flow";
import { FlowPage } from "./flow-page";

vi.mock("uplot", () => ({ default: FakeUplot }));

function renderFlow(path = "/flow") {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/flow" element={<FlowPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

/** Answers GET /api/flow with each snapshot in turn, the last one from then on. */
function serve(...snapshots: (FlowSnapshot | Response)[]) {
  const answers = [...snapshots];
  return mockFetch((url) => {
    if (url === "/api/flow") {
      const next = answers.length > 1 ? answers.shift() : answers[0];
      if (next instanceof Response) return next.clone();
      return json(200, next);
    }
    throw new Error(`unexpected call ${url}`);
  });
}

const flowCalls = (fetchMock: ReturnType<typeof mockFetch>) => urls(fetchMock).filter((u) => u === "/api/flow");
const flowsTable = () => screen.getByRole("table", { name: "Flows" });
const stagesTable = () => screen.getByRole("table", { name: "Stages" });

function withRates(rate: number, at: string): FlowSnapshot {
  const base = flowSnapshot();
  return {
    ...base,
    at,
    nodes: base.nodes.map((n) => (n.kind === "stage" ? { ...n, ratePerSecond: rate } : n)),
    edges: base.edges.map((e) => ({ ...e, ratePerSecond: rate })),
    series: {
      ...base.series,
      points: [...base.series.points, { at, rates: { intake: rate, transactions: rate, email: rate } }],
    },
  };
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  act(() => {
    document.dispatchEvent(new Event("visibilitychange"));
  });
}

describe("order flow page", () => {
  beforeEach(() => FakeUplot.reset());
  afterEach(() => {
    vi.useRealTimers();
    Reflect.deleteProperty(document, "visibilityState");
  });

  it("draws every node and flow of the answer with its rate, and each stage's lag and errors", async () => {
    serve(flowSnapshot());
    renderFlow();

    const diagram = await screen.findByRole("img", { name: /^Order flow: 11 nodes \(2 stages\) and 11 flows/ });
    for (const label of ["POST /orders", "order intake", "order", "transactions", "bank", "SMTP", "order.DLT"]) {
      expect(within(diagram).getAllByText(label).length).toBeGreaterThan(0);
    }
    expect(within(diagram).getByText("lag 3 · errors 2")).toBeInTheDocument();
    expect(within(diagram).getByText("12,345 records")).toBeInTheDocument();
    expect(within(diagram).getAllByText("10.5/s").length).toBeGreaterThan(0);
    expect(diagram.querySelectorAll(".flow-node")).toHaveLength(11);
    expect(diagram.querySelectorAll("path.flow-edge")).toHaveLength(11);

    expect(within(flowsTable()).getByRole("row", { name: "order intake order 10.0/s" })).toBeInTheDocument();
    expect(within(flowsTable()).getByRole("row", { name: "transactions bank 10.5/s" })).toBeInTheDocument();
    expect(within(flowsTable()).getByRole("row", { name: "transactions order.DLT 0/s" })).toBeInTheDocument();
    expect(
      within(stagesTable()).getByRole("row", { name: "transactions transaction-service 10.5/s 3 2" }),
    ).toBeInTheDocument();
    expect(
      within(stagesTable()).getByRole("row", { name: "email confirmation-service 8.5/s 0 0" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("row", { name: "order_status 40,000" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent(/^Live · sampled/);
  });

  it("draws a node of a kind it does not know and says – for figures the answer leaves null", async () => {
    const base = flowSnapshot();
    serve({
      ...base,
      nodes: [
        ...base.nodes.map((n) => (n.id === "email" ? { ...n, lag: null, errors: null, ratePerSecond: null } : n)),
        { id: "order-view", kind: "view", label: "order view", role: "api", records: null },
      ],
      edges: [...base.edges, { from: "topic:order_status", to: "order-view", ratePerSecond: null }],
    });
    renderFlow();

    const diagram = await screen.findByRole("img", { name: /^Order flow: 12 nodes/ });
    expect(within(diagram).getByText("order view")).toBeInTheDocument();
    expect(within(diagram).getByText("lag – · errors –")).toBeInTheDocument();
    expect(within(stagesTable()).getByRole("row", { name: "email confirmation-service – – –" })).toBeInTheDocument();
    expect(within(flowsTable()).getByRole("row", { name: "order_status order view –" })).toBeInTheDocument();
  });

  it("charts orders/s per stage from the series, one line per stage", async () => {
    serve(flowSnapshot());
    renderFlow();
    await screen.findByRole("img", { name: /^Order flow/ });

    const chart = FakeUplot.latest();
    expect(chart.options.series.slice(1).map((s) => s.label)).toEqual(["intake", "transactions", "email"]);
    expect(chart.data.at(-1)).toEqual([
      [Date.parse("2026-11-30T14:59:58Z") / 1000, Date.parse("2026-11-30T15:00:00Z") / 1000],
      [9.5, 10],
      [9, 10.5],
      [8.5, 8.5],
    ]);
    expect(screen.getByText(/Now: intake 10\.0\/s, transactions 10\.5\/s, email 8\.5\/s/)).toBeInTheDocument();
  });

  it("polls every 2 s and shows the new rates in the diagram, the tables and the chart", async () => {
    vi.useFakeTimers();
    const fetchMock = serve(withRates(1, "2026-11-30T15:00:02Z"), withRates(42.25, "2026-11-30T15:00:04Z"));
    renderFlow();
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(within(flowsTable()).getByRole("row", { name: "order intake order 1.0/s" })).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(1999));
    expect(flowCalls(fetchMock)).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(flowCalls(fetchMock)).toHaveLength(2);

    expect(within(flowsTable()).getByRole("row", { name: "order intake order 42.3/s" })).toBeInTheDocument();
    expect(
      within(stagesTable()).getByRole("row", { name: "transactions transaction-service 42.3/s 3 2" }),
    ).toBeInTheDocument();
    expect(FakeUplot.instances).toHaveLength(1);
    expect(FakeUplot.latest().data.at(-1)?.[1]?.at(-1)).toBe(42.25);
  });

  it("stops asking while the page is hidden and asks at once when it is shown again", async () => {
    vi.useFakeTimers();
    const fetchMock = serve(flowSnapshot());
    renderFlow();
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(flowCalls(fetchMock)).toHaveLength(1);

    setVisibility("hidden");
    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(flowCalls(fetchMock)).toHaveLength(1);

    setVisibility("visible");
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(flowCalls(fetchMock)).toHaveLength(2);
  });

  it("stops asking when the page is left", async () => {
    vi.useFakeTimers();
    const fetchMock = serve(flowSnapshot());
    const view = renderFlow();
    await act(() => vi.advanceTimersByTimeAsync(0));

    view.unmount();
    await act(() => vi.advanceTimersByTimeAsync(20_000));

    expect(flowCalls(fetchMock)).toHaveLength(1);
  });

  it("says stale when a poll fails, keeping the last picture, and live again when one succeeds", async () => {
    vi.useFakeTimers();
    serve(
      withRates(3, "2026-11-30T15:00:02Z"),
      json(502, { title: "Bad gateway", status: 502 }),
      withRates(4, "2026-11-30T15:00:06Z"),
    );
    renderFlow();
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByRole("status")).toHaveTextContent(/^Live/);

    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(screen.getByRole("status")).toHaveTextContent(/^Stale/);
    expect(screen.getByRole("alert")).toHaveTextContent("The flow could not be refreshed (Bad gateway)");
    expect(within(flowsTable()).getByRole("row", { name: "order intake order 3.0/s" })).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(screen.getByRole("status")).toHaveTextContent(/^Live/);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("says stale when the server keeps answering the same snapshot for three sampling intervals", async () => {
    vi.useFakeTimers();
    serve(flowSnapshot());
    renderFlow();
    await act(() => vi.advanceTimersByTimeAsync(0));
    await act(() => vi.advanceTimersByTimeAsync(3 * 2000));
    expect(screen.getByRole("status")).toHaveTextContent(/^Live/);

    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(screen.getByRole("status")).toHaveTextContent(/^Stale/);
  });

  it("is reached from the site's header", async () => {
    serve(flowSnapshot());
    renderApp("/");

    await userEvent.click(screen.getByRole("link", { name: "Order flow" }));

    expect(location()).toBe("/flow");
    expect(await screen.findByRole("heading", { name: "Order flow", level: 1 })).toBeInTheDocument();
  });

  it("shows the trail of the order named in the address", async () => {
    const fetchMock = mockFetch((url) => {
      if (url === "/api/flow") return json(200, flowSnapshot());
      return json(200, {
        orderId: "order-7",
        status: "RECEIVED",
        traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
        trail: [{ at: "2026-11-30T15:00:00Z", status: "RECEIVED", route: "order-intake", topic: "order" }],
      });
    });
    renderApp("/flow?order=order-7");

    expect(await screen.findByRole("heading", { name: "Order order-7: RECEIVED" })).toBeInTheDocument();
    expect(urls(fetchMock)).toContain("/api/flow/orders/order-7");
    expect(screen.getByLabelText("Order id")).toHaveValue("order-7");
  });

  it("opens the trail of an order of the test run", async () => {
    mockFetch((url) => {
      if (url === "/api/flow") {
        return json(200, flowSnapshot({ testOrders: { ...flowSnapshot().testOrders, run: testRun() } }));
      }
      if (url === "/api/flow/orders/order-8") {
        return json(200, { orderId: "order-8", status: "PAID", traceId: null, trail: [] });
      }
      throw new Error(`unexpected call ${url}`);
    });
    renderApp("/flow");

    await userEvent.click(await screen.findByRole("button", { name: "order-8" }));

    expect(location()).toBe("/flow?order=order-8");
    expect(await screen.findByRole("heading", { name: "Order order-8: PAID" })).toBeInTheDocument();
  });

  it("says when the flow cannot be loaded and still offers the trail", async () => {
    serve(json(404, { title: "Not Found", status: 404 }));
    renderFlow();

    expect(await screen.findByRole("alert")).toHaveTextContent("The flow could not be loaded (Not Found)");
    expect(screen.getByLabelText("Order id")).toBeInTheDocument();
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
  });
});
