import { useCallback, useEffect, useRef, useState } from "react";
import { ApiProblem } from "../../lib/api-client";
import { getFlow, type FlowSnapshot } from "./api/get-flow";

export const FLOW_POLL_MS = 2000;
/** A snapshot whose `at` has not moved for this many sampling intervals is stale: the sampler has stopped. */
export const STALE_INTERVALS = 3;

export interface FlowState {
  flow?: FlowSnapshot;
  /** The last poll failed, or the server has answered the same snapshot for too long. */
  stale: boolean;
  /** The last poll's failure, if it failed. */
  problem?: ApiProblem;
  /** Polls at once (after starting or stopping test orders), then every 2 s again. */
  refresh: () => void;
}

/**
 * Polls `GET /api/flow` every 2 s while the page is visible: a hidden tab asks nothing, and asks at once when it is
 * shown again. The polls never overlap (the next is timed from the end of the last). Staleness is judged by the
 * browser's own clock between answers, never by comparing it with the server's, so clock skew cannot fake it.
 */
export function useFlow(): FlowState {
  const [state, setState] = useState<Omit<FlowState, "refresh">>({ stale: false });
  const pollNow = useRef<() => void>(() => undefined);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let request: AbortController | null = null;
    let lastAt: string | undefined;
    let lastAtSince = 0;

    const halt = () => {
      clearTimeout(timer);
      timer = undefined;
      request?.abort();
      request = null;
    };

    const poll = async () => {
      halt();
      const controller = new AbortController();
      request = controller;
      try {
        const flow = await getFlow(controller.signal);
        if (stopped || controller.signal.aborted) return;
        const now = Date.now();
        if (flow.at !== lastAt) {
          lastAt = flow.at;
          lastAtSince = now;
        }
        const stale = now - lastAtSince > STALE_INTERVALS * Math.max(1, flow.intervalSeconds) * 1000;
        setState({ flow, stale });
      } catch (error) {
        if (stopped || controller.signal.aborted) return;
        const problem = error instanceof ApiProblem ? error : new ApiProblem(0, { title: "Unexpected error" });
        setState((s) => ({ ...s, stale: true, problem }));
      }
      request = null;
      if (document.visibilityState !== "hidden") {
        timer = setTimeout(() => void poll(), FLOW_POLL_MS);
      }
    };

    const onVisibility = () => {
      if (document.visibilityState === "hidden") {
        halt();
      } else if (!request && !timer) {
        void poll();
      }
    };

    pollNow.current = () => void poll();
    document.addEventListener("visibilitychange", onVisibility);
    void poll();
    return () => {
      stopped = true;
      halt();
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, []);

  const refresh = useCallback(() => pollNow.current(), []);
  return { ...state, refresh };
}
