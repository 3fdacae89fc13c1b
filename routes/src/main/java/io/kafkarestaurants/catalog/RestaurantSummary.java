package io.kafkarestaurants.catalog;

/** A search hit: the seed's fields ({@code name, style, vegetarian, delivery}) plus the stable {@code id}. */
public record RestaurantSummary(String id, String name, String style, boolean vegetarian, boolean delivery) {
}
