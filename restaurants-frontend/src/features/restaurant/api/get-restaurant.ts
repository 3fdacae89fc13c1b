import { apiRequest } from "../../../lib/api-client";

export interface MenuItem {
  id: string;
  name: string;
  description: string;
  /** A decimal string in the restaurant's currency, e.g. "9.50". */
  price: string;
  vegetarian: boolean;
}

export interface Restaurant {
  id: string;
  name: string;
  style: string;
  vegetarian: boolean;
  delivery: boolean;
  currency: string;
  menu: MenuItem[];
}

/** `GET /api/restaurants/{id}`: the restaurant with its menu; a 404 problem when there is none. */
export function getRestaurant(id: string, signal?: AbortSignal): Promise<Restaurant> {
  return apiRequest<Restaurant>(`/restaurants/${encodeURIComponent(id)}`, { signal });
}
