import { useEffect, useState } from "react";
import { ApiProblem } from "../../lib/api-client";
import { getOrderTrail, type OrderTrail } from "./api/get-order-trail";
import { FLOW_POLL_MS } from "./use-flow";

const TERMINAL = new Set(["CONFIRMED", "DECLINED", "FAILED"]);
/**
 * An order just sent reaches the api's view of order_status a moment after its 202, so a 404 is asked again this
 * many times (every 2 s) while the page already says there is no such order.
 */
export const TRAIL_NOT_FOUND_RETRIES = 3;

export interface OrderTrailState {
  trail?: OrderTrail;
  /** The last answer's failure: a 404 means no such order. */
  problem?: ApiProblem;
  loading: boolean;
}

/** Follows `GET /api/flow/orders/{id}` every 2 s until the order reaches a terminal status; nothing for "". */
export function useOrderTrail(orderId: string): OrderTrailState {
  const [state, setState] = useState<OrderTrailState & { orderId: string }>({ orderId, loading: orderId !== "" });

  // Another order starts from nothing on its first render: the previous order's trail is never shown for it.
  if (state.orderId !== orderId) {
    setState({ orderId, loading: orderId !== "" });
  }

  useEffect(() => {
    if (orderId === "") return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    let notFound = 0;

    const poll = async () => {
      let again = true;
      try {
        const trail = await getOrderTrail(orderId, controller.signal);
        if (stopped) return;
        setState({ orderId, trail, loading: false });
        again = !TERMINAL.has(trail.status);
      } catch (error) {
        if (stopped) return;
        const problem = error instanceof ApiProblem ? error : new ApiProblem(0, { title: "Unexpected error" });
        setState((s) => ({ orderId, trail: problem.status === 404 ? undefined : s.trail, problem, loading: false }));
        if (problem.status === 404) {
          notFound += 1;
          again = notFound <= TRAIL_NOT_FOUND_RETRIES;
        }
      }
      if (again) {
        timer = setTimeout(() => void poll(), FLOW_POLL_MS);
      }
    };

    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
      controller.abort();
    };
  }, [orderId]);

  const { orderId: shown, ...rest } = state;
  return shown === orderId ? rest : { loading: orderId !== "" };
}
