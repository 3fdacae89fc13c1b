// The cart feature's public API: the one cart of the tab (context + sessionStorage), its arithmetic and limits, and
// its lines with quantity steppers. The menu and the checkout use it; nothing else of this folder is imported.
export { canAdd, itemCount, linesProblem, MAX_LINES, MAX_QUANTITY, priceCart, quantityProblem } from "./cart";
export type { Cart, PricedCart, PriceList } from "./cart";
export { CartProvider, useCart } from "./cart-context";
export { CartLines } from "./cart-lines";
/** The sessionStorage key of the cart: tests put a cart there before the page loads. */
export { CART_KEY } from "./cart-storage";
