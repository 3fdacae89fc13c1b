import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { amoreMio } from "../../test/fixtures";
import { json, mockFetch, urls } from "../../test/http";
import { location, renderApp } from "../../test/render";
import { CART_KEY } from "../cart";

function cartPanel() {
  return screen.getByRole("complementary", { name: "Your order" });
}

describe("restaurant page", () => {
  it("shows the menu with prices in the restaurant's currency", async () => {
    const fetchMock = mockFetch(() => json(200, amoreMio()));
    renderApp("/restaurants/amore-mio");

    expect(await screen.findByRole("heading", { level: 1, name: "Amore Mio" })).toBeInTheDocument();
    expect(urls(fetchMock)).toEqual(["/api/restaurants/amore-mio"]);
    expect(screen.getByRole("heading", { name: /Margherita/ }).closest("li")).toHaveTextContent("€9.50");
    expect(within(cartPanel()).getByText(/Your cart is empty/)).toBeInTheDocument();
  });

  it("builds a cart with line totals, subtotal and total", async () => {
    const user = userEvent.setup();
    mockFetch(() => json(200, amoreMio()));
    renderApp("/restaurants/amore-mio");

    const addMargherita = await screen.findByRole("button", { name: "Add Margherita" });
    await user.click(addMargherita);
    await user.click(addMargherita);
    await user.click(addMargherita);
    await user.click(screen.getByRole("button", { name: "Add Tiramisu" }));

    const panel = cartPanel();
    expect(within(panel).getByTestId("line-total-margherita")).toHaveTextContent("€28.50");
    expect(within(panel).getByTestId("line-total-tiramisu")).toHaveTextContent("€6.50");
    expect(within(panel).getByTestId("subtotal")).toHaveTextContent("€35.00");
    expect(within(panel).getByTestId("total")).toHaveTextContent("€35.00");
    expect(screen.getByRole("link", { name: /Cart 4/ })).toBeInTheDocument();

    await user.click(within(panel).getByRole("button", { name: "One fewer Margherita" }));
    expect(within(panel).getByTestId("total")).toHaveTextContent("€25.50");

    await user.click(within(panel).getByRole("button", { name: "Remove Tiramisu" }));
    expect(within(panel).getByTestId("total")).toHaveTextContent("€19.00");

    expect(JSON.parse(sessionStorage.getItem(CART_KEY) ?? "")).toEqual({
      restaurantId: "amore-mio",
      lines: [{ menuItemId: "margherita", quantity: 2 }],
    });

    await user.click(within(panel).getByRole("link", { name: "Go to checkout" }));
    expect(location()).toBe("/checkout");
  });

  it("keeps a line between 1 and 20", async () => {
    const user = userEvent.setup();
    mockFetch(() => json(200, amoreMio()));
    sessionStorage.setItem(
      CART_KEY,
      JSON.stringify({ restaurantId: "amore-mio", lines: [{ menuItemId: "margherita", quantity: 19 }] }),
    );
    renderApp("/restaurants/amore-mio");

    const more = await screen.findByRole("button", { name: "One more Margherita" });
    await user.click(more);
    expect(more).toBeDisabled();
    expect(screen.getByRole("button", { name: "Add Margherita" })).toBeDisabled();
    expect(screen.getByLabelText("Quantity of Margherita")).toHaveValue(20);
    expect(screen.getByTestId("total")).toHaveTextContent("€190.00");

    const quantity = screen.getByLabelText("Quantity of Margherita");
    await user.clear(quantity);
    await user.type(quantity, "25");
    expect(quantity).toHaveAttribute("aria-invalid", "true");
    expect(quantity).toHaveAccessibleDescription("Choose a quantity from 1 to 20");
    expect(screen.getByRole("button", { name: "One fewer Margherita" })).toBeEnabled();
  });

  it("says when the restaurant does not exist", async () => {
    mockFetch(() => json(404, { title: "Not found", status: 404, detail: "No restaurant with this id" }));
    renderApp("/restaurants/nowhere");

    expect(await screen.findByRole("heading", { name: "Restaurant not found" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Back to the search" })).toHaveAttribute("href", "/");
  });
});
