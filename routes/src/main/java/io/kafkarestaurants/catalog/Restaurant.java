package io.kafkarestaurants.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Optional;

/** A restaurant of the catalog with its menu; prices are in {@code currency}. */
public record Restaurant(@Schema(requiredMode = RequiredMode.REQUIRED, example = "amore-mio") String id,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "Amore Mio") String name,
        @Schema(requiredMode = RequiredMode.REQUIRED, example = "Italian") String style,
        @Schema(requiredMode = RequiredMode.REQUIRED) boolean vegetarian,
        @Schema(requiredMode = RequiredMode.REQUIRED) boolean delivery,
        @Schema(requiredMode = RequiredMode.REQUIRED, description = "ISO 4217", example = "EUR") String currency,
        @Schema(requiredMode = RequiredMode.REQUIRED) List<MenuItem> menu) {

    public Restaurant {
        menu = List.copyOf(menu);
    }

    public Optional<MenuItem> item(String itemId) {
        return menu.stream().filter(item -> item.id().equals(itemId)).findFirst();
    }

    public RestaurantSummary summary(int recentOrders) {
        return new RestaurantSummary(id, name, style, vegetarian, delivery, recentOrders);
    }
}
