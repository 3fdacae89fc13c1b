import { apiRequest } from "../../../lib/api-client";

export interface OrderRequest {
  restaurantId: string;
  items: { menuItemId: string; quantity: number }[];
  email: string;
  card: { number: string; expiry: string };
  fulfilment: { type: "delivery"; address: string } | { type: "pickup" };
}

export interface OrderAccepted {
  orderId: string;
  status: "RECEIVED";
  total: { value: string; currency: string };
  statusUrl: string;
}

/**
 * `POST /api/orders`. The Idempotency-Key belongs to one checkout attempt: a retry of the same submission sends
 * the same key, so the server answers the same order instead of placing a second one.
 */
export function placeOrder(order: OrderRequest, idempotencyKey: string): Promise<OrderAccepted> {
  return apiRequest<OrderAccepted>("/orders", {
    method: "POST",
    body: order,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}
