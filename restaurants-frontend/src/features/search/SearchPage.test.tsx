import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { json, mockFetch, urls } from "../../test/http";
import { location, renderApp } from "../../test/render";

const RESULTS = [
  { id: "amore-mio", name: "Amore Mio", style: "Italian", vegetarian: true, delivery: true },
  { id: "pizza-makpiza", name: "pizza Makpiza", style: "Italian", vegetarian: false, delivery: false },
];

describe("search page", () => {
  it("lists every restaurant at first, each linking to its page", async () => {
    const fetchMock = mockFetch(() => json(200, RESULTS));
    renderApp("/");

    const list = await screen.findByRole("list");
    expect(urls(fetchMock)).toEqual(["/api/search"]);
    expect(within(list).getByRole("link", { name: "Amore Mio" })).toHaveAttribute("href", "/restaurants/amore-mio");
    expect(within(list).getByText("Pickup only")).toBeInTheDocument();
    expect(screen.getByText("2 restaurants found")).toBeInTheDocument();
  });

  it("searches with every filter set and puts them in the page URL", async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch(() => json(200, RESULTS));
    renderApp("/");
    await screen.findByText("2 restaurants found");

    await user.type(screen.getByLabelText("Restaurant name"), "pizza");
    await user.selectOptions(screen.getByLabelText("Cuisine"), "Italian");
    await user.click(screen.getByLabelText("Vegetarian only"));
    await user.click(screen.getByLabelText("Delivery only"));
    await user.click(screen.getByRole("button", { name: "Search" }));

    const query = "restaurant_name=pizza&restaurant_style=Italian&vegetarian=true&delivery=true";
    await screen.findByText("2 restaurants found");
    expect(urls(fetchMock).at(-1)).toBe(`/api/search?${query}`);
    expect(location()).toBe(`/?${query}`);
  });

  it("leaves out unchecked boxes, 'any' cuisine and a blank name", async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch(() => json(200, RESULTS));
    renderApp("/?restaurant_name=pizza&vegetarian=true");
    await screen.findByText("2 restaurants found");
    expect(urls(fetchMock)).toEqual(["/api/search?restaurant_name=pizza&vegetarian=true"]);

    await user.clear(screen.getByLabelText("Restaurant name"));
    await user.type(screen.getByLabelText("Restaurant name"), "  ");
    await user.click(screen.getByLabelText("Vegetarian only"));
    await user.selectOptions(screen.getByLabelText("Cuisine"), "Chinese");
    await user.click(screen.getByRole("button", { name: "Search" }));
    await screen.findByText("2 restaurants found");
    expect(urls(fetchMock).at(-1)).toBe("/api/search?restaurant_style=Chinese");

    await user.selectOptions(screen.getByLabelText("Cuisine"), "Any");
    await user.click(screen.getByRole("button", { name: "Search" }));
    await screen.findByText("2 restaurants found");
    expect(urls(fetchMock).at(-1)).toBe("/api/search");
  });

  it("fills the form from a shared link", async () => {
    mockFetch(() => json(200, []));
    renderApp("/?restaurant_name=china&restaurant_style=Chinese&delivery=true");

    expect(await screen.findByText("No restaurant matches. Try fewer filters.")).toBeInTheDocument();
    expect(screen.getByLabelText("Restaurant name")).toHaveValue("china");
    expect(screen.getByLabelText("Cuisine")).toHaveValue("Chinese");
    expect(screen.getByLabelText("Delivery only")).toBeChecked();
    expect(screen.getByLabelText("Vegetarian only")).not.toBeChecked();
  });

  it("says so when the search fails", async () => {
    mockFetch(() => json(503, { title: "Service unavailable", status: 503 }));
    renderApp("/");

    expect(await screen.findByRole("alert")).toHaveTextContent("The search did not work");
  });
});
