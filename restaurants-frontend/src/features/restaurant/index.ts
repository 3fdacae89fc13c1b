// The restaurant feature's public API: the menu page, and the restaurant with its menu, which the checkout prices.
export { getRestaurant } from "./api/get-restaurant";
export type { Restaurant } from "./api/get-restaurant";
export { RestaurantPage } from "./restaurant-page";
