import { formatMoney } from "../../lib/money";
import { MAX_QUANTITY, quantityProblem, type PricedCart } from "./cart";

interface Props {
  priced: PricedCart;
  onQuantity: (menuItemId: string, quantity: number) => void;
  onRemove: (menuItemId: string) => void;
  /** Errors from the server for a line (`items[i].quantity`, `items[i].menuItemId`), by menu item id. */
  lineErrors?: Record<string, string>;
}

/** The cart's lines with quantity steppers, line totals, subtotal and total. Used by the menu and the checkout. */
export function CartLines({ priced, onQuantity, onRemove, lineErrors = {} }: Props) {
  const money = (value: string) => formatMoney(value, priced.currency);
  return (
    <div className="cart-lines">
      <ul className="cart-list">
        {priced.lines.map((line) => {
          const inputId = `qty-${line.menuItemId}`;
          const errorId = `${inputId}-error`;
          const error = lineErrors[line.menuItemId] ?? quantityProblem(line.quantity);
          return (
            <li key={line.menuItemId} className="cart-line">
              <div className="cart-line-head">
                <span className="cart-line-name">{line.name}</span>
                <span className="cart-line-total" data-testid={`line-total-${line.menuItemId}`}>
                  {money(line.lineTotal)}
                </span>
              </div>
              <div className="cart-line-controls">
                <button
                  type="button"
                  className="stepper"
                  aria-label={`One fewer ${line.name}`}
                  disabled={line.quantity <= 1}
                  onClick={() => onQuantity(line.menuItemId, line.quantity - 1)}
                >
                  −
                </button>
                <label className="visually-hidden" htmlFor={inputId}>
                  Quantity of {line.name}
                </label>
                <input
                  id={inputId}
                  className="qty-input"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={MAX_QUANTITY}
                  value={line.quantity > 0 ? line.quantity : ""}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId : undefined}
                  onChange={(e) => onQuantity(line.menuItemId, e.target.value === "" ? 0 : Number(e.target.value))}
                />
                <button
                  type="button"
                  className="stepper"
                  aria-label={`One more ${line.name}`}
                  disabled={line.quantity >= MAX_QUANTITY}
                  onClick={() => onQuantity(line.menuItemId, line.quantity + 1)}
                >
                  +
                </button>
                <span className="cart-line-unit">× {money(line.unitPrice)}</span>
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove ${line.name}`}
                  onClick={() => onRemove(line.menuItemId)}
                >
                  Remove
                </button>
              </div>
              {error && (
                <p id={errorId} className="field-error">
                  {error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <dl className="cart-totals">
        <div>
          <dt>Subtotal</dt>
          <dd data-testid="subtotal">{money(priced.subtotal)}</dd>
        </div>
        <div className="cart-total">
          <dt>Total</dt>
          <dd data-testid="total">{money(priced.total)}</dd>
        </div>
      </dl>
    </div>
  );
}
