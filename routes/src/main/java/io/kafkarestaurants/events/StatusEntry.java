package io.kafkarestaurants.events;

import java.time.Instant;

/** One step of an order's history; {@code reason} is set for DECLINED and FAILED. */
public record StatusEntry(OrderStatus status, Instant at, String reason) {

    public static StatusEntry of(OrderStatus status, Instant at) {
        return new StatusEntry(status, at, null);
    }
}
