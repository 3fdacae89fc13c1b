import type { QueryParams } from "../../lib/api-client";

/** What the search form holds. The page URL and the API call carry the same parameters (the seed's names). */
export interface SearchFilters {
  name: string;
  style: string;
  vegetarianOnly: boolean;
  deliveryOnly: boolean;
  /** "popular": most recent orders first; "": the catalog's order. */
  sort: Sort;
}

export type Sort = "" | "popular";

export const STYLES = ["Italian", "Chinese", "Israeli"] as const;

export const NO_FILTERS: SearchFilters = { name: "", style: "", vegetarianOnly: false, deliveryOnly: false, sort: "" };

/** Only the parameters that are set: a blank name, "any" style and unchecked boxes are left out. */
export function searchParams(filters: SearchFilters): QueryParams {
  const name = filters.name.trim();
  return {
    restaurant_name: name || undefined,
    restaurant_style: filters.style || undefined,
    vegetarian: filters.vegetarianOnly ? "true" : undefined,
    delivery: filters.deliveryOnly ? "true" : undefined,
    sort: filters.sort || undefined,
  };
}

/** The filters a page URL asks for; unknown styles and sorts are ignored. */
export function filtersFromUrl(params: URLSearchParams): SearchFilters {
  const style = params.get("restaurant_style") ?? "";
  const known = STYLES.find((s) => s.toLowerCase() === style.toLowerCase());
  return {
    name: params.get("restaurant_name") ?? "",
    style: known ?? "",
    vegetarianOnly: params.get("vegetarian") === "true",
    deliveryOnly: params.get("delivery") === "true",
    sort: params.get("sort") === "popular" ? "popular" : "",
  };
}

/** The page URL's query for these filters, with the same parameters as the API call. */
export function urlFromFilters(filters: SearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(searchParams(filters))) {
    if (value !== undefined) {
      params.set(name, value);
    }
  }
  return params;
}
