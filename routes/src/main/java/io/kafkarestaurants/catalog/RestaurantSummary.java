package io.kafkarestaurants.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/**
 * A search hit: the seed's fields ({@code name, style, vegetarian, delivery}) plus the
 * stable {@code id} and {@code recentOrders}, the restaurant's orders of the last hour or
 * so (a decayed count, rounded; see restaurants.popularity.window).
 */
public record RestaurantSummary(@Schema(requiredMode = RequiredMode.REQUIRED, example = "amore-mio") String id,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "Amore Mio") String name,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "Italian") String style,
        @Schema(requiredMode = RequiredMode.REQUIRED) boolean vegetarian,
        @Schema(requiredMode = RequiredMode.REQUIRED) boolean delivery, @Schema(requiredMode = RequiredMode.REQUIRED,
                description = "Orders of about the last hour (decayed, rounded)", example = "4") int recentOrders) {
}
