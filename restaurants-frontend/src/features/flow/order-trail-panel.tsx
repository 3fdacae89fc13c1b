import { useState, type FormEvent } from "react";
import { formatTime } from "./format";
import { useOrderTrail } from "./use-order-trail";

/**
 * An order's trail: enter its id (or come with ?order=<id>, or pick one of a test run's orders) and see each step it
 * took, with the time, the status, the route and topic that recorded it and the trace id. No email, address or card.
 */
export function OrderTrailPanel({ orderId, onOrderId }: { orderId: string; onOrderId: (id: string) => void }) {
  const [typed, setTyped] = useState(orderId);
  const [shown, setShown] = useState(orderId);
  const { trail, problem, loading } = useOrderTrail(orderId);

  // An order chosen elsewhere (a test run's order, the URL) replaces what was typed.
  if (shown !== orderId) {
    setShown(orderId);
    setTyped(orderId);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onOrderId(typed.trim());
  };

  return (
    <>
      <form className="trail-form" onSubmit={submit} role="search" aria-label="Order trail">
        <div className="field">
          <label htmlFor="trail-order-id">Order id</label>
          <input
            id="trail-order-id"
            type="text"
            spellCheck={false}
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={typed.trim() === ""}>
          Show trail
        </button>
      </form>
      {orderId !== "" && loading && <p role="status">Looking for order {orderId}…</p>}
      {problem?.status === 404 && !trail && (
        <p className="alert" role="alert">
          There is no order {orderId}. Check the id; an order placed a moment ago shows up within seconds.
        </p>
      )}
      {problem && problem.status !== 404 && (
        <p className="alert" role="alert">
          The trail could not be loaded ({problem.title}); trying again.
        </p>
      )}
      {trail && (
        <div className="trail" aria-labelledby="trail-heading">
          <h3 id="trail-heading">
            Order <span className="mono">{trail.orderId}</span>: {trail.status}
          </h3>
          <TraceId traceId={trail.traceId} />
          <table className="flow-table trail-table">
            <caption className="visually-hidden">Steps of order {trail.orderId}, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Status</th>
                <th scope="col">Route</th>
                <th scope="col">Topic</th>
                <th scope="col">Trace id</th>
              </tr>
            </thead>
            <tbody>
              {trail.trail.map((step, i) => (
                <tr key={`${step.at}-${step.status}-${i}`}>
                  <td>
                    <time dateTime={step.at}>{formatTime(step.at)}</time>
                  </td>
                  <td>{step.status}</td>
                  <td>{step.route ?? step.node ?? "–"}</td>
                  <td>{step.topic ?? "–"}</td>
                  <td>{step.traceId ? <code className="trace-id">{step.traceId}</code> : "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function TraceId({ traceId }: { traceId: string | null }) {
  const [copied, setCopied] = useState(false);
  if (!traceId) {
    return <p className="muted">No trace id recorded for this order.</p>;
  }
  // The clipboard API exists only in secure contexts (https, localhost); the id can still be selected by hand.
  const clipboard = typeof navigator !== "undefined" ? navigator.clipboard : undefined;
  const copy = () => {
    clipboard?.writeText(traceId).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <p className="trace-line">
      Trace id <code className="trace-id">{traceId}</code>
      {clipboard && (
        <button type="button" className="link-button" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
      )}
    </p>
  );
}
