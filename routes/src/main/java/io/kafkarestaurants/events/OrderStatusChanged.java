package io.kafkarestaurants.events;

import java.time.Instant;
import java.util.List;

/**
 * Value of the compacted {@code order_status} topic: a complete snapshot of the order
 * after a change, so the latest record per orderId is all a reader needs.
 * {@code notifiedAt} is set once the customer was mailed.
 */
public record OrderStatusChanged(String eventType, int schemaVersion, String orderId, OrderStatus status, String reason,
        Instant occurredAt, OrderDetails order, List<StatusEntry> history, Instant notifiedAt) {

    public static final String TYPE = "OrderStatusChanged";

    public OrderStatusChanged {
        Events.require(TYPE, eventType, orderId, order, history);
    }

    /**
     * Snapshots only move forward: a longer history, or the same one now notified,
     * supersedes this one.
     */
    public boolean supersededBy(OrderStatusChanged next) {
        int mine = history.size();
        int theirs = next.history().size();
        return theirs > mine || (theirs == mine && notifiedAt == null && next.notifiedAt() != null);
    }
}
