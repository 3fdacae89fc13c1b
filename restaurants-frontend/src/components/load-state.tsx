import type { ReactNode } from "react";
import type { ApiProblem } from "../lib/api-client";
import type { Load } from "../lib/use-load";

/** A page's "loading" line, announced to screen readers as a status. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <p className="page" role="status">
      {children}
    </p>
  );
}

/** What a page says when what it shows could not be loaded. */
export interface Failure {
  heading: string;
  /** The alert under the heading. */
  message: string;
  /** After the alert, e.g. a way back. */
  next?: ReactNode;
}

interface Props<T> {
  load: Load<T>;
  /** Said while loading, e.g. "Loading the menu…". */
  loading: string;
  failure: (problem: ApiProblem) => Failure;
  /** The failure page in the narrow column (a form's page). */
  narrow?: boolean;
  children: (data: T) => ReactNode;
}

/** The three states of a page that loads one thing ({@link useLoad}): loading, failed (heading + alert), loaded. */
export function LoadState<T>({ load, loading, failure, narrow = false, children }: Props<T>) {
  if (load.state === "loading") {
    return <Loading>{loading}</Loading>;
  }
  if (load.state === "failed") {
    const { heading, message, next } = failure(load.problem);
    return (
      <div className={narrow ? "page narrow" : "page"}>
        <h1>{heading}</h1>
        <p role="alert" className="alert">
          {message}
        </p>
        {next}
      </div>
    );
  }
  return children(load.data);
}
