import { describe, expect, it } from "vitest";
import { apiUrl } from "../../lib/api-client";
import { filtersFromUrl, NO_FILTERS, searchParams, urlFromFilters } from "./search-filters";

const url = (filters: Parameters<typeof searchParams>[0]) => apiUrl("/search", searchParams(filters));

describe("search filters", () => {
  it("send no parameter when nothing is set", () => {
    expect(url(NO_FILTERS)).toBe("/api/search");
  });

  it("send each parameter that is set, with the seed's names", () => {
    expect(url({ ...NO_FILTERS, name: "pizza" })).toBe("/api/search?restaurant_name=pizza");
    expect(url({ ...NO_FILTERS, style: "Italian" })).toBe("/api/search?restaurant_style=Italian");
    expect(url({ ...NO_FILTERS, vegetarianOnly: true })).toBe("/api/search?vegetarian=true");
    expect(url({ ...NO_FILTERS, deliveryOnly: true })).toBe("/api/search?delivery=true");
    expect(url({ ...NO_FILTERS, sort: "popular" })).toBe("/api/search?sort=popular");
  });

  it("trim the name and omit a blank one", () => {
    expect(url({ ...NO_FILTERS, name: "   " })).toBe("/api/search");
    expect(url({ ...NO_FILTERS, name: "  china town " })).toBe("/api/search?restaurant_name=china+town");
  });

  it("round-trip through the page URL", () => {
    const filters = { name: "pizza", style: "Italian", vegetarianOnly: true, deliveryOnly: false, sort: "" as const };
    expect(urlFromFilters(filters).toString()).toBe("restaurant_name=pizza&restaurant_style=Italian&vegetarian=true");
    expect(filtersFromUrl(urlFromFilters(filters))).toEqual(filters);
    const popular = { ...filters, sort: "popular" as const };
    expect(urlFromFilters(popular).toString()).toBe(
      "restaurant_name=pizza&restaurant_style=Italian&vegetarian=true&sort=popular",
    );
    expect(filtersFromUrl(urlFromFilters(popular))).toEqual(popular);
  });

  it("ignore a style that is not offered and a box not set to true", () => {
    expect(filtersFromUrl(new URLSearchParams("restaurant_style=klingon&vegetarian=yes"))).toEqual(NO_FILTERS);
    expect(filtersFromUrl(new URLSearchParams("restaurant_style=chinese")).style).toBe("Chinese");
  });

  it("keep the catalog's order for a sort that is not offered", () => {
    expect(filtersFromUrl(new URLSearchParams("sort=rating"))).toEqual(NO_FILTERS);
    expect(url(filtersFromUrl(new URLSearchParams("sort=rating")))).toBe("/api/search");
  });
});
