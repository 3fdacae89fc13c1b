import { apiRequest } from "../../../lib/api-client";
import { searchParams, type SearchFilters } from "../search-filters";

export interface RestaurantSummary {
  id: string;
  name: string;
  style: string;
  vegetarian: boolean;
  delivery: boolean;
}

/** `GET /api/search` with the parameters that are set. */
export function searchRestaurants(filters: SearchFilters, signal?: AbortSignal): Promise<RestaurantSummary[]> {
  return apiRequest<RestaurantSummary[]>("/search", { query: searchParams(filters), signal });
}
