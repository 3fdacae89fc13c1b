import { useSearchParams } from "react-router";
import { FlowDiagram } from "./flow-diagram";
import { FlowTables } from "./flow-tables";
import { formatTime } from "./format";
import { OrderTrailPanel } from "./order-trail-panel";
import { RateChart } from "./rate-chart";
import { TestOrdersPanel } from "./test-orders-panel";
import { useFlow } from "./use-flow";

/**
 * `/flow`: the order flow as deployed (routes and topics, each flow's rate, each stage's lag and errors), orders/s
 * per stage over the last minutes, an order's trail (`?order=<id>`) and a control that sends test orders. Live: it
 * polls every 2 s while visible. It shows no email, address or card data: the API has none to give.
 */
export function FlowPage() {
  const { flow, stale, problem, refresh } = useFlow();
  const [params, setParams] = useSearchParams();
  const orderId = params.get("order") ?? "";
  const showOrder = (id: string) => setParams(id === "" ? {} : { order: id });

  return (
    <div className="page flow-page">
      <div className="flow-head">
        <h1>Order flow</h1>
        {flow && (
          <span className={`connection ${stale ? "connection-stale" : "connection-live"}`} role="status">
            {stale ? "Stale" : "Live"} · sampled {formatTime(flow.at)}
          </span>
        )}
      </div>
      <p className="muted">
        The routes and topics as they run now, sampled every {flow?.intervalSeconds ?? 2} s: each flow with its rate,
        each stage with its consumer lag and its dead-lettered records.
      </p>
      {problem && (
        <p className="alert" role="alert">
          {flow ? "The flow could not be refreshed" : "The flow could not be loaded"} ({problem.title}); trying again
          every 2 s.
        </p>
      )}
      {!flow && !problem && <p role="status">Loading the flow…</p>}
      {flow && (
        <>
          <section className="card" aria-labelledby="topology-heading">
            <h2 id="topology-heading">Topology</h2>
            <FlowDiagram flow={flow} />
            <FlowTables flow={flow} />
          </section>
          <section className="card" aria-labelledby="rates-heading">
            <h2 id="rates-heading">Orders per second</h2>
            <RateChart series={flow.series} intervalSeconds={flow.intervalSeconds} />
          </section>
        </>
      )}
      <div className="flow-grid">
        {flow && (
          <section className="card" aria-labelledby="test-orders-heading">
            <h2 id="test-orders-heading">Send test orders</h2>
            <TestOrdersPanel testOrders={flow.testOrders} onChanged={refresh} onPickOrder={showOrder} />
          </section>
        )}
        <section className="card" aria-labelledby="trail-panel-heading">
          <h2 id="trail-panel-heading">Order trail</h2>
          <OrderTrailPanel orderId={orderId} onOrderId={showOrder} />
        </section>
      </div>
    </div>
  );
}
