package io.kafkarestaurants.events;

import java.time.Instant;

/**
 * One step of an order's history; {@code reason} is set for DECLINED and FAILED.
 * {@code traceId} is the trace of the processing that made the step (32 lowercase hex
 * digits), absent when it was not traced or made before traces were recorded.
 */
public record StatusEntry(OrderStatus status, Instant at, String reason, String traceId) {

    public static StatusEntry of(OrderStatus status, Instant at, String traceId) {
        return new StatusEntry(status, at, null, traceId);
    }
}
