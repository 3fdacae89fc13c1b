package io.kafkarestaurants.events;

public record RestaurantRef(String id, String name) {
}
