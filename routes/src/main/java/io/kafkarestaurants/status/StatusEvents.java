package io.kafkarestaurants.status;

import io.kafkarestaurants.events.Events;
import io.kafkarestaurants.events.History;
import io.kafkarestaurants.events.OrderDeclined;
import io.kafkarestaurants.events.OrderOutcome;
import io.kafkarestaurants.events.OrderPaid;
import io.kafkarestaurants.events.OrderPlaced;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.events.OrderStatusChanged;
import io.kafkarestaurants.events.StatusEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Builds the {@code order_status} snapshot each stage publishes after it changed an
 * order.
 */
public class StatusEvents {

    private final Clock clock;

    public StatusEvents(Clock clock) {
        this.clock = clock;
    }

    public OrderStatusChanged received(OrderPlaced order) {
        return snapshot(order.orderId(), order.order(), order.history(), null);
    }

    /** PAID or DECLINED, as decided by the bank. */
    public OrderStatusChanged decided(OrderOutcome outcome) {
        return snapshot(outcome.orderId(), outcome.order(), outcome.history(), null);
    }

    /**
     * CONFIRMED after the confirmation mail of a paid order was accepted by SMTP, in the
     * trace of the mail.
     */
    public OrderStatusChanged confirmed(OrderPaid paid, String traceId) {
        Instant now = clock.instant();
        return snapshot(paid.orderId(), paid.order(),
                History.append(paid.history(), StatusEntry.of(OrderStatus.CONFIRMED, now, traceId)), now);
    }

    /** Still DECLINED, now with the decline mail sent. */
    public OrderStatusChanged declineNotified(OrderDeclined declined) {
        return snapshot(declined.orderId(), declined.order(), declined.history(), clock.instant());
    }

    /**
     * FAILED: a stage gave up on the order after its retries; {@code stageEvent} is what
     * it was working on. A declined order stays DECLINED. The FAILED entry is marked with
     * the trace of the stage's work.
     */
    public OrderStatusChanged failed(Object stageEvent, Throwable failure, String traceId) {
        return failed(stageEvent, FailureReasons.of(failure), traceId);
    }

    private OrderStatusChanged failed(Object stageEvent, String reason, String traceId) {
        if (stageEvent instanceof OrderDeclined declined) {
            // Declined is final: a decline mail given up on leaves the order DECLINED
            // (not marked notified), never
            // a second terminal state.
            return decided(declined);
        }
        StatusEntry failed = new StatusEntry(OrderStatus.FAILED, clock.instant(), reason, traceId);
        if (stageEvent instanceof OrderPlaced placed) {
            return snapshot(placed.orderId(), placed.order(), History.append(placed.history(), failed), null);
        }
        if (stageEvent instanceof OrderOutcome outcome) {
            return snapshot(outcome.orderId(), outcome.order(), History.append(outcome.history(), failed), null);
        }
        throw new IllegalArgumentException("Not an order event: " + stageEvent.getClass().getName());
    }

    private OrderStatusChanged snapshot(String orderId, io.kafkarestaurants.events.OrderDetails order,
            List<StatusEntry> history, Instant notifiedAt) {
        StatusEntry last = history.get(history.size() - 1);
        return new OrderStatusChanged(OrderStatusChanged.TYPE, Events.SCHEMA_VERSION, orderId, last.status(),
                last.reason(), clock.instant(), order, history, notifiedAt);
    }

}
