import { EMPTY_CART, type Cart } from "./cart";

/**
 * The cart survives reloads in sessionStorage: the restaurant id and the lines (item id + quantity), nothing
 * else. Card data never goes near this file.
 */
export const CART_KEY = "kafka-restaurants.cart";

export function loadCart(storage: Storage = sessionStorage): Cart {
  try {
    const raw = storage.getItem(CART_KEY);
    if (raw === null) {
      return EMPTY_CART;
    }
    const value: unknown = JSON.parse(raw);
    if (!isCart(value)) {
      return EMPTY_CART;
    }
    const lines = value.lines.map(({ menuItemId, quantity }) => ({ menuItemId, quantity }));
    return { restaurantId: value.restaurantId, lines };
  } catch {
    return EMPTY_CART;
  }
}

export function saveCart(cart: Cart, storage: Storage = sessionStorage): void {
  try {
    if (cart.lines.length === 0) {
      storage.removeItem(CART_KEY);
    } else {
      storage.setItem(CART_KEY, JSON.stringify({ restaurantId: cart.restaurantId, lines: cart.lines }));
    }
  } catch {
    // storage full or disabled (private mode): the cart still works for this page's lifetime
  }
}

function isCart(value: unknown): value is Cart {
  if (value === null || typeof value !== "object") {
    return false;
  }
  const cart = value as Cart;
  return (
    typeof cart.restaurantId === "string" &&
    Array.isArray(cart.lines) &&
    cart.lines.every((l) => typeof l?.menuItemId === "string" && Number.isInteger(l?.quantity))
  );
}
