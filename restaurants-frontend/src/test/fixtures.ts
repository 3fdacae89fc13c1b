import type { OrderStatus, OrderView } from "../features/order-status/api/get-order";
import type { Restaurant } from "../features/restaurant/api/get-restaurant";

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
