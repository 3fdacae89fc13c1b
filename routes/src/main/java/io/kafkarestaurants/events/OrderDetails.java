package io.kafkarestaurants.events;

import java.util.List;
import java.util.Objects;

/**
 * What every stage knows of an order: never the card number, only its brand and last4.
 */
public record OrderDetails(RestaurantRef restaurant, List<OrderLine> items, Money total, String email,
        Fulfilment fulfilment, CardSummary card) {

    public OrderDetails {
        Objects.requireNonNull(restaurant, "restaurant");
        Objects.requireNonNull(items, "items");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(card, "card");
        items = List.copyOf(items);
    }
}
