import { act, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeEventSource } from "../../test/fake-event-source";
import { orderView } from "../../test/fixtures";
import { json, mockFetch, urls } from "../../test/http";
import { renderApp } from "../../test/render";
import type { OrderView } from "./api/get-order";

const announcer = () => screen.getByTestId("status-announcer");
const statusHeading = () => screen.getByRole("heading", { name: /^Status:/ });

function serve(orders: OrderView[], inboxUrl = "") {
  const answers = [...orders];
  return mockFetch((url) => {
    if (url === "/site-config.json") return json(200, { inboxUrl });
    if (url === "/api/orders/order-1") {
      const next = answers.length > 1 ? answers.shift() : answers[0];
      return next ? json(200, next) : json(404, { title: "Not found", status: 404 });
    }
    throw new Error(`unexpected call ${url}`);
  });
}

const orderCalls = (fetchMock: ReturnType<typeof mockFetch>) =>
  urls(fetchMock).filter((u) => u.startsWith("/api/orders/"));

describe("order page", () => {
  beforeEach(() => {
    FakeEventSource.reset();
    vi.stubGlobal("EventSource", FakeEventSource);
  });
  afterEach(() => vi.useRealTimers());

  it("follows the live stream and announces each change", async () => {
    const fetchMock = serve([]);
    renderApp("/orders/order-1");
    const source = FakeEventSource.latest();
    expect(source.url).toBe("/api/orders/order-1/events");

    source.sendStatus(orderView(["RECEIVED"]));
    expect(statusHeading()).toHaveTextContent("Status: Received");
    expect(announcer()).toHaveAttribute("aria-live", "polite");
    expect(announcer()).toHaveTextContent("Order status: Received.");
    expect(screen.getByText("Live")).toBeInTheDocument();

    source.sendStatus(orderView(["RECEIVED", "PAID"]));
    expect(announcer()).toHaveTextContent("Order status: Paid.");

    source.sendStatus(orderView(["RECEIVED", "PAID", "CONFIRMED"]));
    expect(statusHeading()).toHaveTextContent("Status: Confirmed");
    expect(announcer()).toHaveTextContent("Order status: Confirmed.");
    expect(source.closed).toBe(true);

    source.fail();
    expect(orderCalls(fetchMock)).toEqual([]);
  });

  it("shows what was ordered, the card's brand and last four digits", () => {
    serve([]);
    renderApp("/orders/order-1");
    FakeEventSource.latest().sendStatus(orderView(["RECEIVED", "PAID"]));

    expect(screen.getByRole("heading", { name: "Your order from Amore Mio" })).toBeInTheDocument();
    expect(screen.getByRole("row", { name: "Margherita 2 €19.00" })).toBeInTheDocument();
    expect(screen.getByRole("row", { name: "Total €19.00" })).toBeInTheDocument();
    expect(screen.getByText("Visa ending in 4242")).toBeInTheDocument();
    expect(screen.getByText("12 Harbour St")).toBeInTheDocument();
  });

  it("links to the order's trail on the flow page", () => {
    serve([]);
    renderApp("/orders/order-1");
    FakeEventSource.latest().sendStatus(orderView(["RECEIVED", "PAID"]));

    expect(screen.getByRole("link", { name: "See its trail through the system" })).toHaveAttribute(
      "href",
      "/flow?order=order-1",
    );
  });

  it("shows a declined order with the reason in words", () => {
    serve([]);
    renderApp("/orders/order-1");
    FakeEventSource.latest().sendStatus(orderView(["RECEIVED", "DECLINED"], "insufficient_funds"));

    expect(statusHeading()).toHaveTextContent("Status: Declined");
    expect(screen.getByText("Reason:").parentElement).toHaveTextContent("Reason: Insufficient funds");
  });

  it("falls back to polling every 2 s when the stream breaks, until a terminal state", async () => {
    vi.useFakeTimers();
    const fetchMock = serve([
      orderView(["RECEIVED", "PAID"]),
      orderView(["RECEIVED", "PAID"]),
      orderView(["RECEIVED", "PAID", "CONFIRMED"]),
    ]);
    renderApp("/orders/order-1");
    const source = FakeEventSource.latest();
    source.sendStatus(orderView(["RECEIVED"]));

    source.fail();
    expect(source.closed).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(orderCalls(fetchMock)).toEqual(["/api/orders/order-1"]);
    expect(statusHeading()).toHaveTextContent("Status: Paid");
    expect(screen.getByText("Checking every 2 s")).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(1999));
    expect(orderCalls(fetchMock)).toHaveLength(1);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(orderCalls(fetchMock)).toHaveLength(2);

    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(orderCalls(fetchMock)).toHaveLength(3);
    expect(statusHeading()).toHaveTextContent("Status: Confirmed");
    expect(announcer()).toHaveTextContent("Order status: Confirmed.");

    await act(() => vi.advanceTimersByTimeAsync(20000));
    expect(orderCalls(fetchMock)).toHaveLength(3);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it("keeps polling through a failed poll", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const fetchMock = mockFetch((url) => {
      if (url === "/site-config.json") return json(200, { inboxUrl: "" });
      calls += 1;
      return calls === 1
        ? json(502, { title: "Bad gateway" })
        : json(200, orderView(["RECEIVED", "FAILED"], "bank_unavailable"));
    });
    renderApp("/orders/order-1");
    FakeEventSource.latest().fail();
    await act(() => vi.advanceTimersByTimeAsync(0));
    await act(() => vi.advanceTimersByTimeAsync(2000));

    expect(orderCalls(fetchMock)).toHaveLength(2);
    expect(statusHeading()).toHaveTextContent("Status: Failed");
    expect(screen.getByText("Reason:").parentElement).toHaveTextContent("The bank could not be reached");
  });

  it("waits for a just-placed order to appear, then says when there is no such order", async () => {
    vi.useFakeTimers();
    const fetchMock = serve([]);
    renderApp("/orders/order-1");
    FakeEventSource.latest().fail();

    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.getByText("Loading your order…")).toBeInTheDocument();
    await act(() => vi.advanceTimersByTimeAsync(5 * 2000));
    expect(orderCalls(fetchMock)).toHaveLength(6);
    expect(screen.getByRole("heading", { name: "Order not found" })).toBeInTheDocument();

    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(orderCalls(fetchMock)).toHaveLength(6);
  });

  it("keeps the status it has and polls on through a 404 from a replica whose view is behind", async () => {
    vi.useFakeTimers();
    let calls = 0;
    const fetchMock = mockFetch((url) => {
      if (url === "/site-config.json") return json(200, { inboxUrl: "" });
      calls += 1;
      return calls <= 7
        ? json(404, { title: "Not found", status: 404 })
        : json(200, orderView(["RECEIVED", "PAID", "CONFIRMED"]));
    });
    renderApp("/orders/order-1");
    const source = FakeEventSource.latest();
    source.sendStatus(orderView(["RECEIVED", "PAID"]));
    source.fail();

    await act(() => vi.advanceTimersByTimeAsync(0));
    await act(() => vi.advanceTimersByTimeAsync(7 * 2000));

    expect(orderCalls(fetchMock)).toHaveLength(8);
    expect(screen.queryByRole("heading", { name: "Order not found" })).not.toBeInTheDocument();
    expect(statusHeading()).toHaveTextContent("Status: Confirmed");
  });

  it("shows an order that reaches the status view a moment after it was placed", async () => {
    vi.useFakeTimers();
    let calls = 0;
    mockFetch((url) => {
      if (url === "/site-config.json") return json(200, { inboxUrl: "" });
      calls += 1;
      return calls === 1 ? json(404, { title: "Not found", status: 404 }) : json(200, orderView(["RECEIVED"]));
    });
    renderApp("/orders/order-1");
    FakeEventSource.latest().fail();
    await act(() => vi.advanceTimersByTimeAsync(0));
    await act(() => vi.advanceTimersByTimeAsync(2000));

    expect(statusHeading()).toHaveTextContent("Status: Received");
  });

  it("links to the mail inbox only when the site has one", async () => {
    serve([], "http://inbox.example");
    renderApp("/orders/order-1");
    FakeEventSource.latest().sendStatus(orderView(["RECEIVED", "PAID", "CONFIRMED"]));

    expect(await screen.findByRole("link", { name: "Open the mail inbox" })).toHaveAttribute(
      "href",
      "http://inbox.example",
    );
  });

  it("shows no inbox link when the site has none", async () => {
    const fetchMock = serve([]);
    renderApp("/orders/order-1");
    FakeEventSource.latest().sendStatus(orderView(["RECEIVED", "PAID", "CONFIRMED"]));

    await vi.waitFor(() => expect(urls(fetchMock)).toContain("/site-config.json"));
    await act(() => Promise.resolve());
    expect(screen.queryByRole("link", { name: "Open the mail inbox" })).not.toBeInTheDocument();
  });
});
