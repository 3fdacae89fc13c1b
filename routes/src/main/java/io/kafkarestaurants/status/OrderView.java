package io.kafkarestaurants.status;

import io.kafkarestaurants.events.CardSummary;
import io.kafkarestaurants.events.Fulfilment;
import io.kafkarestaurants.events.Money;
import io.kafkarestaurants.events.OrderStatus;
import io.kafkarestaurants.events.OrderStatusChanged;
import io.kafkarestaurants.events.RestaurantRef;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /orders/{id}}: status, history, what was ordered, the total and the card's
 * brand + last4.
 */
public record OrderView(
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "0b8e4c52-7c1e-5f0a-9d43-3a2f6e1b9c77") String orderId,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "CONFIRMED") OrderStatus status,
        @Schema(description = "Why it was DECLINED or FAILED", example = "card_declined") String reason,
        @Schema(requiredMode = RequiredMode.REQUIRED) RestaurantRef restaurant,
        @Schema(requiredMode = RequiredMode.REQUIRED) List<Item> items,
        @Schema(requiredMode = RequiredMode.REQUIRED) Money total,
        @Schema(requiredMode = RequiredMode.REQUIRED) CardSummary card,
        @Schema(requiredMode = RequiredMode.REQUIRED) Fulfilment fulfilment,
        @Schema(requiredMode = RequiredMode.REQUIRED) List<Entry> history, @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "The order's mail (confirmation or decline) was sent") boolean notified) {

    @Schema(name = "OrderViewItem")
    public record Item(@Schema(requiredMode = RequiredMode.REQUIRED, example = "margherita") String menuItemId,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "Margherita") String name,
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "2") int quantity,
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "A decimal string in the total's currency",
                    example = "9.50") String unitPrice) {
    }

    /**
     * {@code traceId}: the trace of the processing that made the step, absent when there
     * is none.
     */
    @Schema(name = "OrderViewEntry")
    public record Entry(@Schema(requiredMode = RequiredMode.REQUIRED, example = "PAID") OrderStatus status,
            @Schema(requiredMode = RequiredMode.REQUIRED) Instant at,
            @Schema(description = "Why it was DECLINED or FAILED") String reason,
            @Schema(description = "32 lowercase hex digits",
                    example = "4bf92f3577b34da6a3ce929d0e0e4736") String traceId) {
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
