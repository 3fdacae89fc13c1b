import { apiRequest } from "../../../lib/api-client";
import { searchParams, type SearchFilters } from "../search-filters";

export interface RestaurantSummary {
  id: string;
  name: string;
  style: string;
  vegetarian: boolean;
  delivery: boolean;
  /** Orders of about the last hour (a decayed count, rounded): 0 when none. */
  recentOrders: number;
}

/** `GET /api/search` with the parameters that are set. */
export function searchRestaurants(filters: SearchFilters, signal?: AbortSignal): Promise<RestaurantSummary[]> {
  return apiRequest<RestaurantSummary[]>("/search", { query: searchParams(filters), signal });
}
