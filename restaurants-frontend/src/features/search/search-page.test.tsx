import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { json, mockFetch, urls } from "../../test/http";
import { location, renderApp } from "../../test/render";

const RESULTS = [
  { id: "amore-mio", name: "Amore Mio", style: "Italian", vegetarian: true, delivery: true, recentOrders: 0 },
  { id: "pizza-makpiza", name: "pizza Makpiza", style: "Italian", vegetarian: false, delivery: false, recentOrders: 0 },
];

const POPULAR = [
  { id: "sabich", name: "Sabich", style: "Israeli", vegetarian: true, delivery: true, recentOrders: 7 },
  { id: "ima", name: "Ima", style: "Israeli", vegetarian: true, delivery: false, recentOrders: 1 },
  { id: "nam", name: "Nam", style: "Israeli", vegetarian: false, delivery: false, recentOrders: 0 },
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

  it("sorts by popularity, keeping the choice in the page URL beside the filters", async () => {
    const user = userEvent.setup();
    const fetchMock = mockFetch(() => json(200, POPULAR));
    renderApp("/?restaurant_style=Israeli");
    await screen.findByText("3 restaurants found");
    expect(screen.getByLabelText("Sort by")).toHaveValue("");

    await user.selectOptions(screen.getByLabelText("Sort by"), "Popular now");
    await user.click(screen.getByRole("button", { name: "Search" }));

    await screen.findByText("3 restaurants found");
    expect(urls(fetchMock).at(-1)).toBe("/api/search?restaurant_style=Israeli&sort=popular");
    expect(location()).toBe("/?restaurant_style=Israeli&sort=popular");
    const names = within(screen.getByRole("list"))
      .getAllByRole("link")
      .map((link) => link.textContent);
    expect(names).toEqual(["Sabich", "Ima", "Nam"]);
  });

  it("fills the sort from a shared link", async () => {
    const fetchMock = mockFetch(() => json(200, POPULAR));
    renderApp("/?sort=popular");

    await screen.findByText("3 restaurants found");
    expect(screen.getByLabelText("Sort by")).toHaveValue("popular");
    expect(urls(fetchMock)).toEqual(["/api/search?sort=popular"]);
  });

  it("marks the restaurants with recent orders as popular now, with their count", async () => {
    mockFetch(() => json(200, POPULAR));
    renderApp("/");

    const [sabich, ima, nam] = within(await screen.findByRole("list")).getAllByRole("listitem") as [
      HTMLElement,
      HTMLElement,
      HTMLElement,
    ];
    expect(within(sabich).getByText("Popular now")).toBeInTheDocument();
    expect(within(sabich).getByText("7 orders in the last hour")).toBeInTheDocument();
    expect(within(ima).getByText("Popular now")).toBeInTheDocument();
    expect(within(ima).getByText("1 order in the last hour")).toBeInTheDocument();
    expect(within(nam).queryByText("Popular now")).not.toBeInTheDocument();
    expect(within(nam).queryByText(/in the last hour/)).not.toBeInTheDocument();
  });
});
