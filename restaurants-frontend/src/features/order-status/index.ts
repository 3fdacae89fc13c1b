// The order-status feature's public API: its page.
export { OrderPage } from "./order-page";
