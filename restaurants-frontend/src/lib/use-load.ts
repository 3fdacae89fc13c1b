import { useEffect, useEffectEvent, useState } from "react";
import { ApiProblem } from "./api-client";

export type Load<T> = { state: "loading" } | { state: "done"; data: T } | { state: "failed"; problem: ApiProblem };

/** Runs `load` whenever `key` changes, aborting the previous call; answers the latest outcome. */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): Load<T> {
  const [result, setResult] = useState<{ key: string; load: Load<T> }>({ key, load: { state: "loading" } });
  // `load` is a fresh closure on each render: `key` alone says when it asks for something else.
  const start = useEffectEvent(load);

  // A new key shows "loading" from its first render on, never the previous key's outcome.
  if (result.key !== key) {
    setResult({ key, load: { state: "loading" } });
  }

  useEffect(() => {
    const controller = new AbortController();
    start(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) {
          setResult({ key, load: { state: "done", data } });
        }
      },
      (error: unknown) => {
        if (controller.signal.aborted) {
          return;
        }
        const problem = error instanceof ApiProblem ? error : new ApiProblem(0, { title: "Unexpected error" });
        setResult({ key, load: { state: "failed", problem } });
      },
    );
    return () => controller.abort();
  }, [key]);

  return result.key === key ? result.load : { state: "loading" };
}
