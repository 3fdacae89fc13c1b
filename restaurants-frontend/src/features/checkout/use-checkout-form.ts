import { useRef, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { ApiProblem } from "../../lib/api-client";
import { randomUuid } from "../../lib/uuid";
import { linesProblem, priceCart, quantityProblem, useCart, type Cart } from "../cart";
import type { Restaurant } from "../restaurant";
import { placeOrder, type OrderRequest } from "./api/place-order";
import { CART_NEEDS_CHANGE, failureSummary, NOT_ACCEPTED, type Summary } from "./failure-copy";
import { mapServerErrors } from "./server-errors";
import { validateCheckout, type CheckoutField, type CheckoutForm, type FieldErrors } from "./validation";

/** The id of each field's input, in the order the form shows them (the first one with a problem gets the focus). */
export const FIELD_IDS: Record<CheckoutField, string> = {
  email: "checkout-email",
  "card.number": "checkout-card-number",
  "card.expiry": "checkout-card-expiry",
  "fulfilment.type": "checkout-fulfilment-pickup",
  "fulfilment.address": "checkout-address",
};
const FIELD_ORDER = Object.keys(FIELD_IDS) as CheckoutField[];

/**
 * The checkout's state and actions: the form, its errors (the client's rules first, then the server's field errors
 * next to their fields and cart lines), the alert above it, and placing the order with one Idempotency-Key per
 * attempt, which goes to the order's status page once it is accepted.
 */
export function useCheckoutForm(restaurant: Restaurant) {
  const { cart, setQuantity, remove, clear } = useCart();
  const navigate = useNavigate();
  const [form, setForm] = useState<CheckoutForm>({
    email: "",
    cardNumber: "",
    expiry: "",
    fulfilment: restaurant.delivery ? "delivery" : "pickup",
    address: "",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<Summary | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // One key per checkout attempt: kept while the same order is retried, dropped as soon as anything changes.
  const idempotencyKey = useRef<string | null>(null);

  const update = (changes: Partial<CheckoutForm>, field?: CheckoutField) => {
    idempotencyKey.current = null;
    setForm((f) => ({ ...f, ...changes }));
    if (field && errors[field]) {
      setErrors(({ [field]: _cleared, ...rest }) => rest);
    }
  };

  const onQuantity = (menuItemId: string, quantity: number) => {
    idempotencyKey.current = null;
    setLineErrors(({ [menuItemId]: _cleared, ...rest }) => rest);
    setQuantity(menuItemId, quantity);
  };

  const onRemove = (menuItemId: string) => {
    idempotencyKey.current = null;
    setLineErrors({});
    remove(menuItemId);
  };

  const showFailure = (error: unknown) => {
    const problem = error instanceof ApiProblem ? error : new ApiProblem(0, {});
    if (problem.status === 400 && problem.errors.length > 0) {
      const mapped = mapServerErrors(problem.errors, cart);
      setErrors(mapped.fields);
      setLineErrors(mapped.lines);
      setSummary(mapped.other.length > 0 ? { title: NOT_ACCEPTED, items: mapped.other } : null);
      focusFirstProblem(mapped.fields, Object.keys(mapped.lines)[0]);
      return;
    }
    setSummary(failureSummary(problem));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) {
      return;
    }
    const fieldErrors = validateCheckout(form, restaurant.delivery);
    const badLine = cart.lines.find((l) => quantityProblem(l.quantity));
    const cartProblem = linesProblem(cart);
    setLineErrors({});
    setErrors(fieldErrors);
    setSummary(cartProblem ? { title: CART_NEEDS_CHANGE, items: [cartProblem] } : null);
    if (Object.keys(fieldErrors).length > 0 || badLine || cartProblem) {
      focusFirstProblem(fieldErrors, badLine?.menuItemId);
      return;
    }

    idempotencyKey.current ??= randomUuid();
    setSubmitting(true);
    try {
      const accepted = await placeOrder(orderRequest(cart, form), idempotencyKey.current);
      clear();
      navigate(`/orders/${encodeURIComponent(accepted.orderId)}`);
    } catch (error) {
      setSubmitting(false);
      showFailure(error);
    }
  };

  return {
    form,
    errors,
    lineErrors,
    summary,
    submitting,
    priced: priceCart(cart, restaurant),
    update,
    onQuantity,
    onRemove,
    submit,
  };
}

/** The body of `POST /api/orders`: ids and quantities of the cart, the trimmed form, an address for delivery only. */
export function orderRequest(cart: Cart, form: CheckoutForm): OrderRequest {
  return {
    restaurantId: cart.restaurantId,
    items: cart.lines.map(({ menuItemId, quantity }) => ({ menuItemId, quantity })),
    email: form.email.trim(),
    card: { number: form.cardNumber, expiry: form.expiry.trim() },
    fulfilment:
      form.fulfilment === "delivery" ? { type: "delivery", address: form.address.trim() } : { type: "pickup" },
  };
}

function focusFirstProblem(errors: FieldErrors, badLineItemId: string | undefined) {
  const field = FIELD_ORDER.find((f) => errors[f]);
  const id = badLineItemId !== undefined ? `qty-${badLineItemId}` : field ? FIELD_IDS[field] : undefined;
  if (id) {
    document.getElementById(id)?.focus();
  }
}
