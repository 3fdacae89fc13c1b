import type { OrderStatus, OrderView } from "./api/get-order";

export const TERMINAL: ReadonlySet<OrderStatus> = new Set(["CONFIRMED", "DECLINED", "FAILED"]);

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL.has(status);
}

export const STATUS_LABELS: Record<OrderStatus, string> = {
  RECEIVED: "Received",
  PAID: "Paid",
  CONFIRMED: "Confirmed",
  DECLINED: "Declined",
  FAILED: "Failed",
};

const STATUS_DESCRIPTIONS: Record<OrderStatus, string> = {
  RECEIVED: "We have your order and are charging your card.",
  PAID: "Your payment went through. The restaurant confirmation is on its way.",
  CONFIRMED: "Your order is confirmed. A confirmation mail has been sent.",
  DECLINED: "The payment was declined, so the order was not placed.",
  FAILED: "Something went wrong while processing your order.",
};

const DECLINE_REASONS: Record<string, string> = {
  card_declined: "The card was declined",
  insufficient_funds: "Insufficient funds",
};

// Every reason code the stages give a FAILED order (FailureReasons in the routes).
const FAILURE_REASONS: Record<string, string> = {
  bank_unavailable: "The bank could not be reached",
  mail_unavailable: "The confirmation mail could not be sent",
  card_unreadable: "The card details could not be read; the card was not charged",
  card_key_unknown: "The card details could not be read; the card was not charged",
  io_error: "A system error stopped the order",
  processing_error: "A system error stopped the order",
};

/** The reason in words: known codes are explained, any other code is shown as it is. */
export function reasonText(status: OrderStatus, reason: string | undefined): string | undefined {
  if (!reason) {
    return undefined;
  }
  const known =
    status === "DECLINED" ? DECLINE_REASONS[reason] : status === "FAILED" ? FAILURE_REASONS[reason] : undefined;
  return known ?? reason;
}

export function statusDescription(status: OrderStatus): string {
  return STATUS_DESCRIPTIONS[status];
}

export interface TimelineStep {
  status: OrderStatus;
  state: "done" | "current" | "pending" | "failed";
  at?: string;
  reason?: string;
}

const HAPPY_PATH: OrderStatus[] = ["RECEIVED", "PAID", "CONFIRMED"];

/**
 * RECEIVED → PAID → CONFIRMED with what is reached so far; a DECLINED or FAILED order shows the steps it reached
 * and ends on its terminal state with the reason.
 */
export function timeline(order: Pick<OrderView, "status" | "history" | "reason">): TimelineStep[] {
  const seen = new Map(order.history.map((h) => [h.status, h]));
  const failed = order.status === "DECLINED" || order.status === "FAILED";
  if (!failed) {
    const reached = HAPPY_PATH.indexOf(order.status);
    return HAPPY_PATH.map((status, index) => ({
      status,
      state:
        index < reached || (index === reached && status === "CONFIRMED")
          ? "done"
          : index === reached
            ? "current"
            : "pending",
      at: seen.get(status)?.at,
    }));
  }
  const before = HAPPY_PATH.filter((s) => s === "RECEIVED" || seen.has(s)).filter((s) => s !== "CONFIRMED");
  const end = seen.get(order.status);
  return [
    ...before.map((status): TimelineStep => ({ status, state: "done", at: seen.get(status)?.at })),
    {
      status: order.status,
      state: "failed",
      at: end?.at,
      reason: reasonText(order.status, order.reason ?? end?.reason),
    },
  ];
}
