import { useLayoutEffect, useRef, useState, type ChangeEvent, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { LoadState } from "../../components/load-state";
import { ApiProblem } from "../../lib/api-client";
import { fieldErrors } from "../../lib/field-errors";
import { formatMoney } from "../../lib/money";
import { useLoad } from "../../lib/use-load";
import { randomUuid } from "../../lib/uuid";
import { CartLines, linesProblem, priceCart, quantityProblem, useCart, type Cart } from "../cart";
import { getRestaurant, type Restaurant } from "../restaurant";
import { placeOrder, type OrderRequest } from "./api/place-order";
import { formatCardNumber, formatExpiry } from "./card-format";
import { mapServerErrors } from "./server-errors";
import { validateCheckout, type CheckoutField, type CheckoutForm, type FieldErrors } from "./validation";

/** `/checkout`: the cart, contact, card and fulfilment; places the order and goes to its status page. */
export function CheckoutPage() {
  const { cart } = useCart();
  const restaurant = useLoad(cart.restaurantId, (signal) => getRestaurant(cart.restaurantId, signal));

  if (cart.lines.length === 0) {
    return (
      <div className="page narrow">
        <h1>Checkout</h1>
        <p>Your cart is empty.</p>
        <Link to="/">Find a restaurant</Link>
      </div>
    );
  }
  return (
    <LoadState
      load={restaurant}
      loading="Loading your order…"
      narrow
      failure={(problem) => ({
        heading: "Checkout",
        message: `The restaurant of your cart could not be loaded (${problem.title}). Please try again.`,
      })}
    >
      {(data) => <CheckoutForm restaurant={data} />}
    </LoadState>
  );
}

const FIELD_IDS: Record<CheckoutField, string> = {
  email: "checkout-email",
  "card.number": "checkout-card-number",
  "card.expiry": "checkout-card-expiry",
  "fulfilment.type": "checkout-fulfilment-pickup",
  "fulfilment.address": "checkout-address",
};
const FIELD_ORDER = Object.keys(FIELD_IDS) as CheckoutField[];

function CheckoutForm({ restaurant }: { restaurant: Restaurant }) {
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
  const [summary, setSummary] = useState<{ title: string; items: string[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // One key per checkout attempt: kept while the same order is retried, dropped as soon as anything changes.
  const idempotencyKey = useRef<string | null>(null);
  const cardInput = useRef<HTMLInputElement>(null);
  const cardCaret = useRef<number | null>(null);

  useLayoutEffect(() => {
    const input = cardInput.current;
    if (input && cardCaret.current !== null && document.activeElement === input) {
      input.setSelectionRange(cardCaret.current, cardCaret.current);
    }
    cardCaret.current = null;
  }, [form.cardNumber]);

  const priced = priceCart(cart, restaurant);

  const update = (changes: Partial<CheckoutForm>, field?: CheckoutField) => {
    idempotencyKey.current = null;
    setForm((f) => ({ ...f, ...changes }));
    if (field && errors[field]) {
      setErrors(({ [field]: _cleared, ...rest }) => rest);
    }
  };

  const onCardNumber = (event: ChangeEvent<HTMLInputElement>) => {
    const { value, selectionStart } = event.target;
    const formatted = formatCardNumber(value, selectionStart ?? value.length);
    cardCaret.current = formatted.caret;
    update({ cardNumber: formatted.value }, "card.number");
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
    setSummary(cartProblem ? { title: "Your cart needs a change", items: [cartProblem] } : null);
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

  const showFailure = (error: unknown) => {
    const problem = error instanceof ApiProblem ? error : new ApiProblem(0, {});
    if (problem.status === 400 && problem.errors.length > 0) {
      const mapped = mapServerErrors(problem.errors, cart);
      setErrors(mapped.fields);
      setLineErrors(mapped.lines);
      setSummary(mapped.other.length > 0 ? { title: "The order was not accepted", items: mapped.other } : null);
      focusFirstProblem(mapped.fields, Object.keys(mapped.lines)[0]);
      return;
    }
    setSummary({ title: failureTitle(problem), items: failureDetail(problem) });
  };

  const { props: fieldProps, error: fieldError } = fieldErrors(FIELD_IDS, errors);

  return (
    <div className="page checkout-page">
      <h1>Checkout</h1>
      <p className="muted">
        Ordering from <Link to={`/restaurants/${encodeURIComponent(restaurant.id)}`}>{restaurant.name}</Link>
      </p>
      {summary && (
        <div className="alert" role="alert">
          <p className="alert-title">{summary.title}</p>
          {summary.items.length > 0 && (
            <ul>
              {summary.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="checkout-grid">
        <section aria-labelledby="summary-heading" className="card">
          <h2 id="summary-heading">Your order</h2>
          <CartLines priced={priced} onQuantity={onQuantity} onRemove={onRemove} lineErrors={lineErrors} />
        </section>
        <form className="card checkout-form" noValidate onSubmit={submit} aria-labelledby="details-heading">
          <h2 id="details-heading">Your details</h2>
          <div className="field">
            <label htmlFor={FIELD_IDS.email}>Email</label>
            <input
              {...fieldProps("email", "checkout-email-hint")}
              type="email"
              autoComplete="email"
              value={form.email}
              onChange={(e) => update({ email: e.target.value }, "email")}
            />
            <p id="checkout-email-hint" className="hint">
              We send the confirmation here.
            </p>
            {fieldError("email")}
          </div>
          <div className="field">
            <label htmlFor={FIELD_IDS["card.number"]}>Card number</label>
            <input
              {...fieldProps("card.number")}
              ref={cardInput}
              type="text"
              inputMode="numeric"
              autoComplete="cc-number"
              placeholder="1234 5678 9012 3456"
              maxLength={23}
              value={form.cardNumber}
              onChange={onCardNumber}
            />
            {fieldError("card.number")}
          </div>
          <div className="field field-short">
            <label htmlFor={FIELD_IDS["card.expiry"]}>Expiry (MM/YY)</label>
            <input
              {...fieldProps("card.expiry")}
              type="text"
              inputMode="numeric"
              autoComplete="cc-exp"
              placeholder="MM/YY"
              maxLength={5}
              value={form.expiry}
              onChange={(e) => update({ expiry: formatExpiry(e.target.value, form.expiry) }, "card.expiry")}
            />
            {fieldError("card.expiry")}
          </div>
          <fieldset
            className="field radios"
            aria-invalid={errors["fulfilment.type"] ? true : undefined}
            aria-describedby={
              [
                !restaurant.delivery ? "checkout-no-delivery" : "",
                errors["fulfilment.type"] ? "checkout-fulfilment-pickup-error" : "",
              ]
                .filter(Boolean)
                .join(" ") || undefined
            }
          >
            <legend>How do you get it?</legend>
            <label className="check">
              <input
                id={FIELD_IDS["fulfilment.type"]}
                type="radio"
                name="fulfilment"
                value="pickup"
                checked={form.fulfilment === "pickup"}
                onChange={() => update({ fulfilment: "pickup" }, "fulfilment.type")}
              />
              Pickup at the restaurant
            </label>
            <label className="check">
              <input
                type="radio"
                name="fulfilment"
                value="delivery"
                disabled={!restaurant.delivery}
                checked={form.fulfilment === "delivery"}
                onChange={() => update({ fulfilment: "delivery" }, "fulfilment.type")}
              />
              Delivery
            </label>
            {!restaurant.delivery && (
              <p id="checkout-no-delivery" className="hint">
                {restaurant.name} does not deliver: pickup only.
              </p>
            )}
            {fieldError("fulfilment.type")}
          </fieldset>
          {form.fulfilment === "delivery" && (
            <div className="field">
              <label htmlFor={FIELD_IDS["fulfilment.address"]}>Delivery address</label>
              <input
                {...fieldProps("fulfilment.address")}
                type="text"
                autoComplete="street-address"
                maxLength={200}
                value={form.address}
                onChange={(e) => update({ address: e.target.value }, "fulfilment.address")}
              />
              {fieldError("fulfilment.address")}
            </div>
          )}
          <button type="submit" className="button primary block" disabled={submitting}>
            {submitting ? "Placing your order…" : `Place order · ${formatMoney(priced.total, priced.currency)}`}
          </button>
        </form>
      </div>
    </div>
  );
}

function orderRequest(cart: Cart, form: CheckoutForm): OrderRequest {
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

function failureTitle(problem: ApiProblem): string {
  switch (problem.status) {
    case 0:
      return "We could not reach the restaurant service";
    case 409:
      return "Your order is still being placed";
    case 413:
      return "This order is too large";
    case 429:
      return "Too many orders in a short time";
    case 502:
    case 503:
    case 504:
      return "We could not confirm your order";
    default:
      return "The order was not accepted";
  }
}

// The retry keeps the checkout's Idempotency-Key (it is dropped only when the order changes): the server names it the
// same order, so it is never placed or charged twice. As the key never outlives a change, the only 409 this page can
// get is the server's "still being placed": the first request with the key has not been answered yet.
const PLACE_AGAIN = "place it again without changing anything: it will not be placed or charged twice.";

function failureDetail(problem: ApiProblem): string[] {
  switch (problem.status) {
    case 0:
      return ["Your order may have gone through.", `Check your connection, then ${PLACE_AGAIN}`];
    case 409:
      return [`In a moment, ${PLACE_AGAIN}`];
    case 429:
      return ["Please wait a minute, then place the order again."];
    // 503: Kafka did not confirm the order in time; 502/504 from the proxy: the api went away or took too long. In
    // every case the order may still have reached Kafka.
    case 502:
    case 503:
    case 504:
      return [
        "Your order may have been placed.",
        `${problem.retryAfter !== undefined ? `In ${problem.retryAfter} seconds` : "In a moment"}, ${PLACE_AGAIN}`,
      ];
    default:
      return problem.detail ? [problem.detail] : [];
  }
}
