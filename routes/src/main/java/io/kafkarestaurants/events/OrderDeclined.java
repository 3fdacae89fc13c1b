package io.kafkarestaurants.events;

import java.time.Instant;
import java.util.List;

/** Value of the {@code order_declined} topic: the bank said no, with its reason. */
public record OrderDeclined(String eventType, int schemaVersion, String orderId, Instant occurredAt, OrderDetails order,
        String reason, List<StatusEntry> history) implements OrderOutcome {

    public static final String TYPE = "OrderDeclined";

    public OrderDeclined {
        Events.require(TYPE, eventType, orderId, order, history);
    }

    @Override
    public OrderStatus status() {
        return OrderStatus.DECLINED;
    }
}
