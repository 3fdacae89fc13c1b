package io.kafkarestaurants.events;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Value of the {@code order} topic: an accepted order, card sealed. */
public record OrderPlaced(String eventType, int schemaVersion, String orderId, Instant occurredAt, OrderDetails order,
        EncryptedCard payment, List<StatusEntry> history) {

    public static final String TYPE = "OrderPlaced";

    public OrderPlaced {
        Events.require(TYPE, eventType, orderId, order, history);
        Objects.requireNonNull(payment, "payment");
    }

    public static OrderPlaced of(String orderId, Instant at, OrderDetails order, EncryptedCard payment,
            String traceId) {
        return new OrderPlaced(TYPE, Events.SCHEMA_VERSION, orderId, at, order, payment,
                List.of(StatusEntry.of(OrderStatus.RECEIVED, at, traceId)));
    }
}
