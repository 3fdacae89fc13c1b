package io.kafkarestaurants.status;

import io.kafkarestaurants.events.CardSummary;
import io.kafkarestaurants.events.Fulfilment;
import io.kafkarestaurants.events.Money;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.events.OrderStatusChanged;
import io.kafkarestaurants.events.RestaurantRef;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /orders/{id}}: status, history, what was ordered, the total and the card's
 * brand + last4.
 */
public record OrderView(String orderId, OrderStatus status, String reason, RestaurantRef restaurant, List<Item> items,
        Money total, CardSummary card, Fulfilment fulfilment, List<Entry> history, boolean notified) {

    public record Item(String menuItemId, String name, int quantity, String unitPrice) {
    }

    /**
     * {@code traceId}: the trace of the processing that made the step, absent when there
     * is none.
     */
    public record Entry(OrderStatus status, Instant at, String reason, String traceId) {
    }

    static OrderView of(OrderStatusChanged snapshot) {
        var order = snapshot.order();
        return new OrderView(snapshot.orderId(), snapshot.status(), snapshot.reason(), order.restaurant(),
                order.items()
                    .stream()
                    .map(line -> new Item(line.menuItemId(), line.name(), line.quantity(), line.unitPrice()))
                    .toList(),
                order.total(), order.card(), order.fulfilment(),
                snapshot.history()
                    .stream()
                    .map(entry -> new Entry(entry.status(), entry.at(), entry.reason(), entry.traceId()))
                    .toList(),
                snapshot.notifiedAt() != null);
    }
}
