import { Link, useParams } from "react-router";
import { formatMoney, fromCents, toCents } from "../../lib/money";
import { useLoad } from "../../lib/use-load";
import { getSiteConfig } from "./api/get-site-config";
import type { OrderView } from "./api/get-order";
import { reasonText, STATUS_LABELS, statusDescription } from "./status";
import { StatusTimeline } from "./status-timeline";
import { useOrderStatus, type Connection } from "./use-order-status";

/** `/orders/:orderId`: what was ordered and its status, live. */
export function OrderPage() {
  const { orderId = "" } = useParams();
  const { order, problem, connection } = useOrderStatus(orderId);
  const config = useLoad("site-config", (signal) => getSiteConfig(signal));
  const inboxUrl = config.state === "done" ? config.data.inboxUrl : "";

  return (
    <div className="page order-page">
      <div aria-live="polite" className="visually-hidden" data-testid="status-announcer">
        {order ? `Order status: ${STATUS_LABELS[order.status]}. ${statusDescription(order.status)}` : ""}
      </div>
      {problem?.status === 404 && !order ? (
        <>
          <h1>Order not found</h1>
          <p className="alert" role="alert">
            There is no order with this number.
          </p>
          <Link to="/">Find a restaurant</Link>
        </>
      ) : order ? (
        <OrderDetails order={order} connection={connection} inboxUrl={inboxUrl} />
      ) : (
        <p role="status">Loading your order…</p>
      )}
    </div>
  );
}

function OrderDetails({ order, connection, inboxUrl }: { order: OrderView; connection: Connection; inboxUrl: string }) {
  const money = (value: string) => formatMoney(value, order.total.currency);
  const reason = reasonText(order.status, order.reason);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/">← All restaurants</Link>
      </p>
      <h1>Your order from {order.restaurant.name}</h1>
      <p className="muted order-id">
        Order {order.orderId} ·{" "}
        <Link to={`/flow?order=${encodeURIComponent(order.orderId)}`}>See its trail through the system</Link>
      </p>
      <section className={`card status-card status-${order.status.toLowerCase()}`} aria-labelledby="status-heading">
        <div className="status-head">
          <h2 id="status-heading">
            Status: <span className="status-badge">{STATUS_LABELS[order.status]}</span>
          </h2>
          <ConnectionNote connection={connection} />
        </div>
        <p>{statusDescription(order.status)}</p>
        {reason && (
          <p className="status-reason">
            <strong>Reason:</strong> {reason}
          </p>
        )}
        <StatusTimeline order={order} />
        {inboxUrl && (
          <p>
            <a className="button" href={inboxUrl} target="_blank" rel="noreferrer">
              Open the mail inbox
            </a>
          </p>
        )}
      </section>
      <div className="order-grid">
        <section className="card" aria-labelledby="items-heading">
          <h2 id="items-heading">Items</h2>
          <table className="items-table">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col" className="num">
                  Price
                </th>
              </tr>
            </thead>
            <tbody>
              {order.items.map((item) => (
                <tr key={item.menuItemId}>
                  <td>{item.name}</td>
                  <td className="num">{item.quantity}</td>
                  <td className="num">{money(fromCents(toCents(item.unitPrice) * item.quantity))}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Total
                </th>
                <td className="num total">{money(order.total.value)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
        <section className="card" aria-labelledby="payment-heading">
          <h2 id="payment-heading">Payment and delivery</h2>
          <dl className="facts">
            <div>
              <dt>Card</dt>
              <dd>
                {brandName(order.card.brand)} ending in {order.card.last4}
              </dd>
            </div>
            <div>
              <dt>{order.fulfilment?.type === "delivery" ? "Delivery to" : "Fulfilment"}</dt>
              <dd>{order.fulfilment?.type === "delivery" ? order.fulfilment.address : "Pickup at the restaurant"}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd>{order.notified ? "Mail sent" : "Not sent yet"}</dd>
            </div>
          </dl>
          <Link to={`/restaurants/${encodeURIComponent(order.restaurant.id)}`}>
            Order again from {order.restaurant.name}
          </Link>
        </section>
      </div>
    </>
  );
}

function ConnectionNote({ connection }: { connection: Connection }) {
  const text: Record<Connection, string> = {
    connecting: "Connecting…",
    live: "Live",
    polling: "Checking every 2 s",
    closed: "Final",
  };
  return <span className={`connection connection-${connection}`}>{text[connection]}</span>;
}

function brandName(brand: string): string {
  const names: Record<string, string> = {
    visa: "Visa",
    mastercard: "Mastercard",
    amex: "American Express",
    discover: "Discover",
  };
  return names[brand] ?? "Card";
}
