import { useEffect, useState } from "react";
import { ApiProblem } from "../../lib/api-client";
import { getOrder, type OrderView } from "./api/get-order";
import { openOrderEvents, parseStatusEvent, STATUS_EVENT } from "./api/order-events";
import { isTerminal } from "./status";

export const POLL_INTERVAL_MS = 2000;
/**
 * An order just accepted reaches the status view a moment after the 202 (it travels through the order_status
 * topic), so a first 404 is retried this many times before the page says the order does not exist. A 404 after the
 * page has shown a status is never final: it comes from an api replica whose view is behind (one just started, or
 * one that lags), so the page keeps the status it has and goes on polling.
 */
export const NOT_FOUND_RETRIES = 5;

/** live: the event stream; polling: the stream broke, GET every 2 s; closed: terminal state or no such order. */
export type Connection = "connecting" | "live" | "polling" | "closed";

export interface OrderStatusState {
  order?: OrderView;
  /** Set when the order does not exist (404). */
  problem?: ApiProblem;
  connection: Connection;
}

/**
 * Follows an order: the server-sent events stream first; if it errors before a terminal state, the stream is
 * closed and `GET /api/orders/{id}` is polled every 2 s until the order reaches a terminal state.
 */
export function useOrderStatus(orderId: string): OrderStatusState {
  const [state, setState] = useState<OrderStatusState>({ connection: "connecting" });
  const [following, setFollowing] = useState(orderId);

  // Another order starts connecting from its first render: the previous order's status is never shown for it.
  if (following !== orderId) {
    setFollowing(orderId);
    setState({ connection: "connecting" });
  }

  useEffect(() => {
    let stopped = false;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let request: AbortController | null = null;
    let last: OrderView | undefined;
    let notFound = 0;

    const show = (order: OrderView, connection: Connection) => {
      last = order;
      setState({ order, connection: isTerminal(order.status) ? "closed" : connection });
    };

    const poll = async () => {
      request = new AbortController();
      try {
        const order = await getOrder(orderId, request.signal);
        if (stopped) return;
        show(order, "polling");
        if (isTerminal(order.status)) return;
      } catch (error) {
        if (stopped) return;
        if (error instanceof ApiProblem && error.status === 404 && !last) {
          notFound += 1;
          if (notFound > NOT_FOUND_RETRIES) {
            setState({ problem: error, connection: "closed" });
            return;
          }
        }
      }
      timer = setTimeout(() => void poll(), POLL_INTERVAL_MS);
    };

    const fallBackToPolling = () => {
      source?.close();
      source = null;
      setState((s) => ({ ...s, connection: "polling" }));
      void poll();
    };

    if (typeof EventSource === "undefined") {
      fallBackToPolling();
    } else {
      const events = openOrderEvents(orderId);
      source = events;
      events.addEventListener(STATUS_EVENT, (event) => {
        const order = parseStatusEvent(event as MessageEvent<string>);
        if (!order || stopped) return;
        if (isTerminal(order.status)) {
          events.close();
          source = null;
        }
        show(order, "live");
      });
      events.addEventListener("error", () => {
        if (stopped || source !== events) return;
        if (last && isTerminal(last.status)) {
          events.close();
          return;
        }
        fallBackToPolling();
      });
    }

    return () => {
      stopped = true;
      source?.close();
      clearTimeout(timer);
      request?.abort();
    };
  }, [orderId]);

  return state;
}
