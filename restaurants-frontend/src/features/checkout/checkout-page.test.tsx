import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { APPROVING_CARD, APPROVING_CARD_TYPED, amoreMio, orderView, pizzaMakpiza } from "../../test/fixtures";
import { json, mockFetch } from "../../test/http";
import { location, renderApp } from "../../test/render";
import { CART_KEY } from "../cart";

const FUTURE = `12${String((new Date().getFullYear() + 4) % 100).padStart(2, "0")}`;
const ACCEPTED = {
  orderId: "order-1",
  status: "RECEIVED",
  total: { value: "25.50", currency: "EUR" },
  statusUrl: "/orders/order-1",
};

type OrderAnswer = () => Response;

function setUp(answers: OrderAnswer[] = [], restaurant = amoreMio()) {
  sessionStorage.setItem(
    CART_KEY,
    JSON.stringify({
      restaurantId: restaurant.id,
      lines: [
        { menuItemId: "margherita", quantity: 2 },
        { menuItemId: "tiramisu", quantity: 1 },
      ],
    }),
  );
  const pending = [...answers];
  const fetchMock = mockFetch((url, init) => {
    if (url === `/api/restaurants/${restaurant.id}`) return json(200, restaurant);
    if (url === "/api/orders" && init.method === "POST") {
      const next = pending.shift();
      if (!next) throw new Error("unexpected order");
      return next();
    }
    if (url.startsWith("/api/orders/")) return json(200, orderView(["RECEIVED"]));
    if (url === "/site-config.json") return json(200, { inboxUrl: "" });
    throw new Error(`unexpected call ${url}`);
  });
  renderApp("/checkout");
  return fetchMock;
}

function orderCalls(fetchMock: ReturnType<typeof mockFetch>) {
  return fetchMock.mock.calls.filter(([url, init]) => String(url) === "/api/orders" && init?.method === "POST");
}

async function fillValidForm(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText("Email"), "dana@example.com");
  await user.type(screen.getByLabelText("Card number"), APPROVING_CARD);
  await user.type(screen.getByLabelText("Expiry (MM/YY)"), FUTURE);
  await user.type(screen.getByLabelText("Delivery address"), "12 Harbour St");
}

const placeOrder = () => screen.getByRole("button", { name: /Place order/ });

/** Places the order, which gets `failure`, then places it again unchanged (accepted): the alert and both keys sent. */
async function placeAgainAfter(failure: OrderAnswer) {
  const user = userEvent.setup();
  const fetchMock = setUp([failure, () => json(202, ACCEPTED)]);
  await fillValidForm(user);

  await user.click(placeOrder());
  const alert = (await screen.findByRole("alert")).textContent ?? "";
  await user.click(placeOrder());
  await screen.findByRole("heading", { name: "Your order from Amore Mio" });

  const keys = orderCalls(fetchMock).map(([, init]) => new Headers(init?.headers).get("Idempotency-Key"));
  return { alert, keys, fetchMock };
}

describe("checkout", () => {
  beforeEach(() => {
    vi.spyOn(console, "log");
    vi.spyOn(console, "error");
  });

  it("shows the cart with its total in the restaurant's currency", async () => {
    setUp();
    const summary = await screen.findByRole("region", { name: "Your order" });
    expect(within(summary).getByTestId("total")).toHaveTextContent("€25.50");
    expect(placeOrder()).toHaveTextContent("Place order · €25.50");
  });

  it("formats the card number as it is typed and keeps the caret", async () => {
    const user = userEvent.setup();
    setUp();
    const card = await screen.findByLabelText("Card number");

    await user.type(card, "42424242");
    expect(card).toHaveValue("4242 4242");
    await user.type(card, "9", { initialSelectionStart: 2, initialSelectionEnd: 2 });
    expect(card).toHaveValue("4294 2424 2");
    expect((card as HTMLInputElement).selectionStart).toBe(3);

    const expiry = screen.getByLabelText("Expiry (MM/YY)");
    await user.type(expiry, "1230");
    expect(expiry).toHaveValue("12/30");
  });

  it.each([
    [
      "a number failing Luhn",
      { card: "4242424242424241" },
      "Card number",
      "This card number is not valid: check the digits",
    ],
    ["a short number", { card: "42424242" }, "Card number", "A card number has 12 to 19 digits"],
    ["a past expiry", { expiry: "0120" }, "Expiry (MM/YY)", "This card has expired"],
    ["a bad email", { email: "dana@example" }, "Email", "Enter an email address like name@example.com"],
    ["delivery without an address", { address: "" }, "Delivery address", "Enter the delivery address"],
  ])("refuses %s next to the field and sends nothing", async (_case, change, label, message) => {
    const user = userEvent.setup();
    const fetchMock = setUp();
    const values = {
      email: "dana@example.com",
      card: APPROVING_CARD,
      expiry: FUTURE,
      address: "1 Quay",
      ...change,
    };
    await user.type(await screen.findByLabelText("Email"), values.email);
    await user.type(screen.getByLabelText("Card number"), values.card);
    await user.type(screen.getByLabelText("Expiry (MM/YY)"), values.expiry);
    if (values.address) await user.type(screen.getByLabelText("Delivery address"), values.address);

    await user.click(placeOrder());

    const field = screen.getByLabelText(label);
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(expect.stringContaining(message));
    expect(field).toHaveFocus();
    expect(orderCalls(fetchMock)).toHaveLength(0);
  });

  it("shows every problem at once when the form is empty", async () => {
    const user = userEvent.setup();
    const fetchMock = setUp();
    await user.click(await screen.findByRole("button", { name: /Place order/ }));

    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription(/Enter your email address/);
    expect(screen.getByLabelText("Card number")).toHaveAccessibleDescription("Enter the card number");
    expect(screen.getByLabelText("Expiry (MM/YY)")).toHaveAccessibleDescription("Enter the expiry date");
    expect(screen.getByLabelText("Delivery address")).toHaveAccessibleDescription("Enter the delivery address");
    expect(orderCalls(fetchMock)).toHaveLength(0);
  });

  it("offers pickup only when the restaurant does not deliver", async () => {
    setUp([], pizzaMakpiza());
    const delivery = await screen.findByRole("radio", { name: "Delivery" });

    expect(delivery).toBeDisabled();
    expect(screen.getByRole("radio", { name: "Pickup at the restaurant" })).toBeChecked();
    expect(screen.getByText("pizza Makpiza does not deliver: pickup only.")).toBeInTheDocument();
    expect(screen.queryByLabelText("Delivery address")).not.toBeInTheDocument();
  });

  it("shows the server's field errors next to the fields, cart lines and in a summary", async () => {
    const user = userEvent.setup();
    const problem = {
      type: "https://kafka-restaurants.dev/problems/invalid-order",
      title: "Invalid order",
      status: 400,
      detail: "The order was not accepted; see errors.",
      errors: [
        { field: "card.number", message: "is not a valid card number" },
        { field: "card.expiry", message: "is in the past" },
        { field: "email", message: "must be an email address" },
        { field: "fulfilment.address", message: "is required for delivery" },
        { field: "items[1].quantity", message: "must be between 1 and 20" },
        { field: "restaurantId", message: "is not a restaurant of the catalog" },
      ],
    };
    const fetchMock = setUp([() => json(400, problem)]);
    await fillValidForm(user);

    await user.click(placeOrder());

    expect(await screen.findByLabelText("Card number")).toHaveAccessibleDescription(
      "Card number is not a valid card number",
    );
    expect(screen.getByLabelText("Expiry (MM/YY)")).toHaveAccessibleDescription("Expiry is in the past");
    expect(screen.getByLabelText("Email")).toHaveAccessibleDescription(/Email must be an email address/);
    expect(screen.getByLabelText("Delivery address")).toHaveAccessibleDescription("Address is required for delivery");
    expect(screen.getByLabelText("Quantity of Tiramisu")).toHaveAccessibleDescription(
      "Quantity must be between 1 and 20",
    );
    expect(screen.getByLabelText("Quantity of Margherita")).not.toHaveAttribute("aria-invalid");
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("The order was not accepted");
    expect(alert).toHaveTextContent("restaurantId: is not a restaurant of the catalog");
    expect(orderCalls(fetchMock)).toHaveLength(1);
    expect(location()).toBe("/checkout");
  });

  it("sends an Idempotency-Key and reuses it when the same order is retried after a 503", async () => {
    const unavailable = { type: "x", title: "Service unavailable", status: 503 };
    const { alert, keys, fetchMock } = await placeAgainAfter(() => json(503, unavailable, { "Retry-After": "5" }));

    expect(alert).toContain("We could not confirm your order");
    expect(alert).toContain("Your order may have been placed.");
    expect(alert).toContain(
      "In 5 seconds, place it again without changing anything: it will not be placed or charged twice.",
    );
    expect(alert).not.toMatch(/nothing was placed/i);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);

    const body = JSON.parse(String(orderCalls(fetchMock)[1]?.[1]?.body));
    expect(body).toEqual({
      restaurantId: "amore-mio",
      items: [
        { menuItemId: "margherita", quantity: 2 },
        { menuItemId: "tiramisu", quantity: 1 },
      ],
      email: "dana@example.com",
      card: { number: APPROVING_CARD_TYPED, expiry: `${FUTURE.slice(0, 2)}/${FUTURE.slice(2)}` },
      fulfilment: { type: "delivery", address: "12 Harbour St" },
    });
    expect(location()).toBe("/orders/order-1");
    expect(sessionStorage.getItem(CART_KEY)).toBeNull();
  });

  it("says the order may have been placed when the proxy answers that the api did not answer (502)", async () => {
    const unreachable = { title: "Service unreachable", status: 502, detail: "The restaurant service did not answer." };
    const { alert, keys } = await placeAgainAfter(() => json(502, unreachable));

    expect(alert).toContain("We could not confirm your order");
    expect(alert).toContain("Your order may have been placed.");
    expect(alert).toContain("In a moment, place it again without changing anything");
    expect(alert).not.toContain("not accepted");
    expect(keys[1]).toBe(keys[0]);
  });

  it("keeps the Idempotency-Key when the order is placed again after a network error", async () => {
    const { alert, keys } = await placeAgainAfter(() => {
      throw new TypeError("Failed to fetch");
    });

    expect(alert).toContain("Your order may have gone through.");
    expect(alert).toContain("Check your connection, then place it again without changing anything");
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
  });

  it("keeps the Idempotency-Key when the order is still being placed (409)", async () => {
    const stillPlacing = { title: "Idempotency-Key conflict", status: 409, detail: "still being placed" };
    const { alert, keys } = await placeAgainAfter(() => json(409, stillPlacing));

    expect(alert).toContain("Your order is still being placed");
    expect(alert).toContain("In a moment, place it again without changing anything");
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
  });

  it("uses a new Idempotency-Key once the order is changed", async () => {
    const user = userEvent.setup();
    const fetchMock = setUp([
      () => json(503, { title: "Service unavailable", status: 503 }),
      () => json(202, ACCEPTED),
    ]);
    await fillValidForm(user);

    await user.click(placeOrder());
    await screen.findByRole("alert");
    await user.click(screen.getByRole("button", { name: "One more Tiramisu" }));
    await user.click(placeOrder());
    await screen.findByRole("heading", { name: "Your order from Amore Mio" });

    const [first, second] = orderCalls(fetchMock).map(([, init]) => new Headers(init?.headers).get("Idempotency-Key"));
    expect(second).not.toBe(first);
  });

  it("never writes the card to storage, the URL or the console", async () => {
    const user = userEvent.setup();
    setUp([() => json(202, ACCEPTED)]);
    await fillValidForm(user);
    await user.click(placeOrder());
    await screen.findByRole("heading", { name: "Your order from Amore Mio" });

    const stored = [sessionStorage, localStorage]
      .flatMap((s) => Object.keys(s).map((k) => `${k}=${s.getItem(k)}`))
      .join("\n");
    expect(stored).not.toMatch(/4242|\d{2}\/\d{2}/);
    expect(location()).not.toMatch(/4242/);
    expect(console.log).not.toHaveBeenCalled();
    expect(console.error).not.toHaveBeenCalled();
  });

  it("sends a person with an empty cart back to the search", async () => {
    mockFetch(() => json(200, []));
    renderApp("/checkout");
    expect(screen.getByText("Your cart is empty.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Find a restaurant" })).toHaveAttribute("href", "/");
  });
});
