package io.kafkarestaurants.events;

import java.time.Instant;
import java.util.List;

/** Value of the {@code order_confirm} topic: the bank approved the charge. */
public record OrderPaid(String eventType, int schemaVersion, String orderId, Instant occurredAt, OrderDetails order,
        String paymentId, List<StatusEntry> history) implements OrderOutcome {

    public static final String TYPE = "OrderPaid";

    public OrderPaid {
        Events.require(TYPE, eventType, orderId, order, history);
    }

    @Override
    public OrderStatus status() {
        return OrderStatus.PAID;
    }
}
