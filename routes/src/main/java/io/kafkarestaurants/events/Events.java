package io.kafkarestaurants.events;

import java.util.List;

/**
 * Shared checks for event values: a record that fails them is poison and goes to the
 * dead-letter topic.
 */
public final class Events {

    public static final int SCHEMA_VERSION = 1;

    private Events() {
    }

    static void require(String expectedType, String eventType, String orderId, OrderDetails order,
            List<StatusEntry> history) {
        if (!expectedType.equals(eventType)) {
            throw new InvalidEventException("eventType must be " + expectedType + " but was " + eventType);
        }
        if (orderId == null || orderId.isBlank() || order == null || history == null || history.isEmpty()) {
            throw new InvalidEventException(expectedType + " needs an orderId, an order and a history");
        }
    }

}
