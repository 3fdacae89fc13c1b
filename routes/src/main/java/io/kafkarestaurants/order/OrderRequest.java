package io.kafkarestaurants.order;

import java.util.List;

/** The body of {@code POST /orders} as the client sends it: ids and quantities, never prices. */
public record OrderRequest(String restaurantId, List<Line> items, String email, CardInput card,
                           FulfilmentInput fulfilment) {

    public record Line(String menuItemId, Integer quantity) {
    }

    /** The card as typed; {@link #toString()} never shows the number. */
    public record CardInput(String number, String expiry) {

        @Override
        public String toString() {
            return "CardInput[number=****, expiry=" + expiry + "]";
        }
    }

    public record FulfilmentInput(String type, String address) {
    }
}
