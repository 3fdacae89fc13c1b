import type { FlowSnapshot, TestRun } from "../features/flow/api/get-flow";
import type { OrderStatus, OrderView } from "../features/order-status/api/get-order";
import type { Restaurant } from "../features/restaurant";

/** Small object mothers for the tests: the shapes of shared/DESIGN.md with catalog-like data. */
export function amoreMio(overrides: Partial<Restaurant> = {}): Restaurant {
  return {
    id: "amore-mio",
    name: "Amore Mio",
    style: "Italian",
    vegetarian: true,
    delivery: true,
    currency: "EUR",
    menu: [
      {
        id: "margherita",
        name: "Margherita",
        description: "Tomato, mozzarella, basil",
        price: "9.50",
        vegetarian: true,
      },
      { id: "tiramisu", name: "Tiramisu", description: "Coffee, mascarpone, cocoa", price: "6.50", vegetarian: true },
      { id: "lasagne", name: "Lasagne", description: "Beef ragù, béchamel", price: "12.00", vegetarian: false },
    ],
    ...overrides,
  };
}

export function pizzaMakpiza(): Restaurant {
  return amoreMio({ id: "pizza-makpiza", name: "pizza Makpiza", vegetarian: false, delivery: false });
}

const AT: Record<OrderStatus, string> = {
  RECEIVED: "2026-11-02T10:00:00Z",
  PAID: "2026-11-02T10:00:01Z",
  CONFIRMED: "2026-11-02T10:00:02Z",
  DECLINED: "2026-11-02T10:00:01Z",
  FAILED: "2026-11-02T10:00:09Z",
};

/** An order that went through `path` (e.g. RECEIVED, PAID) and stands at its last status. */
export function orderView(path: OrderStatus[], reason?: string, overrides: Partial<OrderView> = {}): OrderView {
  const status = path[path.length - 1] ?? "RECEIVED";
  return {
    orderId: "order-1",
    status,
    ...(reason ? { reason } : {}),
    restaurant: { id: "amore-mio", name: "Amore Mio" },
    items: [{ menuItemId: "margherita", name: "Margherita", quantity: 2, unitPrice: "9.50" }],
    total: { value: "19.00", currency: "EUR" },
    card: { brand: "visa", last4: "4242" },
    fulfilment: { type: "delivery", address: "12 Harbour St" },
    history: path.map((s) => ({ status: s, at: AT[s], ...(reason && s === status ? { reason } : {}) })),
    notified: status === "CONFIRMED" || status === "DECLINED",
    ...overrides,
  };
}

/** The bank mock's approving test card, as digits and as typed with spaces. */
export const APPROVING_CARD = "4242424242424242";
export const APPROVING_CARD_TYPED = "4242 4242 4242 4242";

/** GET /api/flow as a local stack answers it: the main path, order_status, one dead-letter topic, a test run. */
export function flowSnapshot(overrides: Partial<FlowSnapshot> = {}): FlowSnapshot {
  return {
    at: "2026-11-30T15:00:02Z",
    intervalSeconds: 2,
    nodes: [
      { id: "post-orders", kind: "http", label: "POST /orders" },
      { id: "order-intake", kind: "route", label: "order intake", role: "api" },
      { id: "topic:order", kind: "topic", label: "order", records: 12345 },
      {
        id: "transactions",
        kind: "stage",
        label: "transactions",
        role: "transactions",
        group: "transaction-service",
        lag: 3,
        errors: 2,
        ratePerSecond: 10.5,
      },
      { id: "bank", kind: "external", label: "bank" },
      { id: "topic:order_confirm", kind: "topic", label: "order_confirm", records: 9000 },
      { id: "topic:order_declined", kind: "topic", label: "order_declined", records: 3000 },
      {
        id: "email",
        kind: "stage",
        label: "email",
        role: "email",
        group: "confirmation-service",
        lag: 0,
        errors: 0,
        ratePerSecond: 8.5,
      },
      { id: "smtp", kind: "external", label: "SMTP" },
      { id: "topic:order_status", kind: "topic", label: "order_status", records: 40000 },
      { id: "topic:order.DLT", kind: "topic", label: "order.DLT", records: 2 },
    ],
    edges: [
      { from: "post-orders", to: "order-intake", ratePerSecond: 10 },
      { from: "order-intake", to: "topic:order", ratePerSecond: 10 },
      { from: "topic:order", to: "transactions", ratePerSecond: 10.5 },
      { from: "transactions", to: "bank", ratePerSecond: 10.5 },
      { from: "transactions", to: "topic:order_confirm", ratePerSecond: 8.4 },
      { from: "transactions", to: "topic:order_declined", ratePerSecond: 2.1 },
      { from: "transactions", to: "topic:order.DLT", ratePerSecond: 0 },
      { from: "topic:order_confirm", to: "email", ratePerSecond: 6.4 },
      { from: "topic:order_declined", to: "email", ratePerSecond: 2.1 },
      { from: "email", to: "smtp", ratePerSecond: 8.5 },
      { from: "order-intake", to: "topic:order_status", ratePerSecond: 10 },
    ],
    series: {
      stages: ["intake", "transactions", "email"],
      points: [
        { at: "2026-11-30T14:59:58Z", rates: { intake: 9.5, transactions: 9, email: 8.5 } },
        { at: "2026-11-30T15:00:00Z", rates: { intake: 10, transactions: 10.5, email: 8.5 } },
      ],
    },
    testOrders: { enabled: true, maxCount: 500, maxRatePerSecond: 20, run: null },
    ...overrides,
  };
}

/** A run of test orders in progress, as GET /api/flow shows it. */
export function testRun(overrides: Partial<TestRun> = {}): TestRun {
  return {
    id: "run-1",
    requested: 100,
    sent: 40,
    accepted: 39,
    refused: 1,
    ratePerSecond: 10,
    declineShare: 0.2,
    state: "running",
    startedAt: "2026-11-30T14:59:56Z",
    lastOrderIds: ["order-7", "order-8"],
    ...overrides,
  };
}
