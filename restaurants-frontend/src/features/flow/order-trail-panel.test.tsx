import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { json, mockFetch, urls } from "../../test/http";
import type { OrderTrail } from "./api/get-order-trail";
import { OrderTrailPanel } from "./order-trail-panel";

const TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

function trail(status: string, steps: [string, string, string, string][]): OrderTrail {
  return {
    orderId: "order-7",
    status,
    traceId: TRACE,
    trail: steps.map(([at, s, route, topic]) => ({ at, status: s, node: route, route, topic, traceId: TRACE })),
  };
}

const received: [string, string, string, string] = ["2026-11-30T15:00:00.010Z", "RECEIVED", "order-intake", "order"];
const paid: [string, string, string, string] = ["2026-11-30T15:00:00.120Z", "PAID", "transactions", "order_confirm"];
const confirmed: [string, string, string, string] = ["2026-11-30T15:00:00.300Z", "CONFIRMED", "email", "order_status"];

const trailCalls = (fetchMock: ReturnType<typeof mockFetch>) =>
  urls(fetchMock).filter((u) => u.startsWith("/api/flow/orders/"));

describe("order trail", () => {
  afterEach(() => vi.useRealTimers());

  it("lists each step with its time, status, route, topic and trace id, oldest first", async () => {
    mockFetch(() => json(200, trail("CONFIRMED", [received, paid, confirmed])));
    render(<OrderTrailPanel orderId="order-7" onOrderId={() => undefined} />);

    const table = await screen.findByRole("table", { name: "Steps of order order-7, oldest first" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => within(r).getAllByRole("cell")[1]?.textContent)).toEqual(["RECEIVED", "PAID", "CONFIRMED"]);
    expect(rows[0]).toHaveTextContent(/\d{2}:\d{2}:00\.010RECEIVEDorder-intakeorder4bf92f3577b34da6a3ce929d0e0e4736/);
    expect(within(rows[1] as HTMLElement).getByText("order_confirm")).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Order order-7: CONFIRMED" })).toBeInTheDocument();
    expect(screen.getByText(/^Trace id/, { selector: "p" }).querySelector("code")).toHaveTextContent(TRACE);
  });

  it("asks for the order whose id is entered", async () => {
    const onOrderId = vi.fn();
    mockFetch(() => json(200, trail("RECEIVED", [received])));
    render(<OrderTrailPanel orderId="" onOrderId={onOrderId} />);

    expect(screen.getByRole("button", { name: "Show trail" })).toBeDisabled();
    await userEvent.type(screen.getByLabelText("Order id"), "  order-7 ");
    await userEvent.click(screen.getByRole("button", { name: "Show trail" }));

    expect(onOrderId).toHaveBeenCalledWith("order-7");
  });

  it("follows an order in flight until it reaches a terminal status", async () => {
    vi.useFakeTimers();
    const answers = [
      trail("RECEIVED", [received]),
      trail("PAID", [received, paid]),
      trail("CONFIRMED", [received, paid, confirmed]),
    ];
    const fetchMock = mockFetch(() => json(200, answers.length > 1 ? answers.shift() : answers[0]));
    render(<OrderTrailPanel orderId="order-7" onOrderId={() => undefined} />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByRole("heading", { name: "Order order-7: RECEIVED" })).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(4000));
    expect(screen.getByRole("heading", { name: "Order order-7: CONFIRMED" })).toBeInTheDocument();
    expect(screen.getAllByRole("row")).toHaveLength(4);

    await act(() => vi.advanceTimersByTimeAsync(20_000));
    expect(trailCalls(fetchMock)).toEqual(Array(3).fill("/api/flow/orders/order-7"));
  });

  it("says clearly when there is no such order, and stops asking after a few tries", async () => {
    vi.useFakeTimers();
    const fetchMock = mockFetch(() => json(404, { title: "Not found", status: 404, detail: "No order nope" }));
    render(<OrderTrailPanel orderId="nope" onOrderId={() => undefined} />);
    await act(() => vi.advanceTimersByTimeAsync(0));

    expect(screen.getByRole("alert")).toHaveTextContent("There is no order nope.");
    expect(screen.queryByRole("table")).not.toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(trailCalls(fetchMock)).toHaveLength(4);
  });

  it("says when the order has no trace id", async () => {
    mockFetch(() => json(200, { ...trail("RECEIVED", [received]), traceId: null }));
    render(<OrderTrailPanel orderId="order-7" onOrderId={() => undefined} />);

    expect(await screen.findByText("No trace id recorded for this order.")).toBeInTheDocument();
  });
});
