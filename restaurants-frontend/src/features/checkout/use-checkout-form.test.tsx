import { act, renderHook } from "@testing-library/react";
import type { FormEvent, ReactNode } from "react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { APPROVING_CARD_TYPED, amoreMio } from "../../test/fixtures";
import { json, mockFetch } from "../../test/http";
import { CART_KEY, CartProvider } from "../cart";
import { orderRequest, useCheckoutForm } from "./use-checkout-form";

const FUTURE = `12/${String((new Date().getFullYear() + 4) % 100).padStart(2, "0")}`;
const submitEvent = { preventDefault: () => {} } as FormEvent;

function wrapper({ children }: { children: ReactNode }) {
  return (
    <MemoryRouter initialEntries={["/checkout"]}>
      <CartProvider>{children}</CartProvider>
    </MemoryRouter>
  );
}

function renderCheckout() {
  sessionStorage.setItem(
    CART_KEY,
    JSON.stringify({ restaurantId: "amore-mio", lines: [{ menuItemId: "margherita", quantity: 2 }] }),
  );
  return renderHook(() => useCheckoutForm(amoreMio()), { wrapper });
}

describe("the checkout form's hook", () => {
  it("sends nothing while the form breaks the server's rules, and says which fields", async () => {
    const fetchMock = mockFetch(() => json(202, {}));
    const { result } = renderCheckout();

    await act(() => result.current.submit(submitEvent));

    expect(fetchMock).not.toHaveBeenCalled();
    expect(Object.keys(result.current.errors).sort()).toEqual([
      "card.expiry",
      "card.number",
      "email",
      "fulfilment.address",
    ]);
    expect(result.current.submitting).toBe(false);
  });

  it("places the order once while it is being placed, however often the form is sent", async () => {
    let answer: (response: Response) => void = () => {};
    const fetchMock = mockFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const { result } = renderCheckout();
    act(() => {
      result.current.update({ email: "dana@example.com", cardNumber: APPROVING_CARD_TYPED, expiry: FUTURE });
      result.current.update({ address: "12 Harbour St" });
    });

    act(() => void result.current.submit(submitEvent));
    expect(result.current.submitting).toBe(true);
    await act(() => result.current.submit(submitEvent));
    expect(fetchMock).toHaveBeenCalledTimes(1);

    await act(async () => answer(json(503, { title: "Service Unavailable" }, { "Retry-After": "3" })));
    expect(result.current.submitting).toBe(false);
    expect(result.current.summary?.title).toBe("We could not confirm your order");
  });

  it("builds the order from the cart's ids and quantities and the trimmed form; an address for delivery only", () => {
    const cart = { restaurantId: "amore-mio", lines: [{ menuItemId: "margherita", quantity: 2 }] };
    const form = {
      email: " dana@example.com ",
      cardNumber: APPROVING_CARD_TYPED,
      expiry: " 12/30 ",
      fulfilment: "delivery" as const,
      address: " 12 Harbour St ",
    };
    expect(orderRequest(cart, form)).toEqual({
      restaurantId: "amore-mio",
      items: [{ menuItemId: "margherita", quantity: 2 }],
      email: "dana@example.com",
      card: { number: APPROVING_CARD_TYPED, expiry: "12/30" },
      fulfilment: { type: "delivery", address: "12 Harbour St" },
    });
    expect(orderRequest(cart, { ...form, fulfilment: "pickup" }).fulfilment).toEqual({ type: "pickup" });
  });
});
