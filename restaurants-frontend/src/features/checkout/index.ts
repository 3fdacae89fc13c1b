// The checkout feature's public API: its page.
export { CheckoutPage } from "./checkout-page";
