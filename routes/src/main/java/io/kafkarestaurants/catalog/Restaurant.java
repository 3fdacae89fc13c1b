package io.kafkarestaurants.catalog;

import java.util.List;
import java.util.Optional;

/** A restaurant of the catalog with its menu; prices are in {@code currency}. */
public record Restaurant(String id, String name, String style, boolean vegetarian, boolean delivery, String currency,
        List<MenuItem> menu) {

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
