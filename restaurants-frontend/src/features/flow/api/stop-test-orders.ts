import { apiRequest } from "../../../lib/api-client";

/** `DELETE /api/flow/test-orders`: stops the running run of test orders (204). */
export function stopTestOrders(): Promise<void> {
  return apiRequest<void>("/flow/test-orders", { method: "DELETE" });
}
