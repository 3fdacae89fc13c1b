import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { testRun } from "../../test/fixtures";
import { json, mockFetch } from "../../test/http";
import type { TestOrders } from "./api/get-flow";
import { TestOrdersPanel } from "./test-orders-panel";

const bounds: TestOrders = { enabled: true, maxCount: 500, maxRatePerSecond: 20, run: null };

function renderPanel(testOrders: TestOrders = bounds, onChanged = vi.fn(), onPickOrder = vi.fn()) {
  render(<TestOrdersPanel testOrders={testOrders} onChanged={onChanged} onPickOrder={onPickOrder} />);
  return { onChanged, onPickOrder };
}

async function fill(count: string, rate: string, declined: string) {
  for (const [label, value] of [
    ["Orders (1 to 500)", count],
    ["Orders per second (0.1 to 20)", rate],
    ["Declined cards (%)", declined],
  ] as const) {
    await userEvent.clear(screen.getByLabelText(label));
    await userEvent.type(screen.getByLabelText(label), value);
  }
}

const sendButton = () => screen.getByRole("button", { name: "Send test orders" });
const postBody = (fetchMock: ReturnType<typeof mockFetch>) => {
  const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
  return { url, method: init.method, body: JSON.parse(String(init.body)) as unknown };
};

describe("send test orders", () => {
  it("posts the count, the rate and the declined share, then asks for a fresh snapshot", async () => {
    const fetchMock = mockFetch(() => json(202, testRun({ requested: 100, sent: 0, accepted: 0, refused: 0 })));
    const { onChanged } = renderPanel();

    await fill("100", "5", "30");
    await userEvent.click(sendButton());

    expect(postBody(fetchMock)).toEqual({
      url: "/api/flow/test-orders",
      method: "POST",
      body: { count: 100, ratePerSecond: 5, declineShare: 0.3 },
    });
    expect(await screen.findByText("Sent 0 of 100")).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalled();
  });

  it("starts from 60 orders at 10/s with a fifth declined", async () => {
    const fetchMock = mockFetch(() => json(202, testRun()));
    renderPanel();

    await userEvent.click(sendButton());

    expect(postBody(fetchMock).body).toEqual({ count: 60, ratePerSecond: 10, declineShare: 0.2 });
  });

  it("shows the server's field error next to its field", async () => {
    mockFetch(() =>
      json(400, {
        title: "Invalid test orders",
        status: 400,
        errors: [{ field: "ratePerSecond", message: "must be at most 20" }],
      }),
    );
    renderPanel();

    await userEvent.click(sendButton());

    const rate = screen.getByLabelText("Orders per second (0.1 to 20)");
    expect(await screen.findByText("Rate must be at most 20")).toHaveAttribute("id", "test-orders-rate-error");
    expect(rate).toHaveAttribute("aria-invalid", "true");
    expect(rate).toHaveAttribute("aria-describedby", "test-orders-rate-error");
    expect(screen.getByLabelText("Orders (1 to 500)")).not.toHaveAttribute("aria-invalid");
  });

  it("keeps out of bounds values from the server and says which", async () => {
    const fetchMock = mockFetch(() => json(202, testRun()));
    renderPanel();

    await fill("501", "0.05", "120");
    await userEvent.click(sendButton());

    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByText("Orders must be a whole number from 1 to 500")).toBeInTheDocument();
    expect(screen.getByText("Rate must be from 0.1 to 20 orders per second")).toBeInTheDocument();
    expect(screen.getByText("Declined cards must be from 0 to 100 %")).toBeInTheDocument();
  });

  it("says when a run is already in progress", async () => {
    mockFetch(() => json(409, { title: "A run is in progress", status: 409 }));
    renderPanel();

    await userEvent.click(sendButton());

    expect(await screen.findByRole("alert")).toHaveTextContent("A run of test orders is already in progress");
  });

  it("shows the polled run's progress, stops it, and opens one of its orders", async () => {
    const fetchMock = mockFetch(() => new Response(null, { status: 204 }));
    const { onChanged, onPickOrder } = renderPanel({ ...bounds, run: testRun() });

    expect(screen.getByRole("heading", { name: "Test run: Running" })).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Sent 40 of 100" })).toHaveAttribute("value", "40");
    expect(screen.getByText("Accepted").nextSibling).toHaveTextContent("39");
    expect(screen.getByText("Refused").nextSibling).toHaveTextContent("1");
    expect(sendButton()).toBeDisabled();

    await userEvent.click(screen.getByRole("button", { name: "Stop" }));
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect([url, init.method]).toEqual(["/api/flow/test-orders", "DELETE"]);
    expect(onChanged).toHaveBeenCalled();

    const orders = screen.getByRole("list", { name: "Latest orders of the run" });
    expect(
      within(orders)
        .getAllByRole("button")
        .map((b) => b.textContent),
    ).toEqual(["order-7", "order-8"]);
    await userEvent.click(within(orders).getByRole("button", { name: "order-8" }));
    expect(onPickOrder).toHaveBeenCalledWith("order-8");
  });

  it("offers no stop button once the run is done", () => {
    renderPanel({ ...bounds, run: testRun({ state: "done", sent: 100, accepted: 100, refused: 0 }) });

    expect(screen.getByRole("heading", { name: "Test run: Done" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Stop" })).not.toBeInTheDocument();
    expect(sendButton()).toBeEnabled();
  });

  it("is not offered when the server takes no test orders", () => {
    renderPanel({ ...bounds, enabled: false });

    expect(screen.queryByRole("button", { name: "Send test orders" })).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/^Orders/)).not.toBeInTheDocument();
    expect(screen.getByText(/Test orders are off on this deployment/)).toBeInTheDocument();
  });
});
