import type { ApiProblem } from "../../lib/api-client";

/** The alert above the checkout: a title and its lines. */
export interface Summary {
  title: string;
  items: string[];
}

/** The title when the cart itself must change before the order can be sent. */
export const CART_NEEDS_CHANGE = "Your cart needs a change";
/** The title over the server's field errors that belong to no field of the form. */
export const NOT_ACCEPTED = "The order was not accepted";

// The retry keeps the checkout's Idempotency-Key (it is dropped only when the order changes): the server names it the
// same order, so it is never placed or charged twice. As the key never outlives a change, the only 409 this page can
// get is the server's "still being placed": the first request with the key has not been answered yet.
const PLACE_AGAIN = "place it again without changing anything: it will not be placed or charged twice.";

/** What the checkout says when an order was not accepted for a reason other than its fields (status 0: no answer). */
export function failureSummary(problem: ApiProblem): Summary {
  return { title: failureTitle(problem), items: failureDetail(problem) };
}

function failureTitle(problem: ApiProblem): string {
  switch (problem.status) {
    case 0:
      return "We could not reach the restaurant service";
    case 409:
      return "Your order is still being placed";
    case 413:
      return "This order is too large";
    case 429:
      return "Too many orders in a short time";
    case 502:
    case 503:
    case 504:
      return "We could not confirm your order";
    default:
      return NOT_ACCEPTED;
  }
}

function failureDetail(problem: ApiProblem): string[] {
  switch (problem.status) {
    case 0:
      return ["Your order may have gone through.", `Check your connection, then ${PLACE_AGAIN}`];
    case 409:
      return [`In a moment, ${PLACE_AGAIN}`];
    case 429:
      return ["Please wait a minute, then place the order again."];
    // 503: Kafka did not confirm the order in time; 502/504 from the proxy: the api went away or took too long. In
    // every case the order may still have reached Kafka.
    case 502:
    case 503:
    case 504:
      return [
        "Your order may have been placed.",
        `${problem.retryAfter !== undefined ? `In ${problem.retryAfter} seconds` : "In a moment"}, ${PLACE_AGAIN}`,
      ];
    default:
      return problem.detail ? [problem.detail] : [];
  }
}
