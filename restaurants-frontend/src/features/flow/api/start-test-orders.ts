import { apiRequest } from "../../../lib/api-client";
import type { TestRun } from "./get-flow";

export interface TestOrdersRequest {
  count: number;
  ratePerSecond: number;
  /** The share of orders paid with a declining test card, 0 to 1. */
  declineShare: number;
}

/**
 * `POST /api/flow/test-orders`: 202 with the run; a 400 problem naming the field out of bounds, 409 while a run is in
 * progress, 404 when test orders are disabled.
 */
export function startTestOrders(request: TestOrdersRequest): Promise<TestRun> {
  return apiRequest<TestRun>("/flow/test-orders", { method: "POST", body: request });
}
