import { describe, expect, it } from "vitest";
import { flowSnapshot } from "../../test/fixtures";
import type { FlowNode } from "./api/get-flow";
import { COLUMN_WIDTH, layOut, ROW_HEIGHT } from "./layout";

const height = () => 56;

function cells(nodes: FlowNode[], edges = flowSnapshot().edges) {
  const layout = layOut(nodes, edges, height);
  return Object.fromEntries(layout.nodes.map((p) => [p.node.id, [p.col, p.row]]));
}

describe("flow layout", () => {
  it("lays the main path out left to right, the bank above transactions and order_status as a bar below", () => {
    const at = cells(flowSnapshot().nodes);

    expect(at["post-orders"]).toEqual([0, 1]);
    expect(at["order-intake"]).toEqual([1, 1]);
    expect(at["topic:order"]).toEqual([2, 1]);
    expect(at["transactions"]).toEqual([3, 1]);
    expect(at["bank"]).toEqual([3, 0]);
    expect(at["topic:order_confirm"]).toEqual([4, 1]);
    expect(at["topic:order_declined"]).toEqual([4, 2]);
    expect(at["email"]).toEqual([5, 1]);
    expect(at["smtp"]).toEqual([6, 1]);
    expect(at["topic:order_status"]).toEqual([3, 3]);
  });

  it("puts a node it does not know in the side lane, right of what feeds it, in the next free row", () => {
    const snapshot = flowSnapshot();
    const extra: FlowNode[] = [
      { id: "topic:transactions.processed", kind: "topic", label: "transactions.processed" },
      { id: "mystery", kind: "route", label: "mystery" },
    ];
    const at = cells(
      [...snapshot.nodes, ...extra],
      [...snapshot.edges, { from: "transactions", to: "topic:transactions.processed" }],
    );

    expect(at["topic:order.DLT"]).toEqual([4, 4]);
    expect(at["topic:transactions.processed"]).toEqual([4, 5]);
    expect(at["mystery"]).toEqual([0, 4]);
  });

  it("keeps every node where it was when the answer comes again with other rates", () => {
    const first = layOut(flowSnapshot().nodes, flowSnapshot().edges, height);
    const busier = flowSnapshot();
    const again = layOut(
      busier.nodes.map((n) => ({ ...n, ratePerSecond: 99 })),
      busier.edges.map((e) => ({ ...e, ratePerSecond: 99 })),
      height,
    );

    expect(again.nodes.map((p) => [p.x, p.y])).toEqual(first.nodes.map((p) => [p.x, p.y]));
    expect(again.edges.map((e) => e.path)).toEqual(first.edges.map((e) => e.path));
  });

  it("draws side edges along the rows and vertical ones to the bank and the side lane", () => {
    const layout = layOut(flowSnapshot().nodes, flowSnapshot().edges, height);
    const path = (from: string, to: string) => layout.edges.find((e) => e.edge.from === from && e.edge.to === to)?.path;
    const intake = layout.nodes.find((p) => p.node.id === "order-intake");

    expect(path("order-intake", "topic:order")).toMatch(/^M\d+,\d+ C/);
    expect(path("order-intake", "topic:order")?.startsWith(`M${(intake?.x ?? 0) + 68},${intake?.y}`)).toBe(true);
    const transactionsTop = `M${COLUMN_WIDTH * 3 + 24 + 68},${24 + ROW_HEIGHT * 1.5 - 28}`;
    expect(path("transactions", "bank")?.startsWith(transactionsTop)).toBe(true);
    expect(layout.width).toBe(24 * 2 + 6 * COLUMN_WIDTH + 136);
  });

  it("spans order_status under intake to email, each writer dropping a straight line to it", () => {
    const layout = layOut(flowSnapshot().nodes, flowSnapshot().edges, height);
    const status = layout.nodes.find((p) => p.node.id === "topic:order_status");
    const intake = layout.nodes.find((p) => p.node.id === "order-intake");
    const edge = layout.edges.find((e) => e.edge.to === "topic:order_status");

    expect(status?.width).toBe(4 * COLUMN_WIDTH + 136);
    expect(status?.x).toBe(24 + 3 * COLUMN_WIDTH + 68);
    expect(edge?.path).toBe(`M${intake?.x},${(intake?.y ?? 0) + 28} L${intake?.x},${(status?.y ?? 0) - 28}`);
    expect(edge?.labelX).toBe(intake?.x);
  });

  it("puts a reader of order_status under the bar where nothing is in its way", () => {
    const snapshot = flowSnapshot();
    const at = cells(
      [...snapshot.nodes, { id: "status-view", kind: "route", label: "order status view" }],
      [...snapshot.edges, { from: "topic:order_status", to: "status-view", ratePerSecond: 20 }],
    );

    expect(at["status-view"]).toEqual([3, 4]);
    expect(at["topic:order.DLT"]).toEqual([4, 4]);
  });

  it("leaves out an edge to a node the answer does not list", () => {
    const layout = layOut(flowSnapshot().nodes, [{ from: "email", to: "nowhere", ratePerSecond: 1 }], height);

    expect(layout.edges).toEqual([]);
  });
});
