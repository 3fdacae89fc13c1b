import { apiRequest } from "../../../lib/api-client";

export type OrderStatus = "RECEIVED" | "PAID" | "CONFIRMED" | "DECLINED" | "FAILED";

export interface OrderView {
  orderId: string;
  status: OrderStatus;
  /** Set for DECLINED (the bank's reason, e.g. card_declined) and FAILED (e.g. bank_unavailable). */
  reason?: string;
  restaurant: { id: string; name: string };
  items: { menuItemId: string; name: string; quantity: number; unitPrice: string }[];
  total: { value: string; currency: string };
  card: { brand: string; last4: string };
  fulfilment?: { type: "delivery" | "pickup"; address?: string };
  /** traceId: the OpenTelemetry trace of the processing that made the step (for operators), when it was traced. */
  history: { status: OrderStatus; at: string; reason?: string; traceId?: string }[];
  notified: boolean;
}

/** `GET /api/orders/{id}`: the order as it stands; a 404 problem when there is none. */
export function getOrder(orderId: string, signal?: AbortSignal): Promise<OrderView> {
  return apiRequest<OrderView>(`/orders/${encodeURIComponent(orderId)}`, { signal });
}
