import { apiRequest } from "../../../lib/api-client";

/** One step of an order's history: when, which status, and where in the flow it was recorded. */
export interface TrailStep {
  at: string;
  status: string;
  node?: string;
  route?: string;
  topic?: string;
  traceId?: string | null;
}

/** `GET /api/flow/orders/{id}`: the route and topic of each step and the order's trace; no email, address or card. */
export interface OrderTrail {
  orderId: string;
  status: string;
  traceId: string | null;
  trail: TrailStep[];
}

/** A 404 problem when there is no such order. */
export function getOrderTrail(orderId: string, signal?: AbortSignal): Promise<OrderTrail> {
  return apiRequest<OrderTrail>(`/flow/orders/${encodeURIComponent(orderId)}`, { signal });
}
