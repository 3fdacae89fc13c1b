import { fromCents, toCents } from "../../lib/money";

/** The server's limits (order intake rejects anything else). */
export const MAX_QUANTITY = 20;
export const MAX_LINES = 30;

export interface CartLine {
  menuItemId: string;
  quantity: number;
}

/** A cart belongs to one restaurant. It holds ids and quantities only: names and prices come from the menu. */
export interface Cart {
  restaurantId: string;
  lines: CartLine[];
}

export const EMPTY_CART: Cart = { restaurantId: "", lines: [] };

/** Whether one more of this item fits: below 20 on its line, or a free line when it is not in the cart yet. */
export function canAdd(cart: Cart, restaurantId: string, menuItemId: string): boolean {
  if (cart.restaurantId !== restaurantId) {
    return true;
  }
  const line = cart.lines.find((l) => l.menuItemId === menuItemId);
  return line ? line.quantity < MAX_QUANTITY : cart.lines.length < MAX_LINES;
}

/** One more of an item. A cart of another restaurant is replaced by a new one. Limits are kept. */
export function addItem(cart: Cart, restaurantId: string, menuItemId: string): Cart {
  const base = cart.restaurantId === restaurantId ? cart : { restaurantId, lines: [] };
  if (!canAdd(base, restaurantId, menuItemId)) {
    return cart;
  }
  const exists = base.lines.some((l) => l.menuItemId === menuItemId);
  return {
    restaurantId,
    lines: exists
      ? base.lines.map((l) => (l.menuItemId === menuItemId ? { ...l, quantity: l.quantity + 1 } : l))
      : [...base.lines, { menuItemId, quantity: 1 }],
  };
}

/**
 * Sets a line's quantity as typed or stepped. Whole numbers are kept even out of range so that the field can
 * say what is wrong ({@link quantityProblem}); the steppers never leave 1..20.
 */
export function setQuantity(cart: Cart, menuItemId: string, quantity: number): Cart {
  const whole = Number.isFinite(quantity) ? Math.trunc(quantity) : 0;
  return {
    ...cart,
    lines: cart.lines.map((l) => (l.menuItemId === menuItemId ? { ...l, quantity: whole } : l)),
  };
}

export function removeLine(cart: Cart, menuItemId: string): Cart {
  const lines = cart.lines.filter((l) => l.menuItemId !== menuItemId);
  return lines.length === 0 ? EMPTY_CART : { ...cart, lines };
}

export function itemCount(cart: Cart): number {
  return cart.lines.reduce((count, line) => count + Math.max(0, line.quantity), 0);
}

/** The client-side twin of the server's `items[i].quantity` rule. */
export function quantityProblem(quantity: number): string | undefined {
  return Number.isInteger(quantity) && quantity >= 1 && quantity <= MAX_QUANTITY
    ? undefined
    : `Choose a quantity from 1 to ${MAX_QUANTITY}`;
}

export function linesProblem(cart: Cart): string | undefined {
  if (cart.lines.length === 0) {
    return "The cart is empty";
  }
  return cart.lines.length > MAX_LINES ? `A cart holds at most ${MAX_LINES} different items` : undefined;
}

/** What pricing needs of a restaurant (a restaurant of `GET /api/restaurants/{id}` is one): its menu's prices. */
export interface PriceList {
  currency: string;
  menu: { id: string; name: string; price: string }[];
}

export interface PricedLine {
  menuItemId: string;
  name: string;
  quantity: number;
  unitPrice: string;
  lineTotal: string;
}

export interface PricedCart {
  currency: string;
  lines: PricedLine[];
  subtotal: string;
  total: string;
}

/**
 * Line totals, subtotal and total in the restaurant's currency, in exact cents. The total is the subtotal: the
 * server charges the menu prices and nothing else. Lines whose item left the menu are dropped.
 */
export function priceCart(cart: Cart, restaurant: PriceList): PricedCart {
  const lines: PricedLine[] = [];
  let subtotalCents = 0;
  for (const line of cart.lines) {
    const item = restaurant.menu.find((m) => m.id === line.menuItemId);
    if (!item) {
      continue;
    }
    const quantity = Math.max(0, line.quantity);
    const lineCents = toCents(item.price) * quantity;
    subtotalCents += lineCents;
    lines.push({
      menuItemId: item.id,
      name: item.name,
      quantity: line.quantity,
      unitPrice: item.price,
      lineTotal: fromCents(lineCents),
    });
  }
  const subtotal = fromCents(subtotalCents);
  return { currency: restaurant.currency, lines, subtotal, total: subtotal };
}
