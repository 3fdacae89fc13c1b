import { useState, type FormEvent } from "react";
import { ApiProblem } from "../../lib/api-client";
import { TextField } from "../../components/text-field";
import type { TestOrders, TestRun } from "./api/get-flow";
import { startTestOrders } from "./api/start-test-orders";
import { stopTestOrders } from "./api/stop-test-orders";
import { formatRate } from "./format";
import {
  checkTestOrders,
  mapTestOrderErrors,
  MIN_RATE,
  type TestOrderErrors,
  type TestOrderField,
  type TestOrderForm,
} from "./test-order-form";

const FIELD_IDS: Record<TestOrderField, string> = {
  count: "test-orders-count",
  ratePerSecond: "test-orders-rate",
  declineShare: "test-orders-declined",
};

interface Props {
  testOrders: TestOrders;
  /** Asks for a fresh snapshot: the run's progress comes from the polled GET /api/flow. */
  onChanged: () => void;
  onPickOrder: (orderId: string) => void;
}

/**
 * Sends a bounded run of test orders (at most `maxCount`, at most `maxRatePerSecond`, a share of them with a
 * declining test card) so the flow moves without a terminal; shows the run's progress and stops it. The server
 * makes the orders: the page never sees a card number, an email or an address.
 */
export function TestOrdersPanel({ testOrders, onChanged, onPickOrder }: Props) {
  const [form, setForm] = useState<TestOrderForm>({
    count: String(Math.min(60, testOrders.maxCount)),
    ratePerSecond: String(Math.min(10, testOrders.maxRatePerSecond)),
    declinePercent: "20",
  });
  const [errors, setErrors] = useState<TestOrderErrors>({});
  const [alert, setAlert] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState<TestRun | null>(null);
  const [snapshot, setSnapshot] = useState(testOrders);

  // Every snapshot polled after a start knows the run: the 202's copy only bridges the gap until then.
  if (snapshot !== testOrders) {
    setSnapshot(testOrders);
    setStarted(null);
  }

  if (!testOrders.enabled) {
    return (
      <p className="note">Test orders are off on this deployment (production mode): the flow shows real orders only.</p>
    );
  }

  const run = testOrders.run ?? started;
  const running = run?.state === "running";

  const update = (changes: Partial<TestOrderForm>, field: TestOrderField) => {
    setForm((f) => ({ ...f, ...changes }));
    setErrors(({ [field]: _cleared, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setAlert(null);
    const checked = checkTestOrders(form, testOrders);
    if ("errors" in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      setStarted(await startTestOrders(checked.request));
      onChanged();
    } catch (error) {
      showFailure(error instanceof ApiProblem ? error : new ApiProblem(0, {}));
    } finally {
      setBusy(false);
    }
  };

  const showFailure = (problem: ApiProblem) => {
    if (problem.status === 400 && problem.errors.length > 0) {
      const mapped = mapTestOrderErrors(problem.errors);
      setErrors(mapped.fields);
      setAlert(mapped.other.length > 0 ? mapped.other : null);
    } else if (problem.status === 409) {
      setAlert(["A run of test orders is already in progress: stop it or wait for it to finish."]);
      onChanged();
    } else if (problem.status === 404) {
      setAlert(["This server does not take test orders."]);
    } else {
      setAlert([`The test orders were not started (${problem.title}).`]);
    }
  };

  const stop = async () => {
    setBusy(true);
    try {
      await stopTestOrders();
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : new ApiProblem(0, {});
      setAlert([`The run could not be stopped (${problem.title}).`]);
    } finally {
      setBusy(false);
      onChanged();
    }
  };

  return (
    <>
      {alert && (
        <div className="alert" role="alert">
          {alert.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <form className="test-orders-form" noValidate onSubmit={submit} aria-label="Send test orders">
        <TextField
          id={FIELD_IDS.count}
          label={`Orders (1 to ${testOrders.maxCount})`}
          error={errors.count}
          type="number"
          inputMode="numeric"
          min={1}
          max={testOrders.maxCount}
          step={1}
          value={form.count}
          onChange={(e) => update({ count: e.target.value }, "count")}
        />
        <TextField
          id={FIELD_IDS.ratePerSecond}
          label={`Orders per second (${MIN_RATE} to ${testOrders.maxRatePerSecond})`}
          error={errors.ratePerSecond}
          type="number"
          inputMode="decimal"
          min={MIN_RATE}
          max={testOrders.maxRatePerSecond}
          step="any"
          value={form.ratePerSecond}
          onChange={(e) => update({ ratePerSecond: e.target.value }, "ratePerSecond")}
        />
        <TextField
          id={FIELD_IDS.declineShare}
          label="Declined cards (%)"
          error={errors.declineShare}
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          step={5}
          value={form.declinePercent}
          onChange={(e) => update({ declinePercent: e.target.value }, "declineShare")}
        />
        <button type="submit" className="button primary" disabled={busy || running}>
          Send test orders
        </button>
      </form>
      {run && <RunProgress run={run} busy={busy} onStop={() => void stop()} onPickOrder={onPickOrder} />}
    </>
  );
}

const STATE_TEXT: Record<TestRun["state"], string> = { running: "Running", done: "Done", stopped: "Stopped" };

function RunProgress({
  run,
  busy,
  onStop,
  onPickOrder,
}: {
  run: TestRun;
  busy: boolean;
  onStop: () => void;
  onPickOrder: (id: string) => void;
}) {
  return (
    <section className="test-run" aria-labelledby="test-run-heading">
      <h3 id="test-run-heading">
        Test run: <span className={`run-state run-${run.state}`}>{STATE_TEXT[run.state]}</span>
      </h3>
      <label className="run-progress">
        Sent {run.sent} of {run.requested}
        <progress max={run.requested} value={run.sent} />
      </label>
      <dl className="facts run-facts">
        <div>
          <dt>Accepted</dt>
          <dd>{run.accepted}</dd>
        </div>
        <div>
          <dt>Refused</dt>
          <dd>{run.refused}</dd>
        </div>
        <div>
          <dt>Rate</dt>
          <dd>{formatRate(run.ratePerSecond)}</dd>
        </div>
        <div>
          <dt>Declined cards</dt>
          <dd>{Math.round(run.declineShare * 100)} %</dd>
        </div>
      </dl>
      {run.state === "running" && (
        <button type="button" className="button" onClick={onStop} disabled={busy}>
          Stop
        </button>
      )}
      {run.lastOrderIds.length > 0 && (
        <>
          <h4 id="run-orders-heading">Latest orders of the run</h4>
          <ul className="run-orders" aria-labelledby="run-orders-heading">
            {run.lastOrderIds.map((id) => (
              <li key={id}>
                <button type="button" className="link-button mono" onClick={() => onPickOrder(id)}>
                  {id}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
