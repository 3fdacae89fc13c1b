package io.kafkarestaurants.order;

import io.kafkarestaurants.events.Money;
import io.kafkarestaurants.events.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * The 202 answer of {@code POST /orders}: what the client needs to follow its order.
 */
public record OrderAccepted(
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "0b8e4c52-7c1e-5f0a-9d43-3a2f6e1b9c77") String orderId,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "RECEIVED, or later for a retried order",
                example = "RECEIVED") OrderStatus status,
        @Schema(requiredMode = RequiredMode.REQUIRED) Money total,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "Where the order's status is read",
                example = "/orders/0b8e4c52-7c1e-5f0a-9d43-3a2f6e1b9c77") String statusUrl) {

    static OrderAccepted of(String orderId, OrderStatus status, Money total) {
        return new OrderAccepted(orderId, status, total, "/orders/" + orderId);
    }

}
