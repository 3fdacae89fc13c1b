import { useLayoutEffect, useRef, type ChangeEvent } from "react";
import { Link } from "react-router";
import { LoadState } from "../../components/load-state";
import { errorId, FieldError, TextField } from "../../components/text-field";
import { formatMoney } from "../../lib/money";
import { useLoad } from "../../lib/use-load";
import { CartLines, useCart } from "../cart";
import { getRestaurant, type Restaurant } from "../restaurant";
import { formatCardNumber, formatExpiry } from "./card-format";
import { FIELD_IDS, useCheckoutForm } from "./use-checkout-form";

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

function CheckoutForm({ restaurant }: { restaurant: Restaurant }) {
  const checkout = useCheckoutForm(restaurant);
  const { form, errors, update } = checkout;
  const cardInput = useRef<HTMLInputElement>(null);
  const cardCaret = useRef<number | null>(null);

  // The card number is spaced as it is typed: the caret stays after the digit it was after.
  useLayoutEffect(() => {
    const input = cardInput.current;
    if (input && cardCaret.current !== null && document.activeElement === input) {
      input.setSelectionRange(cardCaret.current, cardCaret.current);
    }
    cardCaret.current = null;
  }, [form.cardNumber]);

  const onCardNumber = (event: ChangeEvent<HTMLInputElement>) => {
    const { value, selectionStart } = event.target;
    const formatted = formatCardNumber(value, selectionStart ?? value.length);
    cardCaret.current = formatted.caret;
    update({ cardNumber: formatted.value }, "card.number");
  };

  return (
    <div className="page checkout-page">
      <h1>Checkout</h1>
      <p className="muted">
        Ordering from <Link to={`/restaurants/${encodeURIComponent(restaurant.id)}`}>{restaurant.name}</Link>
      </p>
      {checkout.summary && (
        <div className="alert" role="alert">
          <p className="alert-title">{checkout.summary.title}</p>
          {checkout.summary.items.length > 0 && (
            <ul>
              {checkout.summary.items.map((item) => (
                <li key={item}>{item}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="checkout-grid">
        <section aria-labelledby="summary-heading" className="card">
          <h2 id="summary-heading">Your order</h2>
          <CartLines
            priced={checkout.priced}
            onQuantity={checkout.onQuantity}
            onRemove={checkout.onRemove}
            lineErrors={checkout.lineErrors}
          />
        </section>
        <form className="card checkout-form" noValidate onSubmit={checkout.submit} aria-labelledby="details-heading">
          <h2 id="details-heading">Your details</h2>
          <TextField
            id={FIELD_IDS.email}
            label="Email"
            hint="We send the confirmation here."
            error={errors.email}
            type="email"
            autoComplete="email"
            value={form.email}
            onChange={(e) => update({ email: e.target.value }, "email")}
          />
          <TextField
            id={FIELD_IDS["card.number"]}
            label="Card number"
            error={errors["card.number"]}
            ref={cardInput}
            type="text"
            inputMode="numeric"
            autoComplete="cc-number"
            placeholder="1234 5678 9012 3456"
            maxLength={23}
            value={form.cardNumber}
            onChange={onCardNumber}
          />
          <TextField
            id={FIELD_IDS["card.expiry"]}
            label="Expiry (MM/YY)"
            error={errors["card.expiry"]}
            short
            type="text"
            inputMode="numeric"
            autoComplete="cc-exp"
            placeholder="MM/YY"
            maxLength={5}
            value={form.expiry}
            onChange={(e) => update({ expiry: formatExpiry(e.target.value, form.expiry) }, "card.expiry")}
          />
          <fieldset
            className="field radios"
            aria-invalid={errors["fulfilment.type"] ? true : undefined}
            aria-describedby={
              [
                !restaurant.delivery ? "checkout-no-delivery" : "",
                errors["fulfilment.type"] ? errorId(FIELD_IDS["fulfilment.type"]) : "",
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
            <FieldError fieldId={FIELD_IDS["fulfilment.type"]} error={errors["fulfilment.type"]} />
          </fieldset>
          {form.fulfilment === "delivery" && (
            <TextField
              id={FIELD_IDS["fulfilment.address"]}
              label="Delivery address"
              error={errors["fulfilment.address"]}
              type="text"
              autoComplete="street-address"
              maxLength={200}
              value={form.address}
              onChange={(e) => update({ address: e.target.value }, "fulfilment.address")}
            />
          )}
          <button type="submit" className="button primary block" disabled={checkout.submitting}>
            {checkout.submitting
              ? "Placing your order…"
              : `Place order · ${formatMoney(checkout.priced.total, checkout.priced.currency)}`}
          </button>
        </form>
      </div>
    </div>
  );
}
