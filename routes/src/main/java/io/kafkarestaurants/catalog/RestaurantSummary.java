package io.kafkarestaurants.catalog;

/**
 * A search hit: the seed's fields ({@code name, style, vegetarian, delivery}) plus the
 * stable {@code id} and {@code recentOrders}, the restaurant's orders of the last hour or
 * so (a decayed count, rounded; see restaurants.popularity.window).
 */
public record RestaurantSummary(String id, String name, String style, boolean vegetarian, boolean delivery,
        int recentOrders) {
}
