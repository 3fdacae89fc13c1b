import type { OrderView } from "./api/get-order";
import { STATUS_LABELS, timeline } from "./status";

const timeFormat = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** The order's progress as an ordered list: RECEIVED → PAID → CONFIRMED, or ending on DECLINED / FAILED. */
export function StatusTimeline({ order }: { order: Pick<OrderView, "status" | "history" | "reason"> }) {
  return (
    <ol className="timeline" aria-label="Order progress">
      {timeline(order).map((step) => (
        <li
          key={step.status}
          className={`timeline-step ${step.state}`}
          aria-current={step.state === "current" ? "step" : undefined}
        >
          <span className="timeline-dot" aria-hidden="true" />
          <span className="timeline-text">
            <span className="timeline-label">
              {STATUS_LABELS[step.status]}
              <span className="visually-hidden">{stateWords(step.state)}</span>
            </span>
            {step.at && <time dateTime={step.at}>{formatTime(step.at)}</time>}
            {step.reason && <span className="timeline-reason">{step.reason}</span>}
          </span>
        </li>
      ))}
    </ol>
  );
}

function stateWords(state: string): string {
  switch (state) {
    case "done":
      return " (done)";
    case "current":
      return " (current step)";
    case "pending":
      return " (to come)";
    default:
      return "";
  }
}

function formatTime(at: string): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : timeFormat.format(date);
}
