import { describe, expect, it } from "vitest";
import { amoreMio } from "../../test/fixtures";
import {
  addItem,
  canAdd,
  EMPTY_CART,
  itemCount,
  MAX_LINES,
  MAX_QUANTITY,
  priceCart,
  quantityProblem,
  removeLine,
  setQuantity,
  type Cart,
} from "./cart";
import { CART_KEY, loadCart, saveCart } from "./cart-storage";

const restaurant = amoreMio();

function cartOf(...lines: [string, number][]): Cart {
  return { restaurantId: "amore-mio", lines: lines.map(([menuItemId, quantity]) => ({ menuItemId, quantity })) };
}

describe("cart arithmetic", () => {
  it("multiplies the unit price exactly: 9.50 x 3 = 28.50", () => {
    const priced = priceCart(cartOf(["margherita", 3]), restaurant);

    expect(priced.lines[0]).toMatchObject({ name: "Margherita", unitPrice: "9.50", lineTotal: "28.50" });
    expect(priced.subtotal).toBe("28.50");
    expect(priced.total).toBe("28.50");
    expect(priced.currency).toBe("EUR");
  });

  it("adds several lines into the subtotal and the total", () => {
    const priced = priceCart(cartOf(["margherita", 2], ["tiramisu", 1], ["lasagne", 3]), restaurant);

    expect(priced.lines.map((l) => l.lineTotal)).toEqual(["19.00", "6.50", "36.00"]);
    expect(priced.subtotal).toBe("61.50");
    expect(priced.total).toBe("61.50");
  });

  it("stays exact where floating point drifts", () => {
    const cheap = amoreMio({
      menu: [{ id: "grissini", name: "Grissini", description: "", price: "0.10", vegetarian: true }],
    });
    // 0.1 * 3 is 0.30000000000000004 in floating point
    expect(priceCart(cartOf(["grissini", 3]), cheap).total).toBe("0.30");
  });

  it("drops a line whose item left the menu", () => {
    expect(priceCart(cartOf(["margherita", 1], ["gone", 2]), restaurant).lines).toHaveLength(1);
  });
});

describe("cart limits", () => {
  it("adds one at a time and stops at 20 per line", () => {
    let cart = EMPTY_CART;
    for (let i = 0; i < 25; i++) {
      cart = addItem(cart, "amore-mio", "margherita");
    }
    expect(cart.lines).toEqual([{ menuItemId: "margherita", quantity: MAX_QUANTITY }]);
    expect(canAdd(cart, "amore-mio", "margherita")).toBe(false);
    expect(itemCount(cart)).toBe(20);
  });

  it("holds at most 30 lines", () => {
    let cart = EMPTY_CART;
    for (let i = 0; i < MAX_LINES + 2; i++) {
      cart = addItem(cart, "amore-mio", `item-${i}`);
    }
    expect(cart.lines).toHaveLength(30);
    expect(canAdd(cart, "amore-mio", "item-31")).toBe(false);
    expect(canAdd(cart, "amore-mio", "item-0")).toBe(true);
  });

  it("says which quantities the server would refuse", () => {
    expect(quantityProblem(1)).toBeUndefined();
    expect(quantityProblem(20)).toBeUndefined();
    expect(quantityProblem(0)).toBe("Choose a quantity from 1 to 20");
    expect(quantityProblem(21)).toBe("Choose a quantity from 1 to 20");
    expect(setQuantity(cartOf(["margherita", 2]), "margherita", 2.7).lines[0]?.quantity).toBe(2);
  });

  it("starts a new cart for another restaurant and empties on the last removal", () => {
    const other = addItem(cartOf(["margherita", 2]), "pizza-makpiza", "margherita");
    expect(other).toEqual({ restaurantId: "pizza-makpiza", lines: [{ menuItemId: "margherita", quantity: 1 }] });
    expect(removeLine(other, "margherita")).toEqual(EMPTY_CART);
  });
});

describe("cart storage", () => {
  it("keeps the restaurant id and lines only, in sessionStorage", () => {
    saveCart(cartOf(["margherita", 3]));

    expect(JSON.parse(sessionStorage.getItem(CART_KEY) ?? "")).toEqual(cartOf(["margherita", 3]));
    expect(loadCart()).toEqual(cartOf(["margherita", 3]));
    expect(localStorage.length).toBe(0);
  });

  it("ignores what is not a cart", () => {
    sessionStorage.setItem(CART_KEY, '{"restaurantId":1}');
    expect(loadCart()).toEqual(EMPTY_CART);
    sessionStorage.setItem(CART_KEY, "not json");
    expect(loadCart()).toEqual(EMPTY_CART);
  });
});
