import { apiUrl } from "../../../lib/api-client";
import type { OrderView } from "./get-order";

/**
 * `GET /api/orders/{id}/events` as an EventSource: events named `status` whose data is the same JSON as
 * `GET /api/orders/{id}`; the first at once, one per change; the server ends the stream after a terminal state.
 */
export function openOrderEvents(orderId: string): EventSource {
  return new EventSource(apiUrl(`/orders/${encodeURIComponent(orderId)}/events`));
}

export const STATUS_EVENT = "status";

export function parseStatusEvent(event: MessageEvent<string>): OrderView | undefined {
  try {
    const view: unknown = JSON.parse(event.data);
    return view !== null && typeof view === "object" && "status" in view ? (view as OrderView) : undefined;
  } catch {
    return undefined;
  }
}
